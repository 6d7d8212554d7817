package org.accommodate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files that must be small (requests, profiles, lists, CRLs, letters) through a limit
 * rather than by the size the file system reports: a device such as /dev/zero or a pipe reports
 * 0 and may never end, and reading it all ran the process out of memory or hung it.
 */
public final class SmallFiles {
  /** A file that holds more than the limit it was read with. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("larger than the limit");
    }
  }

  /** The most a letter (or a certificate file handed in its place) may hold: ours are tens of KB. */
  public static final long LETTER_BYTES = 32L * 1024 * 1024;

  private SmallFiles() {}

  /** The bytes of {@code file}, at most {@code limit} of them, else {@link TooLarge}. */
  public static byte[] read(Path file, long limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, limit);
    }
  }

  /** The same for a stream (standard input). */
  public static byte[] read(InputStream in, long limit) throws IOException {
    byte[] bytes = in.readNBytes(Math.toIntExact(Math.min(limit + 1, Integer.MAX_VALUE - 8)));
    if (bytes.length > limit) {
      throw new TooLarge();
    }
    return bytes;
  }
}
