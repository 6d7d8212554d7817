package org.accommodate.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.accommodate.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stopped process (Ctrl-C) leaves of the files it was writing: each is published whole
 * with its ledger entry, or leaves nothing at all.
 */
class PendingFilesTest {
  private static final byte[] LETTER = "%PDF-1.7 letter".getBytes(StandardCharsets.US_ASCII);

  private static List<Path> folder(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void aStoppedProcessRemovesWhatItHasNotPublishedAndPublishesNothingMore(@TempDir Path dir) throws IOException {
    PendingFiles registry = new PendingFiles();
    Path target = dir.resolve("letter.pdf");
    AtomicOutput.Pending pending = AtomicOutput.prepare(target, LETTER, registry);
    assertEquals(1, folder(dir).size(), "the temporary file is written first");

    registry.abandon();

    assertEquals(List.of(), folder(dir), "no partial file is left");
    AtomicBoolean recorded = new AtomicBoolean();
    InputException refused = assertThrows(InputException.class, () -> pending.publish(false, () -> recorded.set(true)));
    assertEquals("not written: the command was stopped", refused.getMessage());
    assertFalse(recorded.get(), "nothing is recorded for a letter that is not published");
    assertFalse(Files.exists(target));
  }

  @Test
  void aPublicationUnderWayFinishesBeforeTheProcessStops(@TempDir Path dir) throws Exception {
    PendingFiles registry = new PendingFiles();
    Path target = dir.resolve("letter.pdf");
    AtomicOutput.Pending pending = AtomicOutput.prepare(target, LETTER, registry);

    stopDuringPublication(registry, pending, () -> { });

    assertEquals(List.of(target), folder(dir), "the letter is published whole, with no temporary file beside it");
    assertArrayEquals(LETTER, Files.readAllBytes(target));
  }

  // A letter's patient's copy is published inside the letter's own step: a stop asked for while
  // that step runs waits for both, although it is queued before the copy's publication begins.
  @Test
  void aFilePublishedInsideAnothersStepIsPublishedWithItWhenTheProcessStops(@TempDir Path dir) throws Exception {
    PendingFiles registry = new PendingFiles();
    Path letter = dir.resolve("letter.pdf");
    Path copy = dir.resolve("letter-copy-es.pdf");
    AtomicOutput.Pending pendingCopy = AtomicOutput.prepare(copy, LETTER, registry);
    AtomicOutput.Pending pendingLetter = AtomicOutput.prepare(letter, LETTER, registry);

    stopDuringPublication(registry, pendingLetter, () -> pendingCopy.publish(false));

    assertEquals(java.util.Set.of(letter, copy), java.util.Set.copyOf(folder(dir)), "both whole, no temporary file");
  }

  // Publishes {@code pending} on another thread, its step (the ledger entry, say) holding on
  // until the process has been told to stop, then running {@code rest}; the stop must wait.
  private static void stopDuringPublication(PendingFiles registry, AtomicOutput.Pending pending, AtomicOutput.Step rest)
      throws Exception {
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    CompletableFuture<Void> publication = CompletableFuture.runAsync(() -> {
      try {
        pending.publish(false, () -> {
          begun.countDown();
          try {
            mayFinish.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          rest.run();
        });
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(begun.await(10, TimeUnit.SECONDS));

    CompletableFuture<Void> stop = CompletableFuture.runAsync(registry::abandon);
    assertThrows(java.util.concurrent.TimeoutException.class, () -> stop.get(300, TimeUnit.MILLISECONDS),
        "stopping waits for the publication under way");
    mayFinish.countDown();
    publication.get(10, TimeUnit.SECONDS);
    stop.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPublishedFileIsNotRemoved(@TempDir Path dir) throws IOException {
    PendingFiles registry = new PendingFiles();
    Path target = dir.resolve("letter.pdf");
    try (AtomicOutput.Pending pending = AtomicOutput.prepare(target, LETTER, registry)) {
      pending.publish(false);
    }
    registry.abandon();
    assertEquals(List.of(target), folder(dir));
  }
}
