package org.accommodate.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.accommodate.InputException;
import org.accommodate.batch.Batch.Item;
import org.accommodate.ledger.Ledger;

/**
 * The letters a batch has begun to publish, one line each, forced to disk before the letter's
 * ledger entry and file, and a short line once the letter is under its name: if the process ends
 * without writing manifest.json (killed, out of power), this file is how {@code --resume} knows
 * which requests already have their letter — published ones, even if since moved out of the
 * folder, and ones whose letter reached its name with the recorded hash just before the end.
 * Removed once manifest.json is written.
 */
final class Journal implements AutoCloseable {
  static final String NAME = "unfinished-batch.jsonl";

  private final Path path;
  private final FileChannel channel;

  private Journal(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Starts the journal of a batch, or continues an unfinished one's when resuming it. The batch
   * holds a lock on it until its manifest is written: a second batch into the same folder is
   * refused while the first runs, and the lock goes with the process however it ends.
   */
  static Journal open(Path folder, String shownDir, boolean resume) {
    Path path = folder.resolve(NAME);
    FileChannel channel;
    try {
      channel = create(path);
    } catch (IOException e) {
      throw InputException.io("--out-dir: cannot write " + path, e);
    }
    try {
      if (!locked(channel)) {
        throw busy(shownDir);
      }
      if (!resume) {
        channel.truncate(0);
      }
      channel.position(channel.size());
      return new Journal(path, channel);
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the error above is the one to report
      }
      throw InputException.io("--out-dir: cannot write " + path, e);
    }
  }

  private static FileChannel create(Path path) throws IOException {
    return org.accommodate.output.AtomicOutput.openOwnerOnly(path,
        java.util.EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
  }

  // Whether this process now holds the journal's lock; false when another batch does.
  private static boolean locked(FileChannel channel) throws IOException {
    try {
      if (channel.tryLock() != null) {
        return true;
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      // held by a batch of this very process
    }
    channel.close();
    return false;
  }

  /** Whether a batch is writing into {@code folder} now (it holds its journal's lock). */
  static boolean inUse(Path folder) {
    try {
      FileChannel channel = FileChannel.open(folder.resolve(NAME), StandardOpenOption.WRITE);
      if (!locked(channel)) {
        return true;  // locked() closed it
      }
      channel.close();  // and with it the lock
      return false;
    } catch (IOException e) {
      return false;  // no journal, or one this user cannot open: reading it will say so
    }
  }

  static InputException busy(String shownDir) {
    return new InputException("--out-dir: another batch is writing into " + shownDir + " now; wait until it ends");
  }

  /** Called by the one writer thread before it publishes the item's letter. */
  void record(Item item, Path folder) throws IOException {
    append(Manifest.JSON.writeValueAsString(Manifest.node(item, folder)));
  }

  /** Called by the writer once the letter is under its name. */
  void published(String letterId) throws IOException {
    append(Manifest.JSON.createObjectNode().put(PUBLISHED, letterId).toString());
  }

  private static final String PUBLISHED = "published";

  private void append(String json) throws IOException {
    byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(line);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  /** The batch's manifest is written: nothing here is needed any more. Removed before unlocked. */
  void finish() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // A journal left beside a complete manifest only makes the next batch here ask for --resume.
    }
    close();
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
   * What an unfinished batch's journal says: the letters it published (lines whose letter is in
   * the folder with the recorded hash), the IDs of those it began but never wrote, and the
   * patient's copies written for those (a copy goes before its letter).
   */
  record Contents(List<Item> published, java.util.Set<String> unwritten, List<Path> strayCopies) {}

  /**
   * Reads the journal of an unfinished batch. A last line cut short by the crash is skipped; any
   * other damage is refused.
   */
  static Contents read(Path folder, String shown) {
    Path path = folder.resolve(NAME);
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InputException.io("--resume: cannot read " + shown, e);
    }
    List<Item> begun = new ArrayList<>();
    Set<String> published = new java.util.HashSet<>();
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
      if (node.hasNonNull(PUBLISHED)) {
        published.add(node.get(PUBLISHED).asText());
      } else {
        begun.add(Manifest.item(node, folder, shown));
      }
    }
    List<Item> items = new ArrayList<>();
    java.util.Set<String> unwritten = new java.util.TreeSet<>();
    List<Path> strayCopies = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Item item : begun) {
      if (item.letter() != null && seen.add(item.letter().id())) {
        if (published.contains(item.letter().id()) || matches(item.letter())) {
          items.add(item);
        } else {
          unwritten.add(item.letter().id());
          if (item.letter().patientCopy() != null) {
            strayCopies.add(item.letter().patientCopy());
          }
        }
      }
    }
    return new Contents(items, unwritten, strayCopies);
  }

  private static boolean matches(Batch.Letter letter) {
    try {
      return Files.isRegularFile(letter.file()) && Ledger.sha256(Files.readAllBytes(letter.file())).equals(letter.sha256());
    } catch (IOException e) {
      return false;
    }
  }
}
