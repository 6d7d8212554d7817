package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests and clinic profiles damaged the way hands and exports damage them (a lost ": ", a
 * stray bracket, a pasted fragment, a character from another script, YAML's own tags and
 * anchors): every one gets at most one line, the right kind of exit code and no word of the
 * file's values.
 */
class MalformedRequestCliTest {
  private static final String[] PIECES = {"{", "}", "[", "]", ":", ": ", "- ", "\n", "  ", "\"", "'", "&a ", "*a",
      "!!str ", "!!map ", "!!binary ", "!!set ", "!!timestamp ", "? ", "|\n  ", ">", "#", ",", "~", "null", "0x1F",
      "1e99", "9999999999999999999", "2026-02-30", "\t", "%YAML 1.1\n", "---\n", "...\n", "<<: *a\n", "&b [*b]"};
  // Words only the request's values hold; field names, rules and categories never contain them.
  private static final List<String> VALUE_WORDS = List.of("Jordan", "Rivera", "MRN", "0042", "Acme", "Logistics",
      "Human", "Resources", "Main Street", "Springfield", "62701", "p.m.", "AUTH-", "Start work");

  @Test
  void damagedRequestsGetOneLineAndNeverTheirValues(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    String request = Fixtures.request();
    Random random = new Random(20261203);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 1500; i++) {
      String damaged = damage(request, random);
      Files.writeString(dir.resolve("request.yaml"), damaged, StandardCharsets.UTF_8);
      CliResult result = CliResult.run(letters, "check", "request.yaml");
      String err = result.err().strip();
      List<String> errors = err.lines().filter(line -> line.startsWith("error: ")).toList();
      boolean expected = result.exitCode() == ExitCodes.OK ? errors.isEmpty()
          : (result.exitCode() == ExitCodes.USAGE || result.exitCode() == ExitCodes.PRIVACY) && errors.size() == 1;
      String leaked = VALUE_WORDS.stream().filter(err::contains).findFirst().orElse(null);
      if (!expected || leaked != null || err.contains("Exception")) {
        failures.add("exit " + result.exitCode() + (leaked == null ? "" : ", quotes " + leaked) + ": " + err
            + "\n--- from:\n" + damaged);
      }
      refused += result.exitCode() == ExitCodes.OK ? 0 : 1;
    }
    assertTrue(failures.isEmpty(), failures.size() + " damaged requests, the first:\n" + String.join("\n\n",
        failures.subList(0, Math.min(3, failures.size()))));
    assertTrue(refused > 1000, "most damaged requests are refused: " + refused);
  }

  // The same damage to the two other files a clinician edits by hand: the clinic profile (read by
  // every command) and a request on its way to authorization-form, whose reader lets the
  // signature fields be missing. A refused form leaves no file behind.
  @Test
  void damagedProfilesAndFormRequestsGetOneLineTooAndLeaveNoFile(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    String profile = Fixtures.profile();
    String request = Fixtures.request();
    List<String> profileWords = List.of("Riverside", "River Road", "Sam Lee", "1234567893", "Attending", "62704",
        "010-0123");
    Random random = new Random(20261207);
    List<String> failures = new ArrayList<>();
    int[] refused = new int[2];
    for (int i = 0; i < 600; i++) {
      boolean form = i % 2 == 0;
      String damaged = damage(form ? request : profile, random);
      Files.writeString(dir.resolve("clinic.yaml"), form ? profile : damaged, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("request.yaml"), form ? damaged : request, StandardCharsets.UTF_8);
      Files.deleteIfExists(dir.resolve("form.pdf"));
      CliResult result = form
          ? CliResult.run(letters, "authorization-form", "request.yaml", "--profile", "clinic.yaml", "-o", "form.pdf")
          : CliResult.run(letters, "check", "request.yaml", "--profile", "clinic.yaml");
      String err = result.err().strip();
      List<String> errors = err.lines().filter(line -> line.startsWith("error: ")).toList();
      boolean expected = result.exitCode() == ExitCodes.OK ? errors.isEmpty()
          : (result.exitCode() == ExitCodes.USAGE || result.exitCode() == ExitCodes.PRIVACY) && errors.size() == 1;
      String leaked = (form ? VALUE_WORDS : profileWords).stream().filter(err::contains).findFirst().orElse(null);
      boolean leftFile = result.exitCode() != ExitCodes.OK && Files.exists(dir.resolve("form.pdf"));
      if (!expected || leaked != null || leftFile || err.contains("Exception")) {
        failures.add((form ? "authorization-form" : "check with a damaged profile") + ": exit " + result.exitCode()
            + (leaked == null ? "" : ", quotes " + leaked) + (leftFile ? ", left form.pdf" : "") + ": " + err
            + "\n--- from:\n" + damaged);
      }
      refused[form ? 0 : 1] += result.exitCode() == ExitCodes.OK ? 0 : 1;
    }
    assertTrue(failures.isEmpty(), failures.size() + " damaged files, the first:\n" + String.join("\n\n",
        failures.subList(0, Math.min(3, failures.size()))));
    assertTrue(refused[0] > 200 && refused[1] > 200, "most damaged files are refused: " + refused[0] + ", " + refused[1]);
  }

  // One to three edits: a YAML piece inserted, a few characters deleted, a fragment of the
  // request pasted elsewhere, or one character of any script.
  private static String damage(String request, Random random) {
    StringBuilder text = new StringBuilder(request);
    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
      int at = random.nextInt(text.length() + 1);
      switch (random.nextInt(4)) {
        case 0 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
        case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
        case 2 -> {
          int from = random.nextInt(text.length());
          text.insert(at, text.substring(from, Math.min(text.length(), from + random.nextInt(40))));
        }
        default -> text.insert(at, (char) (0x20 + random.nextInt(0x3000)));
      }
    }
    return text.toString();
  }

  // Absences at short notice belong to intermittent leave alone, and intermittent leave needs
  // either fixed times or such absences.
  @Test
  void episodesAreForIntermittentLeaveOnly(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    String episodes = "episodes: {times: 2, per: month, days: 1}\n";
    Fixtures.write(dir, "shifted.yaml", Fixtures.request() + episodes);
    CliResult shifted = CliResult.run(letters, "check", "shifted.yaml");
    assertEquals(ExitCodes.USAGE, shifted.exitCode());
    assertEquals("error: episodes: only for intermittent-leave (absences that cannot be scheduled ahead)\n", shifted.err());
    String intermittent = Fixtures.request().replace("type: shifted-hours", "type: intermittent-leave");
    String noTimes = Fixtures.withoutTimes(intermittent);
    Fixtures.write(dir, "neither.yaml", noTimes);
    CliResult neither = CliResult.run(letters, "check", "neither.yaml");
    assertEquals("error: unavailable or episodes: one is required by template 'schedule-adjustment'\n", neither.err());
    Fixtures.write(dir, "episodes.yaml", noTimes + episodes);
    CliResult ok = CliResult.run(letters, "check", "episodes.yaml");
    assertEquals(ExitCodes.OK, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("episodes                 disclosed  schedule: how often and how long"), ok.out());
    assertTrue(!ok.out().contains("  unavailable "), "no fixed times were given: " + ok.out());
  }

  // A request copied from a schedule letter keeps its template line; the message names the
  // template that covers the new type.
  @Test
  void aTemplateThatDoesNotCoverTheTypeNamesOneThatDoes(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    String request = Fixtures.request().replace("type: shifted-hours", "type: temporary-remote");
    Fixtures.write(dir, "remote.yaml", Fixtures.withoutTimes(request));
    CliResult result = CliResult.run(letters, "check", "remote.yaml");
    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertEquals("error: accommodation.type: template 'schedule-adjustment' does not cover temporary-remote;"
        + " template 'remote-work' does, or leave template out\n", result.err());
  }

  // A named pipe in a folder of requests (made by mkfifo, never written to) is no request file:
  // opening it waited for a writer and held the whole run forever.
  @Test
  void aNamedPipeInAFolderIsSkippedNotWaitedOn(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Path pipe = Fixtures.namedPipe(dir.resolve("requests/b.yaml"));
    try {
      CliResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
          () -> CliResult.run(letters, "check", "requests"));
      assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    } finally {
      Fixtures.letGo(pipe);
    }
  }

  // A folder copied from a Mac holds ._a.yaml (binary, beside each file) and an editor leaves
  // .#a.yaml (a dangling link): hidden files are left out of a folder, as a shell's * leaves
  // them, for requests and for letters to verify alike. Named, a hidden file is still read.
  @Test
  void hiddenFilesInAFolderAreLeftOutAsAShellWould(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.requestFolder(dir);
    Files.write(dir.resolve("requests/._a.yaml"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
    Files.createSymbolicLink(dir.resolve("requests/.#a.yaml"), Path.of("someone@host.1234"));
    CliResult checked = CliResult.run(letters, "check", "requests");
    assertEquals(ExitCodes.OK, checked.exitCode(), checked.out() + checked.err());
    // One request found, so check gives its one full review, not a line per request.
    assertTrue(checked.out().startsWith("Authorization OK"), checked.out());
    assertEquals(ExitCodes.USAGE, CliResult.run(letters, "check", "requests/._a.yaml").exitCode());

    Files.createDirectory(dir.resolve("letters"));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "-o", "letters/demo-letter.pdf").exitCode());
    Files.write(dir.resolve("letters/._demo-letter.pdf"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
    CliResult verified = CliResult.run(letters, "verify", "letters", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.OK, verified.exitCode(), verified.out() + verified.err());
    assertFalse(verified.out().contains("._demo-letter.pdf"), verified.out());
  }
}
