package org.accommodate.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.batch.Batch.Item;
import org.accommodate.ledger.Ledger;

/**
 * What earlier batches into the same folder did: manifest.json, and the journal of a batch that
 * ended without writing one. A resumed batch answers a request from here when it already has a
 * letter, so that running a batch again discloses no patient's facts twice.
 */
final class EarlierRun {
  private static final EarlierRun NONE = new EarlierRun(List.of(), Set.of(), List.of());

  private final Map<Path, Item> byInput = new LinkedHashMap<>();
  private final Map<String, Item> byRequest = new LinkedHashMap<>();
  private final Set<String> unwritten;
  private final List<Path> strayCopies;

  private EarlierRun(List<Item> items, Set<String> unwritten, List<Path> strayCopies) {
    this.unwritten = Set.copyOf(unwritten);
    this.strayCopies = List.copyOf(strayCopies);
    // Later records win: the journal is newer than the manifest it continues.
    for (Item item : items) {
      byInput.put(key(item.input()), item);
      if (item.letter() != null && item.letter().requestSha256() != null) {
        byRequest.put(item.letter().requestSha256(), item);
      }
    }
  }

  /**
   * What the folder holds, read before the key is unlocked. Without {@code resume} a folder with
   * an earlier batch is refused unless {@code force} replaces it; with it, a folder without one is.
   */
  static EarlierRun of(Path folder, Path outDir, boolean force, boolean resume) {
    Path manifest = folder.resolve(Manifest.NAME);
    Path journal = folder.resolve(Journal.NAME);
    boolean hasManifest = Files.exists(manifest);
    boolean unfinished = Files.exists(journal);
    if (resume && force) {
      throw new InputException("--resume: cannot be combined with --force, which starts the batch over");
    }
    if (unfinished && Journal.inUse(folder)) {
      throw Journal.busy(outDir.toString());
    }
    if (!resume) {
      if (force) {
        return NONE;
      }
      if (unfinished) {
        throw new InputException("--out-dir: " + outDir + " holds a batch that ended before writing its manifest; "
            + "use --resume to issue only the requests it did not, or --force to start over");
      }
      if (hasManifest) {
        throw new InputException("--out-dir: " + outDir + " already holds the manifest.json of an earlier batch; "
            + "use --resume to issue only the requests it did not, choose another folder, or use --force to replace it");
      }
      return NONE;
    }
    if (!hasManifest && !unfinished) {
      throw new InputException("--resume: " + outDir + " holds no earlier batch (no manifest.json)");
    }
    List<Item> items = new ArrayList<>();
    if (hasManifest) {
      items.addAll(Manifest.read(manifest, folder, outDir.resolve(Manifest.NAME).toString()));
    }
    Set<String> unwritten = Set.of();
    List<Path> strayCopies = List.of();
    if (unfinished) {
      Journal.Contents contents = Journal.read(folder, outDir.resolve(Journal.NAME).toString());
      items.addAll(contents.published());
      unwritten = contents.unwritten();
      strayCopies = contents.strayCopies();
    }
    return new EarlierRun(items, unwritten, strayCopies);
  }

  /** IDs of letters a killed batch began to publish but never wrote (some may be in the ledger). */
  Set<String> unwritten() {
    return unwritten;
  }

  /**
   * Patient's copies a killed batch wrote for letters it never wrote: they carry an ID no letter
   * has, so a resumed batch removes them (their requests get a new letter and copy).
   */
  List<Path> strayCopies() {
    return strayCopies;
  }

  /**
   * For each request file, the item an earlier run gives it — its letter, or a refusal when the
   * file changed since its letter was issued — or null when this run is to make its letter.
   */
  Item[] answers(List<Path> files, Letters letters) {
    Item[] answers = new Item[files.size()];
    if (byInput.isEmpty()) {
      return answers;
    }
    for (int i = 0; i < files.size(); i++) {
      answers[i] = answer(files.get(i), requestSha256(files.get(i), letters));
    }
    return answers;
  }

  // By the file's name first: a request the earlier run failed or did not reach is issued now.
  // A name the earlier run never saw (a moved folder) is matched by content.
  private Item answer(Path file, String requestSha256) {
    Item before = byInput.get(key(file));
    if (before == null) {
      Item same = requestSha256 == null ? null : byRequest.get(requestSha256);
      return same == null ? null : new Item(file, 0, null, same.letter(), true);
    }
    if (before.letter() == null) {
      return null;
    }
    // A manifest older than --resume recorded no request hash, and an unreadable file has none:
    // the name alone says the request was answered.
    String then = before.letter().requestSha256();
    if (then == null || requestSha256 == null || then.equals(requestSha256)) {
      return new Item(file, 0, null, before.letter(), true);
    }
    // Refused, and still mapped to the letter it was issued: manifest.json keeps that letter's entry.
    return new Item(file, 2, "changed since letter " + before.letter().id() + " was issued from it; "
        + "a corrected letter is a new disclosure: issue it on its own with 'accommodate letter'", before.letter(), false);
  }

  private static Path key(Path input) {
    return input.toAbsolutePath().normalize();
  }

  private static String requestSha256(Path file, Letters letters) {
    try {
      return Ledger.sha256(letters.requestBytes(file));
    } catch (InputException e) {
      return null;  // its worker will say why it cannot be read
    }
  }

  /**
   * Earlier items of request files this run was not given, so that manifest.json keeps mapping
   * every request to its letter; a letter this run answered a moved file with is not kept twice.
   */
  List<Item> others(List<Path> files, Item[] answers) {
    Set<Path> given = new HashSet<>(files.stream().map(EarlierRun::key).toList());
    Set<String> claimed = new HashSet<>();
    for (Item answer : answers) {
      if (answer != null && answer.letter() != null) {
        claimed.add(answer.letter().id());
      }
    }
    return byInput.values().stream()
        .filter(item -> !given.contains(key(item.input())))
        .filter(item -> item.letter() == null || !claimed.contains(item.letter().id()))
        .toList();
  }
}
