package org.accommodate.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.accommodate.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
  private static List<String> lines(Path file) throws Exception {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  private static Path ledgerWith(Path dir, int count) {
    Path file = dir.resolve("ledger.jsonl");
    Ledger ledger = new Ledger(file);
    for (int i = 0; i < count; i++) {
      ledger.append(LedgerAppender.entry("L" + i));
    }
    return file;
  }

  @Test
  void appendsNumberedChainedEntriesThatVerify(@TempDir Path dir) {
    Path file = ledgerWith(dir, 5);
    LedgerCheck check = new Ledger(file).verify();

    assertTrue(check.intact(), check.problem());
    assertEquals(5, check.entries().size());
    assertEquals(Ledger.GENESIS, check.entries().get(0).prev());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), check.entries().stream().map(LedgerEntry::seq).toList());
  }

  // A new ledger is owner-only whatever the umask (its lines name patients' references and
  // employers; it was world-readable); a ledger a clinic shares on purpose keeps its permissions.
  @Test
  void aNewLedgerIsOwnerOnlyAndASharedOneStaysShared(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 1);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    new Ledger(file).append(LedgerAppender.entry("L1"));
    assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void editingAnEntryIsDetectedAndTheLineNamed(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 5);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("Acme Logistics", "Acme Logistic"));
    Files.write(file, lines);

    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals(3, check.badLine(), check.problem());
    assertEquals("line 3 was changed after it was written (its own hash no longer matches)", check.problem());
  }

  // The chain shows an edit by the next line's link to it; the last line has no next line, and
  // an edit there (recipient, patient, letter hash) verified until each line carried its own hash.
  @Test
  void anEditToTheLastEntryIsDetected(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    List<String> original = lines(file);
    List<String> lines = new ArrayList<>(original);
    lines.set(2, lines.get(2).replace("Acme Logistics", "Acme Logistict"));
    Files.write(file, lines);
    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals(3, check.badLine(), check.problem());

    lines.set(2, original.get(2).replace("Acme Logistics", "Acme Logistict").replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", ""));
    Files.write(file, lines);
    check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals("line 3 lacks the hash of its own that the lines before it carry (it was changed after it was"
        + " written)", check.problem());
  }

  // Ledgers written before lines carried their own hash verify as they did, and grow sealed lines.
  @Test
  void aLedgerFromBeforeOwnHashesStillVerifiesAndGrows(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    List<String> older = new ArrayList<>();
    String previous = Ledger.GENESIS;
    for (String line : lines(file)) {
      String old = line.replaceFirst(",\"hash\":\"[0-9a-f]{64}\"", "").replaceFirst("\"prev\":\"[0-9a-f]{64}\"",
          "\"prev\":\"" + previous + "\"");
      older.add(old);
      previous = Ledger.sha256(old.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(file, older);
    Files.deleteIfExists(new Ledger(file).checkpointFile());
    assertTrue(new Ledger(file).verify().intact(), new Ledger(file).verify().problem());

    newRun(file).append(LedgerAppender.entry("L3"));
    LedgerCheck check = new Ledger(file).verify();
    assertTrue(check.intact(), check.problem());
    assertEquals(4, check.entries().size());
    assertTrue(lines(file).get(3).contains("\"hash\":\""), lines(file).get(3));
  }

  @Test
  void deletingAnEntryIsDetected(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 5);
    List<String> lines = lines(file);
    lines.remove(1);
    Files.write(file, lines);

    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals(2, check.badLine(), check.problem());
  }

  @Test
  void reorderingEntriesIsDetected(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 5);
    List<String> lines = lines(file);
    Collections.swap(lines, 2, 3);
    Files.write(file, lines);

    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals(3, check.badLine(), check.problem());
  }

  @Test
  void removingTheLastEntryIsShownByTheCheckpointElseOnlyByTheLetterCheck(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    List<String> lines = lines(file);
    lines.remove(2);
    Files.write(file, lines);
    assertFalse(new Ledger(file).verify().intact(), "the checkpoint the last append left counts 3");
    // Removed with its checkpoint, a truncated tail is a valid shorter ledger; what proves the loss
    // is then the letter's own hash, which 'ledger verify --letter' no longer finds.
    Files.delete(new Ledger(file).checkpointFile());
    LedgerCheck check = new Ledger(file).verify();
    assertTrue(check.intact());
    assertEquals(2, check.entries().size());
  }

  @Test
  void entriesRemovedBehindARunningBatchStopItsNextAppend(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);  // appended by this process, which remembers what it wrote
    List<String> lines = lines(file);
    lines.remove(2);
    Files.write(file, lines);
    InputException refused = assertThrows(InputException.class,
        () -> new Ledger(file).append(LedgerAppender.entry("Z")));
    assertTrue(refused.getMessage().contains("entries were removed"), refused.getMessage());
    assertEquals(2, lines(file).size(), "nothing was appended");
  }

  @Test
  void anEditToTheLineThisRunLastWroteStopsItsNextAppend(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"L2\"", "\"X2\""));
    Files.write(file, lines);
    assertThrows(InputException.class, () -> new Ledger(file).append(LedgerAppender.entry("Z")));
    assertEquals(3, lines(file).size(), "nothing was appended");
  }

  // A new process: nothing remembered in memory, only the checkpoint file the last run left.
  private static Ledger newRun(Path file) {
    Ledger ledger = new Ledger(file);
    ledger.forgetRun();
    return ledger;
  }

  @Test
  void aNewRunStillRefusesALedgerEditedBeforeItsCheckpoint(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 6);
    newRun(file).append(LedgerAppender.entry("N"));  // a run chains all 6 and leaves a checkpoint
    assertTrue(Files.isRegularFile(dir.resolve("ledger.jsonl.checkpoint")));
    List<String> lines = lines(file);
    lines.set(1, lines.get(1).replace("\"L1\"", "\"X1\""));
    Files.write(file, lines);

    InputException refused = assertThrows(InputException.class, () -> newRun(file).append(LedgerAppender.entry("Z")));
    assertTrue(refused.getMessage().contains("line 2"), refused.getMessage());
    assertEquals(7, lines(file).size(), "nothing was appended");
  }

  @Test
  void aNewRunChainsTheLinesAddedAfterTheCheckpoint(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 4);
    newRun(file).append(LedgerAppender.entry("N"));  // checkpoint: the first 4 entries
    Ledger other = newRun(file);
    other.append(LedgerAppender.entry("A"));
    other.append(LedgerAppender.entry("B"));
    List<String> lines = lines(file);
    lines.set(6, lines.get(6).replace("\"B\"", "\"C\""));  // the last line, after the checkpoint
    lines.set(5, lines.get(5).replace("\"A\"", "\"D\""));
    Files.write(file, lines);

    assertThrows(InputException.class, () -> newRun(file).append(LedgerAppender.entry("Z")));
    assertEquals(7, lines(file).size(), "nothing was appended");
  }

  // Found by hand: the last entry cut off, or an older copy of the ledger put back (a backup, a
  // sync conflict), verified as intact and took new letters, silently dropping disclosures the
  // accounting must list. The chain cannot show it; the checkpoint each append leaves can.
  @Test
  void entriesCutFromTheEndOrAnOlderCopyPutBackAreRefusedAndReported(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    List<String> all = lines(file);
    Files.write(file, all.subList(0, 2));
    InputException cut = assertThrows(InputException.class, () -> newRun(file).append(LedgerAppender.entry("Z")));
    assertTrue(cut.getMessage().contains("it holds 2 entries, but its last append here verified 3 entries"
        + " (ledger.jsonl.checkpoint): entries were cut from its end, or an older copy was put in its place;"
        + " restore the complete ledger"), cut.getMessage());
    assertEquals(2, lines(file).size(), "nothing was appended");
    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertTrue(check.problem().startsWith("it holds 2 entries"), check.problem());

    // The older copy appended to elsewhere (its checkpoint gone with it), then put back.
    Path checkpoint = dir.resolve("ledger.jsonl.checkpoint");
    byte[] seen = Files.readAllBytes(checkpoint);
    Files.delete(checkpoint);
    newRun(file).append(LedgerAppender.entry("Y"));
    Files.write(checkpoint, seen);
    InputException forked = assertThrows(InputException.class, () -> newRun(file).append(LedgerAppender.entry("Z")));
    assertTrue(forked.getMessage().contains("its entry 3 is not the one its last append here verified as entry 3"),
        forked.getMessage());
    assertFalse(new Ledger(file).verify().intact());

    // The ledger removed: refused until the checkpoint goes too, which starts a new ledger.
    Files.write(file, all);
    assertEquals(4, newRun(file).append(LedgerAppender.entry("W")).seq());
    Files.delete(file);
    InputException gone = assertThrows(InputException.class, () -> newRun(file).checkAppendable());
    assertTrue(gone.getMessage().contains("it is empty or missing, but its last append here verified 4 entries"),
        gone.getMessage());
    assertThrows(InputException.class, () -> newRun(file).append(LedgerAppender.entry("Z")));
    Files.delete(checkpoint);
    assertEquals(1, newRun(file).append(LedgerAppender.entry("V")).seq());
  }

  // A batch writes no checkpoint per letter (a file forced to disk each time) but one at its end.
  @Test
  void aBatchDefersItsCheckpointToItsEnd(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 2);
    Path checkpoint = dir.resolve("ledger.jsonl.checkpoint");
    Ledger batch = newRun(file);
    batch.deferCheckpoints();
    for (int i = 0; i < 3; i++) {
      batch.append(LedgerAppender.entry("B" + i));
    }
    assertTrue(Files.readString(checkpoint).contains("\"count\":2"), Files.readString(checkpoint));
    batch.checkpoint();
    assertTrue(Files.readString(checkpoint).contains("\"count\":5"), Files.readString(checkpoint));
    newRun(file).append(LedgerAppender.entry("after"));
    assertTrue(Files.readString(checkpoint).contains("\"count\":6"), "appends leave one again");
  }

  // A checkpoint beside another ledger (copied with a folder) proves nothing about this one.
  @Test
  void anotherLedgersCheckpointIsIgnored(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    Path other = dir.resolve("other");
    Files.createDirectory(other);
    Path second = other.resolve("ledger.jsonl");
    new Ledger(second).append(LedgerAppender.entry("another clinic's first"));
    Files.copy(dir.resolve("ledger.jsonl.checkpoint"), other.resolve("ledger.jsonl.checkpoint"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(2, newRun(second).append(LedgerAppender.entry("N")).seq());
    assertTrue(new Ledger(second).verify().intact());
    assertTrue(new Ledger(file).verify().intact());
  }

  @Test
  void aDamagedOrForeignCheckpointOnlyMeansAFullCheck(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    Path checkpoint = dir.resolve("ledger.jsonl.checkpoint");
    Files.writeString(checkpoint, "{\"length\": 12, \"sha256\": \"00\", \"count\": 99, \"lastLineHash\": \"00\"}");
    LedgerEntry appended = newRun(file).append(LedgerAppender.entry("N"));
    assertEquals(4, appended.seq());
    Files.writeString(checkpoint, "not json");
    assertEquals(5, newRun(file).append(LedgerAppender.entry("M")).seq());
    assertTrue(new Ledger(file).verify().intact());
    String kept = Files.readString(checkpoint);
    assertFalse(kept.contains("Acme") || kept.contains("AUTH") || kept.contains("MRN"), kept);
  }

  @Test
  void manyThreadsAppendingAtOnceLoseNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        Ledger ledger = new Ledger(file);
        for (int i = 0; i < 50; i++) {
          ledger.append(LedgerAppender.entry("T" + thread + "-" + i));
        }
      }));
    }
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    LedgerCheck check = new Ledger(file).verify();
    assertTrue(check.intact(), check.problem());
    assertEquals(200, check.entries().size());
    assertEquals(200, new HashSet<>(check.entries().stream().map(LedgerEntry::letterId).toList()).size());
  }

  @Test
  void twoProcessesEachAppending200EntriesAtOnceLoseNothing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ledger.jsonl");
    Process first = appender(file, "200", "A");
    Process second = appender(file, "200", "B");
    assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, second.exitValue(), new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));

    LedgerCheck check = new Ledger(file).verify();
    assertTrue(check.intact(), check.problem());
    assertEquals(400, check.entries().size());
  }

  @Test
  void aProcessKilledDuringAnAppendLeavesADamagedTailThatIsReportedPrecisely(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 3);
    Process writer = appender(file, "pause", "X");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("PAUSED", out.readLine());
    }
    writer.destroyForcibly();  // SIGKILL on Linux: no shutdown hooks, no cleanup
    assertTrue(writer.waitFor(30, TimeUnit.SECONDS));

    LedgerCheck check = new Ledger(file).verify();
    assertFalse(check.intact());
    assertEquals(4, check.badLine());
    assertTrue(check.problem().contains("line 4 is incomplete"), check.problem());
    assertEquals(3, check.entries().size(), "the entries before it all verify");

    InputException refused = assertThrows(InputException.class, () -> new Ledger(file).append(LedgerAppender.entry("Y")));
    assertTrue(refused.getMessage().contains("the last entry is incomplete"), refused.getMessage());
    assertEquals(4, lines(file).size(), "nothing was dropped or rewritten");
  }

  @Test
  void aWriterFailingHalfWayIsSeenByTheNextAppend(@TempDir Path dir) throws Exception {
    Path file = ledgerWith(dir, 2);
    Ledger broken = new Ledger(file, (channel, bytes) -> {
      channel.write(ByteBuffer.wrap(bytes, 0, 10));
      throw new java.io.IOException("disk full");
    });
    assertThrows(InputException.class, () -> broken.append(LedgerAppender.entry("Z")));
    assertThrows(InputException.class, () -> new Ledger(file).append(LedgerAppender.entry("Z")));
  }

  private static Process appender(Path file, String mode, String prefix) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LedgerAppender.class.getName(),
        file.toString(), mode, prefix).redirectError(ProcessBuilder.Redirect.PIPE).start();
  }
}
