package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a batch, as a clinician would press it: the packaged jar gets a real
 * SIGINT. Every request is accounted for in manifest.json, each letter written has exactly one
 * ledger entry, and no partial file is left.
 */
class BatchInterruptIT {
  private static final int REQUESTS = 300;
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  private static final Path JAR = Path.of("target/accommodate.jar").toAbsolutePath();

  private static Process start(Path work, Path err, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(work.resolve("stdout.txt").toFile()).redirectError(err.toFile());
    builder.environment().put("ACCOMMODATE_KEY_PASSWORD", "demo");
    return builder.start();
  }

  private static int run(Path work, String... args) throws Exception {
    Process process = start(work, work.resolve("run.err"), args);
    assertTrue(process.waitFor(3, TimeUnit.MINUTES));
    return process.exitValue();
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> stream = Files.list(dir)) {
      return stream.toList();
    }
  }

  // A clinic profile with the demo key, and REQUESTS copies of a demo request (each with a comment
  // of its own, so that no two files are the same request).
  private static void prepare(Path work) throws Exception {
    assertEquals(ExitCodes.OK, run(work, "demo", "--letters", "1", "--out-dir", "seed", "--no-ledger"));
    String request = Files.readString(files(work.resolve("seed/requests")).get(0));
    Path requests = Files.createDirectories(work.resolve("requests"));
    for (int i = 0; i < REQUESTS; i++) {
      Files.writeString(requests.resolve(String.format("r%03d.yaml", i)), request + "\n# copy " + i + "\n");
    }
    Files.writeString(work.resolve("clinic.yaml"), String.join("\n",
        "clinic: {name: Demo Clinic, address: [200 Elm Street], phone: (555) 010-0199}",
        "clinician: {name: Alex Morgan, credential: MD}",
        "signing: {keystore: keys/demo/clinician.p12}",
        "ledger: ledger.jsonl", ""), StandardCharsets.UTF_8);
  }

  // Starts a one-worker batch and, once five letters are written, runs {@code meanwhile} and sends
  // the batch {@code signal}.
  private static Process batchStoppedBy(Path work, Path err, String signal, Check meanwhile) throws Exception {
    Process batch = start(work, err, "batch", "requests", "--out-dir", "out", "--workers", "1");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (Files.readString(err).lines().filter(l -> l.contains(" ok ")).count() < 5 && batch.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(batch.isAlive(), "the batch ended before it could be stopped: " + Files.readString(err));
    meanwhile.run();
    assertTrue(batch.isAlive(), "the batch ended before it could be stopped: " + Files.readString(err));
    assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(batch.pid())).start().waitFor());
    assertTrue(batch.waitFor(1, TimeUnit.MINUTES), "the batch did not stop");
    return batch;
  }

  // After --resume: every request maps to its own letter, each letter on disk has its ledger
  // entry, and nothing of the interrupted run is left but its letters.
  private static void assertEveryRequestHasOneLetter(Path work, int extraLedgerEntries) throws Exception {
    Path out = work.resolve("out");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters");
    assertEquals(REQUESTS, manifest.size());
    Set<String> mapped = new HashSet<>();
    for (JsonNode item : manifest) {
      assertEquals(0, item.get("exitCode").asInt(), item.toString());
      assertTrue(mapped.add(item.get("file").asText()), "one letter per request: " + item);
    }
    Set<String> onDisk = new HashSet<>();
    for (Path file : files(out)) {
      String name = file.getFileName().toString();
      assertTrue(name.startsWith("letter-") || name.equals("manifest.json"), "left in the folder: " + name);
      if (name.startsWith("letter-")) {
        onDisk.add(name);
      }
    }
    assertEquals(mapped, onDisk);
    List<String> ledger = Files.readAllLines(work.resolve("ledger.jsonl"));
    int entries = ledger.size();
    assertTrue(entries >= REQUESTS && entries <= REQUESTS + extraLedgerEntries, entries + " ledger entries");
    for (JsonNode item : manifest) {
      String hash = item.get("sha256").asText();
      assertTrue(ledger.stream().anyMatch(line -> line.contains(hash)), "recorded: " + item);
    }
    assertEquals(ExitCodes.OK, run(work, "ledger", "verify"));
  }

  // A process started with SIGINT ignored passes that on to its children, and a JVM keeps it
  // ignored: Maven started as a shell's background job ('mvn verify &') runs this test with a
  // batch that Ctrl-C cannot reach, which then finished and exited 0 (session 22). There, the
  // test stops the batch with TERM, which takes the same way out with the JVM's code for it.
  private static boolean interruptIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
        .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & (1L << 1)) != 0);
  }

  @Test
  void ctrlCStopsTheBatchAndAccountsForEveryRequest(@TempDir Path work) throws Exception {
    boolean ctrlC = !interruptIgnored();
    prepare(work);
    Path err = work.resolve("batch.err");

    // A second batch into the folder while the first runs would issue the same letters again.
    Process batch = batchStoppedBy(work, err, ctrlC ? "-INT" : "-TERM", () -> {
      for (String[] second : List.of(new String[] {"batch", "requests", "--out-dir", "out", "--resume"},
          new String[] {"batch", "requests", "--out-dir", "out"})) {
        assertEquals(ExitCodes.USAGE, run(work, second), String.join(" ", second));
        assertEquals("error: --out-dir: another batch is writing into out now; wait until it ends",
            Files.readString(work.resolve("run.err")).strip());
      }
    });

    assertEquals(ctrlC ? 130 : 143, batch.exitValue(), "the shell's code for Ctrl-C (or TERM)");
    String stderr = Files.readString(err);
    assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
    List<String> lastLines = stderr.lines().toList();
    assertTrue(lastLines.get(lastLines.size() - 1).matches(
        "batch: stopped; \\d+ letters? written, \\d+ requests? not issued \\(the same command with --resume issues them\\); see out/manifest.json"), stderr);

    List<Path> left = files(work.resolve("out"));
    assertTrue(left.stream().noneMatch(p -> p.getFileName().toString().endsWith(".part")), "partial files: " + left);
    assertFalse(Files.exists(work.resolve("out/unfinished-batch.jsonl")), "the manifest written at Ctrl-C says it all");
    JsonNode manifest = new ObjectMapper().readTree(work.resolve("out/manifest.json").toFile()).get("letters");
    assertEquals(REQUESTS, manifest.size(), "every request is listed");
    Set<String> issued = new HashSet<>();
    int notIssued = 0;
    for (JsonNode item : manifest) {
      if (item.get("exitCode").asInt() == 0) {
        assertTrue(Files.exists(work.resolve("out").resolve(item.get("file").asText())), item.toString());
        issued.add(item.get("file").asText());
      } else {
        assertEquals(130, item.get("exitCode").asInt(), item.toString());
        assertEquals("not issued: the batch was stopped", item.get("error").asText());
        notIssued++;
      }
    }
    assertTrue(issued.size() >= 5 && notIssued > 0, issued.size() + " issued, " + notIssued + " not");
    assertTrue(lastLines.get(lastLines.size() - 1).startsWith(
        "batch: stopped; " + issued.size() + " letters written, " + notIssued + (notIssued == 1 ? " request" : " requests")
            + " not issued"), stderr);
    Set<String> onDisk = new HashSet<>();
    for (Path file : left) {
      if (file.getFileName().toString().startsWith("letter-")) {
        onDisk.add(file.getFileName().toString());
      }
    }
    assertEquals(issued, onDisk, "the letters on disk are those the manifest lists");
    assertEquals(issued.size(), Files.readAllLines(work.resolve("ledger.jsonl")).size(), "one ledger entry per letter written");
    assertEquals(ExitCodes.OK, run(work, "ledger", "verify"));

    assertEquals(ExitCodes.OK, run(work, "batch", "requests", "--out-dir", "out", "--resume"));
    assertEveryRequestHasOneLetter(work, 0);
  }

  // kill -9 (or the power failing) gives the batch no chance to write its manifest: its journal
  // says which letters reached the folder, and --resume issues the rest, each request once. A
  // letter whose ledger entry was forced to disk but whose file was not yet renamed is issued
  // again, so the ledger may hold one entry more than the folder has letters (one writer).
  @Test
  void aBatchKilledOutrightIsResumedWithoutIssuingAnyLetterTwice(@TempDir Path work) throws Exception {
    prepare(work);
    Process batch = batchStoppedBy(work, work.resolve("batch.err"), "-KILL", () -> { });
    assertEquals(137, batch.exitValue());
    Path out = work.resolve("out");
    assertFalse(Files.exists(out.resolve("manifest.json")));
    assertTrue(Files.exists(out.resolve("unfinished-batch.jsonl")));
    assertEquals(ExitCodes.USAGE, run(work, "batch", "requests", "--out-dir", "out"), "refused without --resume");

    assertEquals(ExitCodes.OK, run(work, "batch", "requests", "--out-dir", "out", "--resume"),
        Files.readString(work.resolve("run.err")));

    assertTrue(Files.readString(work.resolve("run.err")).matches("(?s)resuming: ([5-9]|\\d\\d+) of " + REQUESTS + " requests.*"),
        Files.readString(work.resolve("run.err")));
    assertEveryRequestHasOneLetter(work, 1);
  }
}
