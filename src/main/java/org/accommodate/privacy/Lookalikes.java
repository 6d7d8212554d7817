package org.accommodate.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Letters of other scripts that look like an ASCII letter (Cyrillic а, Greek ο, Cherokee Ꭺ …),
 * read as that letter, so that a term spelt with look-alikes is still found. The table comes from
 * Unicode's confusables data; it is loaded on the first text that is not plain ASCII.
 */
final class Lookalikes {
  private Lookalikes() {}

  private static final class Table {
    static final int[] FROM;
    static final char[] TO;

    static {
      List<String> lines;
      try (InputStream in = Lookalikes.class.getResourceAsStream("lookalikes.tsv")) {
        lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      FROM = new int[lines.size()];
      TO = new char[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        String[] parts = lines.get(i).split("\t");
        FROM[i] = Integer.parseInt(parts[0], 16);
        TO[i] = parts[1].charAt(0);
      }
    }
  }

  /** The ASCII letter c looks like, or c itself. */
  static int latin(int c) {
    if (c < 0x80) {
      return c;
    }
    int at = Arrays.binarySearch(Table.FROM, c);
    return at >= 0 ? Table.TO[at] : c;
  }
}
