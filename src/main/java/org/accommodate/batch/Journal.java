package org.accommodate.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.accommodate.InputException;
import org.accommodate.batch.Batch.Item;
import org.accommodate.ledger.Ledger;

/**
 * The letters a batch has begun to publish, one line each, forced to disk before the letter's
 * ledger entry and file: if the process ends without writing manifest.json (killed, out of power),
 * this file is how {@code --resume} knows which requests already have their letter. A line counts
 * only if its letter reached its name with the hash the line gives. Removed once manifest.json is
 * written.
 */
final class Journal implements AutoCloseable {
  static final String NAME = "unfinished-batch.jsonl";

  private final Path path;
  private final FileChannel channel;

  private Journal(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /** Starts the journal of a batch, or continues an unfinished one's when resuming it. */
  static Journal open(Path folder, boolean resume) {
    Path path = folder.resolve(NAME);
    try {
      if (!resume) {
        Files.deleteIfExists(path);
      }
      if (!Files.exists(path)) {
        try {
          Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(path);
        }
      }
      return new Journal(path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw InputException.io("--out-dir: cannot write " + path, e);
    }
  }

  /** Called by the one writer thread before it publishes the item's letter. */
  void record(Item item, Path folder) throws IOException {
    byte[] line = (Manifest.JSON.writeValueAsString(Manifest.node(item, folder)) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(line);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  /** The batch's manifest is written: nothing here is needed any more. */
  void finish() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A journal left beside a complete manifest only makes the next batch here ask for --resume.
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Every line was forced to disk when written.
    }
  }

  /**
   * The letters an unfinished batch published: lines whose letter is in the folder with the
   * recorded hash. A last line cut short by the crash is skipped; any other damage is refused.
   */
  static List<Item> published(Path folder, String shown) {
    Path path = folder.resolve(NAME);
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputException.io("--resume: cannot read " + shown, e);
    }
    List<Item> items = new ArrayList<>();
    Set<Path> seen = new java.util.HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonNode node;
      try {
        node = Manifest.JSON.readTree(lines.get(i));
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break;  // the line being written when the process ended
        }
        throw new InputException("--resume: " + shown + " line " + (i + 1) + " is damaged", e);
      }
      Item item = Manifest.item(node, folder, shown);
      if (item.letter() != null && seen.add(item.letter().file()) && matches(item.letter())) {
        items.add(item);
      }
    }
    return items;
  }

  private static boolean matches(Batch.Letter letter) {
    try {
      return Files.isRegularFile(letter.file()) && Ledger.sha256(Files.readAllBytes(letter.file())).equals(letter.sha256());
    } catch (IOException e) {
      return false;
    }
  }
}
