package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    assertTrue(result.out().startsWith("6 letters written to out, 1 failed"), result.out());
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


  // The advice a single letter prints (here: a schedule that reads like an intensive program) is
  // not lost in a batch: once per distinct text with its count on standard error, and per letter
  // in manifest.json, with each letter's hash as its ledger entry records it.
  // A signed form is one patient's. Requests giving one form's file for different patients (a
  // request copied whole from another) are all refused, whichever came first: no letter goes out
  // on another patient's authorization. Two letters for the same patient may share their form.
  /**
   * Found by hand: with a time-stamp authority that stopped answering, each letter of a batch
   * waited its 20 s and failed alike (12 requests: two minutes; 1,000: hours). Signing failures
   * belong to the key, the token or the authority, not to a request: after three in a row the
   * batch starts no more letters, says why, and --resume issues them once it answers.
   */
  @Test
  void aBatchStopsStartingLettersOnceSigningFailsThreeTimesInARowAndResumeIssuesTheRest(@TempDir Path dir)
      throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Files.createDirectories(dir.resolve("requests"));
    for (int i = 0; i < 8; i++) {
      Fixtures.write(dir, "requests/r" + i + ".yaml", Fixtures.request().replace("MRN-0042", "MRN-20" + i));
    }
    Map<String, String> env = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    try (org.accommodate.testing.LocalTsa tsa = org.accommodate.testing.LocalTsa.start(dir.resolve("keys/demo"),
        Fixtures.CLOCK)) {
      tsa.mode(org.accommodate.testing.LocalTsa.Mode.REJECT);
      CliResult refused = CliResult.run(letters, env, "batch", "requests", "--out-dir", "out", "--workers", "1",
          "--tsa", tsa.url().toString());
      assertEquals(ExitCodes.SIGNING, refused.exitCode(), refused.err());
      assertTrue(refused.out().startsWith("0 letters written to out, 8 failed (5 never started once signing kept failing;"
          + " --resume issues them); see "), refused.out());
      List<String> reasons = new java.util.ArrayList<>();
      new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters")
          .forEach(item -> reasons.add(item.get("error").asText()));
      String refusal = "--tsa: the time-stamp authority refused the request (status 2)";
      assertEquals(java.util.Collections.nCopies(3, refusal), reasons.subList(0, 3), reasons.toString());
      assertEquals(java.util.Collections.nCopies(5, "not issued: signing failed for 3 letters in a row (" + refusal
          + "); once that is mended, run the same command with --resume"), reasons.subList(3, 8), reasons.toString());
      Path ledger = dir.resolve("ledger.jsonl");
      assertFalse(Files.exists(ledger) && Files.readString(ledger).contains("letterId"), "no letter was recorded");

      tsa.mode(org.accommodate.testing.LocalTsa.Mode.GRANT);
      CliResult resumed = CliResult.run(letters, env, "batch", "requests", "--out-dir", "out", "--workers", "1",
          "--tsa", tsa.url().toString(), "--resume");
      assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
      assertTrue(resumed.out().startsWith("8 letters written to out, 0 failed"), resumed.out());
    }
  }

  @Test
  void requestsGivingOneSignedFormForDifferentPatientsAreAllRefused(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Files.createDirectories(dir.resolve("requests/forms"));
    Files.writeString(dir.resolve("requests/forms/one.pdf"), "%PDF-1.7 one patient's signed form");
    Files.writeString(dir.resolve("requests/forms/two.pdf"), "%PDF-1.7 another patient's signed form");
    String withForm = Fixtures.request().replace("  reference: AUTH-2026-0142\n",
        "  reference: AUTH-2026-0142\n  document: forms/one.pdf\n");
    Fixtures.write(dir, "requests/a.yaml", withForm);
    Fixtures.write(dir, "requests/b.yaml", withForm.replace("Jordan Rivera", "Sam Okafor"));
    Fixtures.write(dir, "requests/c.yaml", withForm.replace("MON, WED, FRI", "TUE"));
    Fixtures.write(dir, "requests/d.yaml", withForm.replace("Jordan Rivera", "Sam Okafor").replace("one.pdf", "two.pdf"));
    String aAndC = "authorization.document: is also the signed form of b.yaml, for another patient; a letter needs its"
        + " own patient's signed form: correct the requests";
    String b = "authorization.document: is also the signed form of a.yaml and c.yaml, for other patients; a letter"
        + " needs its own patient's signed form: correct the requests";

    CliResult check = CliResult.run(letters, "check", "requests");
    assertEquals(ExitCodes.PRIVACY, check.exitCode());
    assertEquals("FAIL  requests/a.yaml: " + aAndC + "\nFAIL  requests/b.yaml: " + b + "\nFAIL  requests/c.yaml: " + aAndC
        + "\nok    requests/d.yaml (template schedule-adjustment)\n4 requests: 1 ready for a letter, 3 would fail.\n",
        check.out());

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "requests", "--out-dir", "out");
    assertEquals(ExitCodes.PRIVACY, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("1 letter written to out, 3 failed"), result.out());
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
    for (JsonNode item : manifest.get("letters")) {
      String input = item.get("input").asText();
      String expected = input.endsWith("d.yaml") ? null : input.endsWith("b.yaml") ? b : aAndC;
      assertEquals(expected == null ? 0 : ExitCodes.PRIVACY, item.get("exitCode").asInt(), item.toString());
      assertEquals(expected, item.has("error") ? item.get("error").asText() : null, item.toString());
    }
    assertEquals(1, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size(), "one disclosure only");

    // Also when one of them spells the key with an escape, which reads as the same field.
    Files.createDirectories(dir.resolve("escaped"));
    Files.copy(dir.resolve("requests/a.yaml"), dir.resolve("escaped/a.yaml"));
    Files.createDirectories(dir.resolve("escaped/forms"));
    Files.copy(dir.resolve("requests/forms/one.pdf"), dir.resolve("escaped/forms/one.pdf"));
    Fixtures.write(dir, "escaped/e.yaml", withForm.replace("Jordan Rivera", "Sam Okafor")
        .replace("  document: forms/one.pdf", "  \"\\x64ocument\": forms/one.pdf"));
    CliResult escaped = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "escaped", "--out-dir", "out2");
    assertTrue(escaped.out().startsWith("0 letters written to out2, 2 failed"), escaped.out() + escaped.err());
  }

  @Test
  void aBatchReportsEachLettersAdviceAndHash(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
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
    assertEquals("error: --out-dir: out already holds the manifest.json of an earlier batch; use --resume to issue "
        + "only the requests it did not, choose another folder, or use --force to replace it", again.err().strip());
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("out/manifest.json")));
    assertEquals(1, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size(), "no letter was made");

    CliResult forced = CliResult.run(letters, password, "batch", "b.yaml", "--out-dir", "out", "--force");
    assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
    assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("b.yaml"));
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, password, "batch", "b.yaml", "--out-dir", "o2", "--workers", "0")
        .exitCode());
  }

  // Running a batch again after some of it failed (or was stopped) issued every letter again: a
  // second disclosure of the same facts for each patient already answered. --resume issues only
  // what the folder lacks, and keeps one manifest for all of it.
  @Test
  void aResumedBatchIssuesOnlyTheRequestsItsFolderLacks(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request().replace("MRN-0042", "MRN-0043"));
    String expired = Fixtures.request().replace("MRN-0042", "MRN-0044").replace("expires: 2027-03-01", "expires: 2026-11-01");
    Fixtures.write(dir, "requests/c.yaml", expired);
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.PRIVACY, CliResult.run(letters, password, "batch", "requests", "--out-dir", "out").exitCode());
    Map<String, String> before = letterHashes(dir.resolve("out"));
    assertEquals(2, before.size());
    // The clinician renews c's authorization and adds d.
    Fixtures.write(dir, "requests/c.yaml", expired.replace("expires: 2026-11-01", "expires: 2027-03-01"));
    Fixtures.write(dir, "requests/d.yaml", Fixtures.request().replace("MRN-0042", "MRN-0045"));

    CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");

    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("resuming: 2 of 4 requests already have their letter in out"), resumed.err());
    assertTrue(resumed.out().startsWith("2 letters written to out, 0 failed (2 issued earlier)"), resumed.out());
    Map<String, String> after = letterHashes(dir.resolve("out"));
    assertEquals(4, after.size());
    before.forEach((file, hash) -> assertEquals(hash, after.get(file), "an earlier letter is left as it was"));
    JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters");
    assertEquals(4, manifest.size());
    java.util.Set<String> mapped = new java.util.HashSet<>();
    for (JsonNode item : manifest) {
      assertEquals(0, item.get("exitCode").asInt(), item.toString());
      mapped.add(item.get("file").asText());
      assertEquals(Ledger.sha256(Files.readAllBytes(dir.resolve("requests").resolve(Path.of(item.get("input").asText())
          .getFileName()))), item.get("requestSha256").asText(), "the request each letter answers, by its hash");
    }
    assertEquals(after.keySet(), mapped, "one letter per request, each in the manifest");
    assertEquals(4, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size(), "four disclosures, not six");

    CliResult nothingLeft = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");
    assertEquals(ExitCodes.OK, nothingLeft.exitCode(), nothingLeft.err());
    assertTrue(nothingLeft.out().startsWith("0 letters written to out, 0 failed (4 issued earlier)"), nothingLeft.out());
    assertEquals(4, letterHashes(dir.resolve("out")).size());
  }

  // A request edited after its letter went out is not quietly skipped (the employer would never
  // see the change) nor quietly issued again: the clinician decides, and the manifest keeps the
  // letter that request was issued.
  @Test
  void aResumedBatchRefusesARequestChangedSinceItsLetter(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.OK, CliResult.run(letters, password, "batch", "requests", "--out-dir", "out").exitCode());
    String id = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters").get(0)
        .get("letterId").asText();
    Fixtures.write(dir, "requests/a.yaml", Fixtures.request().replace("MRN-0042", "MRN-0042-B"));

    CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");

    assertEquals(ExitCodes.USAGE, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("FAIL a.yaml: changed since letter " + id + " was issued from it; "
        + "a corrected letter is a new disclosure: issue it on its own with 'accommodate letter'"), resumed.err());
    JsonNode item = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile()).get("letters").get(0);
    assertEquals(2, item.get("exitCode").asInt());
    assertEquals(id, item.get("letterId").asText(), "the letter that request was issued is still mapped");
    assertEquals(1, letterHashes(dir.resolve("out")).size());
    assertEquals(1, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size());
  }

  // A batch killed outright (kill -9, power lost) writes no manifest; its journal says which
  // letters reached the folder. Built here as such a batch leaves it: the journal of three
  // requests — one marked published and since moved out of the folder (to an EHR, say), one
  // whose letter is in place but was not yet marked, one whose letter never got its name — a
  // last line cut short, a temporary file.
  @Test
  void aBatchThatEndedWithoutItsManifestIsResumedFromItsJournal(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request().replace("MRN-0042", "MRN-0043"));
    Fixtures.write(dir, "requests/c.yaml", Fixtures.request().replace("MRN-0042", "MRN-0044"));
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.OK, CliResult.run(letters, password, "batch", "requests", "--out-dir", "out").exitCode());
    Path out = dir.resolve("out");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters");
    StringBuilder journal = new StringBuilder();
    manifest.forEach(item -> journal.append(item.toString()).append('\n'));
    journal.append("{\"published\":\"").append(manifest.get(0).get("letterId").asText()).append("\"}\n");
    journal.append(manifest.get(0).toString(), 0, 40);
    Files.writeString(out.resolve("unfinished-batch.jsonl"), journal);
    Files.delete(out.resolve("manifest.json"));
    String moved = manifest.get(0).get("file").asText();
    Files.move(out.resolve(moved), dir.resolve(moved));
    String lost = manifest.get(2).get("file").asText();
    Files.delete(out.resolve(lost));
    Files.writeString(out.resolve(".accommodate-123.part"), "half a letter");

    CliResult again = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out");
    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertEquals("error: --out-dir: out holds a batch that ended before writing its manifest; use --resume to issue "
        + "only the requests it did not, or --force to start over", again.err().strip());

    CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");

    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().startsWith("1 letter written to out, 0 failed (2 issued earlier)"), resumed.out());
    // The ledger recorded the lost letter before its file was (here: would have been) written.
    assertTrue(resumed.err().contains("note: the ledger records letter " + manifest.get(2).get("letterId").asText()
        + " (entry "), resumed.err());
    assertTrue(resumed.err().contains("which the stopped batch never wrote; it reached no one"), resumed.err());
    Map<String, String> files = letterHashes(out);
    assertEquals(2, files.size(), "the moved letter is not issued again: " + files);
    assertFalse(files.containsKey(lost));
    assertFalse(resumed.err().contains(manifest.get(0).get("letterId").asText()), resumed.err());
    assertFalse(Files.exists(out.resolve(".accommodate-123.part")), "the killed batch's temporary file is removed");
    assertFalse(Files.exists(out.resolve("unfinished-batch.jsonl")), "the manifest now says it all");
    JsonNode now = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters");
    for (int i = 0; i < 2; i++) {
      assertEquals(manifest.get(i).get("file"), now.get(i).get("file"), "kept, moved or not: " + now.get(i));
    }
    assertTrue(files.containsKey(now.get(2).get("file").asText()), now.get(2).toString());
  }

  // Letters written into the folder of requests itself: the batch's manifest.json there is not
  // read back as a request when the batch is resumed, nor checked as one.
  @Test
  void aBatchWritingIntoItsRequestFolderDoesNotTakeItsManifestForARequest(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.OK, CliResult.run(letters, password, "batch", "requests", "--out-dir", "requests").exitCode());

    CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "requests", "--resume");

    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().startsWith("0 letters written to requests, 0 failed (1 issued earlier)"), resumed.out());
    CliResult check = CliResult.run(letters, "check", "requests");
    assertEquals(ExitCodes.OK, check.exitCode(), check.out() + check.err());
    assertFalse((check.out() + check.err()).contains("manifest.json"), check.out());
  }

  @Test
  void resumeNeedsAnEarlierBatchAndExcludesForce(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

    CliResult none = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");
    CliResult both = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume", "--force");

    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertEquals("error: --resume: out holds no earlier batch (no manifest.json)", none.err().strip());
    assertEquals(ExitCodes.USAGE, both.exitCode());
    assertEquals("error: --resume: cannot be combined with --force, which starts the batch over", both.err().strip());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  // The letters in a batch folder, by file name, with their SHA-256.
  private static Map<String, String> letterHashes(Path folder) throws Exception {
    Map<String, String> hashes = new java.util.TreeMap<>();
    try (var files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pdf")).toList()) {
        hashes.put(file.getFileName().toString(), Ledger.sha256(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  // Named through its folder, by name and by another path, one request once gave three letters.
  @Test
  void aRequestNamedSeveralTimesGetsOneLetter(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "batch", "requests", "requests/a.yaml", "./requests/../requests/a.yaml", "--out-dir", "out");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("1 letter written to out, 0 failed"), result.out());
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

  // A request may ask for the patient's own copy in the patient's language (domain.md §5): the
  // batch writes it beside that letter, unsigned, with the letter's ID, and manifest.json names it.
  // A copy written for a letter a killed batch never wrote carries an ID no letter has: --resume
  // removes it, and the request gets a new letter and copy.
  @Test
  void aRequestThatAsksForThePatientsCopyGetsItBesideItsLetter(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Fixtures.write(dir, "requests/a.yaml", Fixtures.request().replace("language: en", "language: en\npatient_copy: es"));
    Fixtures.write(dir, "requests/b.yaml", Fixtures.request().replace("MRN-0042", "MRN-0043"));
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

    CliResult result = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("2 letters written to out (1 with the patient's copy), 0 failed"), result.out());
    Path out = dir.resolve("out");
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters");
    JsonNode a = manifest.get(0).get("input").asText().endsWith("a.yaml") ? manifest.get(0) : manifest.get(1);
    JsonNode b = a == manifest.get(0) ? manifest.get(1) : manifest.get(0);
    String id = a.get("letterId").asText();
    assertEquals("letter-" + id + "-copy-es.pdf", a.get("patientCopy").asText());
    assertFalse(b.has("patientCopy"), b.toString());
    assertTrue(result.err().contains("letter-" + id + ".pdf and the patient's copy letter-" + id + "-copy-es.pdf"),
        result.err());
    Path copy = out.resolve(a.get("patientCopy").asText());
    try (var document = org.apache.pdfbox.Loader.loadPDF(copy.toFile())) {
      assertTrue(document.getSignatureDictionaries().isEmpty(), "the copy is not signed");
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertTrue(text.contains("SU COPIA — sin firmar; su empleador recibe la carta firmada"), text);
      assertTrue(text.contains("Identificador de la carta: " + id), text);
    }
    CliResult verified = CliResult.run(letters, "verify", "out/" + a.get("patientCopy").asText());
    assertEquals(ExitCodes.UNSIGNED, verified.exitCode(), verified.out());
    assertTrue(verified.out().contains("Letter ID:  " + id), verified.out());
    assertTrue(verified.out().contains("It is the patient's own copy of a letter (\"SU COPIA"), verified.out());
    // HR handed the patient's copy can ask the clinic for that letter by its ID.
    assertTrue(verified.out().contains("What now:   this file proves nothing about who wrote it; ask the clinic for the"
        + " signed letter (the file states letter ID " + id + ")."), verified.out());
    assertEquals(2, new Ledger(dir.resolve("ledger.jsonl")).verify().entries().size(), "the copy is no disclosure");

    // Killed after a's copy, before its letter: the journal began a's letter and never wrote it.
    Files.writeString(out.resolve("unfinished-batch.jsonl"), a + "\n" + b + "\n");
    Files.delete(out.resolve("manifest.json"));
    Files.delete(out.resolve(a.get("file").asText()));

    CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");

    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().startsWith("1 letter written to out (1 with the patient's copy), 0 failed (1 issued earlier)"),
        resumed.out());
    assertFalse(Files.exists(copy), "the copy of a letter never written is removed");
    JsonNode now = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters");
    JsonNode again = now.get(0).get("input").asText().endsWith("a.yaml") ? now.get(0) : now.get(1);
    String newId = again.get("letterId").asText();
    assertFalse(newId.equals(id));
    assertEquals("letter-" + newId + "-copy-es.pdf", again.get("patientCopy").asText());
    assertEquals(java.util.Set.of("letter-" + newId + ".pdf", "letter-" + newId + "-copy-es.pdf", b.get("file").asText()),
        letterHashes(out).keySet());
  }

  // --resume removes the copies of letters a killed batch never wrote, by the names its journal
  // gives: a journal naming a file outside its folder is refused, and that file is left alone.
  @Test
  void aJournalNamingAFileOutsideItsFolderIsRefused(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Map<String, String> password = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    assertEquals(ExitCodes.OK, CliResult.run(letters, password, "batch", "requests", "--out-dir", "out").exitCode());
    Path out = dir.resolve("out");
    com.fasterxml.jackson.databind.node.ObjectNode item = (com.fasterxml.jackson.databind.node.ObjectNode)
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("letters").get(0);
    Files.delete(out.resolve("manifest.json"));
    Files.delete(out.resolve(item.get("file").asText()));
    for (String field : new String[] {"patientCopy", "file"}) {
      Files.writeString(out.resolve("unfinished-batch.jsonl"), item.deepCopy().put(field, "../requests/a.yaml") + "\n");

      CliResult resumed = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");

      assertEquals(ExitCodes.USAGE, resumed.exitCode(), resumed.err());
      assertEquals("error: --resume: out/unfinished-batch.jsonl names a letter outside its folder", resumed.err().strip());
      assertTrue(Files.exists(dir.resolve("requests/a.yaml")));
    }
    // Inside the folder, a "copy" named like another letter is refused too.
    Files.writeString(dir.resolve("out/letter-AAAA-BBBB-CCCC-DDDD.pdf"), "another letter");
    Files.writeString(out.resolve("unfinished-batch.jsonl"),
        item.deepCopy().put("patientCopy", "letter-AAAA-BBBB-CCCC-DDDD.pdf") + "\n");
    CliResult other = CliResult.run(letters, password, "batch", "requests", "--out-dir", "out", "--resume");
    assertEquals(ExitCodes.USAGE, other.exitCode(), other.err());
    assertEquals("error: --resume: out/unfinished-batch.jsonl names a patient's copy that is not named after its letter",
        other.err().strip());
    assertTrue(Files.exists(dir.resolve("out/letter-AAAA-BBBB-CCCC-DDDD.pdf")));
  }
}
