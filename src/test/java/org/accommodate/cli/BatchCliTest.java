package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.ledger.Ledger;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCliTest {
  @Test
  void aBatchWritesEveryGoodLetterRecordsThemAndReportsTheBadOne(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("requests"));
    for (int i = 0; i < 6; i++) {
      Fixtures.write(dir, "requests/r" + i + ".yaml", Fixtures.request().replace("MRN-0042", "MRN-10" + i));
    }
    Fixtures.write(dir, "requests/bad.yaml", Fixtures.request().replace("expires: 2027-03-01", "expires: 2026-11-01"));
    Fixtures.write(dir, "requests/notes.txt", "not a request");

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "requests", "--out-dir", "out", "--workers", "2");

    assertEquals(ExitCodes.PRIVACY, result.exitCode(), "the worst item decides: " + result.err());
    assertTrue(result.out().startsWith("6 letter(s) written to out, 1 failed"), result.out());
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
    assertEquals(7, manifest.get("letters").size());
    int written = 0;
    for (JsonNode item : manifest.get("letters")) {
      if (item.get("exitCode").asInt() == 0) {
        written++;
        String file = item.get("file").asText();
        assertTrue(file.matches("letter-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}\\.pdf"), file);
        assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "out/" + file, "--trust", "keys/demo/ca.pem").exitCode());
      } else {
        assertEquals(3, item.get("exitCode").asInt());
        assertTrue(item.get("input").asText().endsWith("bad.yaml"));
        assertTrue(item.get("error").asText().startsWith("authorization.expires"), item.toString());
      }
    }
    assertEquals(6, written);
    // Each letter is recorded under its own ID with the hash of the file written.
    Map<String, String> recorded = new java.util.HashMap<>();
    new Ledger(dir.resolve("ledger.jsonl")).verify().entries().forEach(e -> recorded.put(e.letterId(), e.pdfSha256()));
    assertEquals(6, recorded.size());
    for (JsonNode item : manifest.get("letters")) {
      if (item.get("exitCode").asInt() == 0) {
        assertEquals(recorded.get(item.get("letterId").asText()),
            Ledger.sha256(Files.readAllBytes(dir.resolve("out").resolve(item.get("file").asText()))), item.toString());
      }
    }
    assertTrue(result.err().contains("[7/7]"), "plain progress lines when not at a terminal: " + result.err());
    // The batch leaves a checkpoint over every entry, so the next letter need not chain them all.
    JsonNode checkpoint = new ObjectMapper().readTree(dir.resolve("ledger.jsonl.checkpoint").toFile());
    assertEquals(6, checkpoint.get("count").asInt());
    assertEquals(Files.size(dir.resolve("ledger.jsonl")), checkpoint.get("length").asLong());
  }

  // A clinic profile and a folder requests/ holding a.yaml, the usual request.
  private static Letters requestFolder(Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("requests"));
    Fixtures.write(dir, "requests/a.yaml", Fixtures.request());
    return letters;
  }

  // The advice a single letter prints (here: a schedule that reads like an intensive program) is
  // not lost in a batch: once per distinct text with its count on standard error, and per letter
  // in manifest.json, with each letter's hash as its ledger entry records it.
  @Test
  void aBatchReportsEachLettersAdviceAndHash(@TempDir Path dir) throws Exception {
    Letters letters = requestFolder(dir);
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request().replace("MRN-0042", "MRN-0043"));
    Fixtures.write(dir, "requests/c.yaml", Fixtures.request().replace("MRN-0042", "MRN-0044")
        .replace("days: [MON, WED, FRI]", "days: [TUE]"));

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "requests", "--out-dir", "out");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    java.util.List<String> advice = result.err().lines().filter(l -> l.startsWith("warning")).toList();
    assertEquals(1, advice.size(), result.err());
    assertTrue(advice.get(0).startsWith("warning (2 letters): unavailable: 3 days a week"), advice.get(0));
    var manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
    java.util.List<String> ledger = Files.readAllLines(dir.resolve("ledger.jsonl"));
    for (var entry : manifest.get("letters")) {
      boolean tuesdayOnly = entry.get("input").asText().endsWith("c.yaml");
      assertEquals(tuesdayOnly, entry.get("warnings") == null, entry.toString());
      String hash = Ledger.sha256(Files.readAllBytes(dir.resolve("out").resolve(entry.get("file").asText())));
      assertEquals(hash, entry.get("sha256").asText());
      assertTrue(ledger.stream().anyMatch(line -> line.contains(hash)), "the ledger records " + hash);
    }
  }

  // A second batch into the same folder once replaced the first one's manifest silently: the
  // only map from those requests to their letters was gone.
  @Test
  void anEarlierBatchsManifestIsNotReplacedWithoutForce(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "a.yaml", Fixtures.request());
    Fixtures.write(dir, "b.yaml", Fixtures.request().replace("MRN-0042", "MRN-0043"));
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.OK, CliResult.run(letters, password, "batch", "a.yaml", "--out-dir", "out").exitCode());
    byte[] first = Files.readAllBytes(dir.resolve("out/manifest.json"));

    CliResult again = CliResult.run(letters, password, "batch", "b.yaml", "--out-dir", "out");

    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertEquals("error: --out-dir: out already holds the manifest.json of an earlier batch; choose another folder, "
        + "or use --force to replace it", again.err().strip());
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("out/manifest.json")));
    assertEquals(1, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size(), "no letter was made");

    CliResult forced = CliResult.run(letters, password, "batch", "b.yaml", "--out-dir", "out", "--force");
    assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
    assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("b.yaml"));
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, password, "batch", "b.yaml", "--out-dir", "o2", "--workers", "0")
        .exitCode());
  }

  // Named through its folder, by name and by another path, one request once gave three letters.
  @Test
  void aRequestNamedSeveralTimesGetsOneLetter(@TempDir Path dir) throws Exception {
    Letters letters = requestFolder(dir);

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "requests", "requests/a.yaml", "./requests/../requests/a.yaml", "--out-dir", "out");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("1 letter(s) written to out, 0 failed"), result.out());
    assertEquals(1, new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters").size());
    assertEquals(1, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size());
  }

  @Test
  void theKeyIsUnlockedOnceAndAWrongPasswordStopsTheBatchBeforeAnyLetter(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "a.yaml", Fixtures.request());
    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "wrong-password"),
        "batch", "a.yaml", "--out-dir", "out");
    assertEquals(ExitCodes.SIGNING, result.exitCode());
    assertTrue(!Files.exists(dir.resolve("out")), "a refused batch leaves no folder behind");
  }

  @Test
  void aRefusedBatchLeavesNothingBehind(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("nothing"));
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

    CliResult empty = CliResult.run(letters, password, "batch", "nothing", "--out-dir", "out");
    assertEquals(ExitCodes.USAGE, empty.exitCode());
    assertEquals("error: REQUEST: no request files (*.yaml, *.yml, *.json) found", empty.err().strip());
    assertFalse(Files.exists(dir.resolve("out")));

    Fixtures.write(dir, "a.yaml", Fixtures.request());
    Fixtures.write(dir, "taken", "a file where the folder should go");
    CliResult file = CliResult.run(letters, password, "batch", "a.yaml", "--out-dir", "taken");
    assertEquals(ExitCodes.USAGE, file.exitCode());
    assertEquals("error: --out-dir: taken is a file, not a folder", file.err().strip());
  }
}
