package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCliTest {
  @Test
  void demoWritesASignedSpecimenLetterThatVerifies(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    CliResult result = CliResult.run(letters, "demo");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    Path pdf = dir.resolve("demo-letter.pdf");
    assertTrue(Files.isRegularFile(pdf));
    assertTrue(result.out().contains("VALID - authentic"), result.out());
    assertTrue(result.out().contains("Letter ID:"), result.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pdf)));
    // The demo's schedule (design.md's example) has the shape of an intensive program: advice only.
    assertTrue(result.err().startsWith("warning: unavailable: 3 days a week of about 3 hours"), result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
  }

  // The command it offers to copy names the launcher the user started, quoted for the shell.
  @Test
  void demoOffersAVerifyCommandThatNamesTheLauncherAsStarted(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    CliResult result = CliResult.run(letters, java.util.Map.of("ACCOMMODATE_LAUNCHER", "/opt/my tools/bin/accommodate"), "demo");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    String offered = result.out().lines().filter(l -> l.startsWith("Check it yourself: ")).findFirst().orElseThrow();
    assertTrue(offered.startsWith("Check it yourself: '/opt/my tools/bin/accommodate' verify "), offered);
    assertTrue(offered.contains(" --trust "), offered);
  }

  @Test
  void demoLettersGoThroughTheBatchAndEachVerifies(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    CliResult result = CliResult.run(letters, "demo", "--letters", "3", "--out-dir", "many");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("3 demo letters written to many, 0 failed"), result.out());
    java.util.List<Path> pdfs;
    try (var files = Files.list(dir.resolve("many"))) {
      pdfs = files.filter(f -> f.getFileName().toString().matches("letter-[0-9A-Z-]+\\.pdf")).toList();
    }
    assertEquals(3, pdfs.size(), pdfs.toString());
    String manifest = Files.readString(dir.resolve("many/manifest.json"));
    for (String number : new String[] {"0001", "0002", "0003"}) {
      assertTrue(manifest.contains("demo-" + number + ".yaml"), manifest);
    }
    for (Path pdf : pdfs) {
      CliResult verified = CliResult.run(letters, "verify", pdf.toString(), "--trust",
          letters.demoKeys().caCertificate().toString());
      assertEquals(ExitCodes.OK, verified.exitCode(), verified.out() + verified.err());
    }
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, "demo", "--letters", "0").exitCode());
  }

  // --out-dir alone (one letter) was once ignored: the letter went to demo-letter.pdf instead.
  @Test
  void demoWithAnOutputFolderWritesThere(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    CliResult result = CliResult.run(letters, "demo", "--out-dir", "one");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(result.out().contains("1 demo letter written to one, 0 failed"), result.out());
    assertTrue(Files.exists(dir.resolve("one/manifest.json")));
    assertFalse(Files.exists(dir.resolve("demo-letter.pdf")));
  }

  // demo takes letter's options; with --letters, --language was once ignored (every demo letter
  // came out in English) and -o, --png and --explain were dropped without a word.
  @Test
  void demoLettersKeepTheLanguageAndCopiesAskedForAndRefuseSingleLetterOptions(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    CliResult one = CliResult.run(letters, "demo", "--patient-copy", "es");
    assertEquals(ExitCodes.OK, one.exitCode(), one.err());
    assertTrue(one.out().contains("Patient's copy written to " + dir.resolve("demo-letter-copy-es.pdf") + "\n"), one.out());

    CliResult many = CliResult.run(letters, "demo", "--letters", "2", "--out-dir", "many", "--language", "es",
        "--patient-copy", "en");

    assertEquals(ExitCodes.OK, many.exitCode(), many.err());
    assertTrue(many.out().contains("2 demo letters written to many (2 with the patient's copy), 0 failed"), many.out());
    for (String number : new String[] {"0001", "0002"}) {
      String request = Files.readString(dir.resolve("many/requests/demo-" + number + ".yaml"));
      assertTrue(request.contains("\nlanguage: es\n") && request.endsWith("\npatient_copy: en\n"), request);
    }
    try (var files = Files.list(dir.resolve("many"))) {
      assertEquals(2, files.filter(f -> f.getFileName().toString().endsWith("-copy-en.pdf")).count());
    }
    for (String single : new String[] {"-o", "--png", "--explain"}) {
      String[] args = single.equals("-o") ? new String[] {"demo", "--letters", "2", "--out-dir", "more", "-o", "x.pdf"}
          : new String[] {"demo", "--letters", "2", "--out-dir", "more", single};
      CliResult refused = CliResult.run(letters, args);
      assertEquals(ExitCodes.USAGE, refused.exitCode(), single);
      assertEquals("error: " + single + ": only for a single demo letter; --letters names its letters after their IDs"
          + " in --out-dir, with manifest.json\n", refused.err());
    }
    assertFalse(Files.exists(dir.resolve("more")), "refused before anything is written");
  }

  @Test
  void demoLetterShowsOnlyWhatTheEmployerNeeds(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo").exitCode());
    String text = Tools.run("pdftotext", "-layout", dir.resolve("demo-letter.pdf").toString(), "-")
        .replaceAll("\\s+", " ");

    assertTrue(text.contains("Jordan Rivera"), text);
    assertTrue(text.contains("is not available for work at these times: Days Not available for work"), text);
    assertTrue(text.contains("Mondays, Wednesdays and Fridays 9:00 a.m. to 12:00 p.m."), text);
    assertTrue(text.contains("December 7, 2026 through January 31, 2027"), text);
    assertTrue(text.contains("SPECIMEN"), text);
    assertFalse(text.contains("MRN-0042"), "patient reference is internal");
    assertFalse(text.contains("AUTH-DEMO-0001"), "authorization reference is internal");
    assertFalse(text.contains("work schedule accommodation"), "authorization purpose is internal");
    assertFalse(text.toLowerCase().contains("appointment"), "the letter speaks of availability, not appointments");
  }

  @Test
  void popplerReportsTheDemoSignatureValidAndCoveringTheWholeDocument(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo").exitCode());
    String report = Tools.run("pdfsig", dir.resolve("demo-letter.pdf").toString());

    assertTrue(report.contains("Signature Validation: Signature is Valid."), report);
    assertTrue(report.contains("Total document signed"), report);
    assertTrue(report.contains("ETSI.CAdES.detached"), report);
  }

  @Test
  void metadataIsNeutralAndCarriesNoPatientDetails(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo").exitCode());
    try (var document = org.apache.pdfbox.Loader.loadPDF(dir.resolve("demo-letter.pdf").toFile())) {
      var info = document.getDocumentInformation();
      assertEquals("Work schedule adjustment letter", info.getTitle());
      assertEquals(null, info.getAuthor());
      assertEquals(null, info.getKeywords());
      String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(),
          java.nio.charset.StandardCharsets.UTF_8);
      for (String detail : new String[] {"Jordan", "Rivera", "Acme", "MRN", "AUTH-"}) {
        assertFalse(xmp.contains(detail), detail);
        assertFalse(String.valueOf(info.getSubject()).contains(detail), detail);
      }
      assertEquals(1, document.getNumberOfPages());
      assertEquals("en-US", document.getDocumentCatalog().getLanguage());
    }
  }

  @Test
  void demoRefusesToOverwriteWithoutForce(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo").exitCode());
    byte[] first = Files.readAllBytes(dir.resolve("demo-letter.pdf"));

    CliResult again = CliResult.run(letters, "demo");

    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertTrue(again.err().contains("already exists; use --force"), again.err());
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("demo-letter.pdf")));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "--force").exitCode());
  }

  @Test
  void keysInitDemoCreatesTheDemoCaAndKeyOnce(@TempDir Path dir) {
    Letters letters = Letters.create(Fixtures.CLOCK, dir);
    CliResult first = CliResult.run(letters, "keys", "init", "--demo");
    CliResult second = CliResult.run(letters, "keys", "init", "--demo");

    assertEquals(ExitCodes.OK, first.exitCode(), first.err());
    assertTrue(first.out().contains("Created demo keys"), first.out());
    assertTrue(Files.isRegularFile(dir.resolve("keys/demo/ca.pem")));
    assertTrue(Files.isRegularFile(dir.resolve("keys/demo/clinician.p12")));
    assertTrue(second.out().contains("already exist"), second.out());
    // A name or folder typed with --demo was dropped: the demo keys went where they always go.
    CliResult named = CliResult.run(letters, "keys", "init", "--demo", "--clinician", "Dr. Casey Lee", "--dir", "other");
    assertEquals(ExitCodes.USAGE, named.exitCode());
    assertEquals("error: --clinician: not with --demo, whose keys are always the same (keys/demo/, password \"demo\");"
        + " leave out --demo to make the clinic's own\n", named.err());
    assertFalse(Files.exists(dir.resolve("other")));
  }

  @Test
  void everyCommandHasHelpWithTheExitCodes(@TempDir Path dir) {
    Letters letters = Letters.create(Fixtures.CLOCK, dir);
    for (String[] command : new String[][] {{"demo"}, {"letter"}, {"check"}, {"preview"}, {"batch"}, {"verify"},
        {"keys", "init"}, {"keys", "csr"}, {"templates", "list"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliResult result = CliResult.run(letters, args);
      assertEquals(ExitCodes.OK, result.exitCode(), String.join(" ", command));
      assertTrue(result.out().startsWith("Usage: accommodate " + String.join(" ", command)), result.out());
    }
    assertTrue(CliResult.run(letters, "letter", "--help").out().contains("3  privacy refusal"));
  }

  @Test
  void commandListsShowWholeSentencesAndExitCodesStayInColumns(@TempDir Path dir) {
    Letters letters = Letters.create(Fixtures.CLOCK, dir);
    for (String[] parent : new String[][] {{}, {"keys"}, {"ledger"}, {"templates"}}) {
      String[] args = java.util.Arrays.copyOf(parent, parent.length + 1);
      args[parent.length] = "--help";
      String help = CliResult.run(letters, args).out();
      int footer = help.indexOf("Exit codes:");
      String commands = help.substring(help.indexOf("Commands:"), footer < 0 ? help.length() : footer);
      // Each summary is one sentence: it ends with a full stop or a closing parenthesis before
      // the next command's name; a summary cut at a line of the description ended with "the".
      for (String entry : commands.split("\\R(?=  \\S)")) {
        if (entry.startsWith("  ")) {
          String summary = entry.strip().replaceAll("\\s+", " ");
          assertTrue(summary.endsWith(".") || summary.endsWith(")"), String.join(" ", parent) + ": " + summary);
        }
      }
      // The exit-code lines are not wrapped back to the left margin.
      String codes = footer < 0 ? "" : help.substring(footer + "Exit codes:".length()).strip();
      for (String line : codes.split("\\R")) {
        assertTrue(line.isEmpty() || line.startsWith("  ") || line.startsWith("0"), line);
      }
    }
  }

  @Test
  void templatesListNamesTheShippedTemplate(@TempDir Path dir) {
    CliResult result = CliResult.run(Letters.create(Fixtures.CLOCK, dir), "templates", "list");
    assertEquals(ExitCodes.OK, result.exitCode());
    assertTrue(result.out().contains("schedule-adjustment"), result.out());
    assertTrue(result.out().contains("identity, schedule") || result.out().contains("care-status"), result.out());
    assertTrue(result.out().endsWith(" templates show ID --example > request.yaml\n"), result.out());

    // A mistyped id gets the near miss among the templates' own ids, never the typed text back.
    assertEquals("error: template: no template with that id; did you mean 'leave'? (see 'accommodate templates list')\n",
        CliResult.run(Letters.create(Fixtures.CLOCK, dir), "templates", "show", "leav").err());
    assertEquals("error: template: no template with that id (see 'accommodate templates list')\n",
        CliResult.run(Letters.create(Fixtures.CLOCK, dir), "templates", "show", "zzzzzz").err());
  }

  // A clinician starts a request from the template's own example: its placeholders are refused
  // by field until replaced (an unfilled example never becomes a letter), and once filled in it
  // passes check for every shipped template, its categories already in the authorization.
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"schedule-adjustment", "leave", "remote-work", "return-to-work",
      "return-with-restrictions"})
  void aTemplatesExampleRequestIsRefusedUntilFilledInAndThenPasses(String template, @TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    CliResult example = CliResult.run(letters, "templates", "show", template, "--example");
    assertEquals(ExitCodes.OK, example.exitCode(), example.err());
    Files.writeString(dir.resolve("example.yaml"), example.out());

    CliResult unfilled = CliResult.run(letters, "check", "example.yaml");
    assertEquals(ExitCodes.USAGE, unfilled.exitCode());
    assertTrue(unfilled.err().startsWith("error: patient.name, employer.organization, period.start, period.end, "), unfilled.err());
    assertTrue(unfilled.err().endsWith(": still hold placeholders in angle brackets; replace them with the values\n"),
        unfilled.err());


    String filled = example.out()
        .replace("<the patient's legal name>", "Jordan Rivera")
        .replace("<the employer, as the authorization names it>", "Acme Logistics")
        .replace("<the employer, as the form names it>", "Acme Logistics")
        .replace("<first day, YYYY-MM-DD>", "2026-12-07").replace("<last day, YYYY-MM-DD>", "2027-01-29")
        .replace("\"<days: MON, TUE, WED, THU, FRI, SAT, SUN>\"", "MON, WED").replace("\"<HH:MM>\"\n    to", "\"09:00\"\n    to")
        .replace("\"<HH:MM>\"", "\"12:00\"")
        .replace("<the restrictions in work terms>", "No lifting over 20 pounds")
        .replace("<the signed form's ID>", "AUTH-1").replace("<the day it was signed, YYYY-MM-DD>", "2026-11-30")
        .replace("<its last day, YYYY-MM-DD>", "2027-03-01").replace("<the purpose, as the form states it>", "work schedule");
    Files.writeString(dir.resolve("filled.yaml"), filled);
    CliResult check = CliResult.run(letters, "check", "filled.yaml", "--accept-warnings");
    assertEquals(ExitCodes.OK, check.exitCode(), filled + check.err());
    Files.writeString(dir.resolve("one-left.yaml"), filled.replace("purpose: work schedule", "purpose: <the purpose>"));
    assertEquals("error: authorization.purpose: still holds a placeholder in angle brackets; replace it with the value\n",
        CliResult.run(letters, "check", "one-left.yaml").err());

    // A Part 2 program's example asks for a Part 2 consent, a Californian clinic's for the CMIA's.
    Fixtures.write(dir, "part2.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n  jurisdiction: US-CA\n");
    assertTrue(CliResult.run(letters, "templates", "show", template, "--example", "--profile", "part2.yaml").out()
        .contains("  regimes: [hipaa, part2, ca-cmia]"));
  }
}
