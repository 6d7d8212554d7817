package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A clinic's own templates: validated when loaded, and held in the same sandbox as ours. */
class ClinicTemplatesCliTest {
  private static final Map<String, String> PASSWORD = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
  private static final String MANIFEST = "id: clinic-note\ntitle: Clinic note\ntypes: [shifted-hours]\n"
      + "categories: [identity, care-status, schedule, duration, accommodation]\nlevels: [schedule-only]\nlanguages: [en]\n";

  /**
   * A minimal but valid XHTML letter around {@code body}, with what every letter prints: the
   * letter ID, and the mark of a demo-key specimen or draft.
   */
  private static String template(String body) {
    return withoutLetterId("<p>Letter ID: ${letter.id}</p>" + body);
  }

  private static String withoutLetterId(String body) {
    return bare("<#if letter.banner?has_content><p>${letter.banner}</p></#if>" + body);
  }

  private static String bare(String body) {
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-US\">\n<head><title>Clinic note</title>"
        + "<style>body { font-family: \"DejaVu Sans\"; }</style></head>\n<body>\n" + body + "\n</body>\n</html>\n";
  }

  private static Path folder(Path dir, String manifest, String en) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("clinic-templates/clinic-note"));
    Files.writeString(folder.resolve("manifest.yaml"), manifest);
    Files.writeString(folder.resolve("en.ftlx"), en);
    return dir.resolve("clinic-templates");
  }

  private static Letters setUp(Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("template: schedule-adjustment", "template: clinic-note"));
    return letters;
  }

  @Test
  void aValidClinicTemplateIsListedAndProducesALetter(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, template("<h1>Note for ${identity.name}</h1><p>${identity.name} is under my care.</p>"));

    CliResult list = CliResult.run(letters, "templates", "list", "--templates", "clinic-templates");
    assertTrue(list.out().contains("clinic-note"), list.out());
    CliResult show = CliResult.run(letters, "templates", "show", "clinic-note", "--templates", "clinic-templates");
    assertTrue(show.out().contains("source:     "), show.out());
    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "note.pdf",
        "--templates", "clinic-templates");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
  }

  // A template in English only cannot make the Spanish copy a request asks for: refused before
  // anything is signed or recorded, naming the field that asked, and check says so first.
  @Test
  void aCopyInALanguageTheTemplateLacksIsRefusedBeforeTheLetter(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, template("<h1>Note for ${identity.name}</h1><p>${identity.name} is under my care.</p>"));
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("template: schedule-adjustment", "template: clinic-note")
        .replace("language: en", "language: en\npatient_copy: es"));

    CliResult check = CliResult.run(letters, "check", "request.yaml", "--templates", "clinic-templates");
    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "note.pdf",
        "--templates", "clinic-templates");

    String refusal = "error: patient_copy: template 'clinic-note' has no es version yet\n";
    assertEquals(ExitCodes.USAGE, check.exitCode());
    assertEquals(refusal, check.err());
    assertEquals(ExitCodes.USAGE, letter.exitCode());
    assertEquals(refusal, letter.err());
    assertFalse(Files.exists(dir.resolve("note.pdf")));
    assertFalse(Files.exists(dir.resolve("ledger.jsonl")), "nothing recorded");
  }

  // A mistyped or too deep --templates folder added nothing, and the shipped template of the same
  // id made the letter without a word.
  @Test
  void aFolderHoldingNoTemplateIsRefused(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, template("<p>${identity.name}</p>"));
    Files.createDirectories(dir.resolve("empty"));
    Fixtures.write(dir, "shipped-id.yaml", Fixtures.request());

    CliResult empty = CliResult.run(letters, PASSWORD, "letter", "shipped-id.yaml", "-o", "x.pdf", "--templates", "empty");
    assertEquals(ExitCodes.USAGE, empty.exitCode(), empty.err());
    assertEquals("error: --templates: " + dir.resolve("empty") + " holds no template (one sub-folder per template,"
        + " each with its manifest.yaml)\n", empty.err());
    CliResult deep = CliResult.run(letters, "templates", "list", "--templates", "clinic-templates/clinic-note");
    assertTrue(deep.err().endsWith("; it is a template itself: give the folder that holds it\n"), deep.err());
    assertFalse(Files.exists(dir.resolve("x.pdf")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<#include \"../../outside.ftlx\">",
      "<#import \"/etc/passwd\" as p>",
      "${\"freemarker.template.utility.Execute\"?new()(\"id\")}",
      "${identity?api.getClass()}",
      "${\"1+1\"?eval}",
      "<@\"x\"?interpret />"})
  void refusesTemplatesThatEscapeTheSandboxWhenLoaded(String line, @TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    Files.writeString(dir.resolve("outside.ftlx"), "outside");
    folder(dir, MANIFEST, template("<p>" + line + "</p>"));

    CliResult result = CliResult.run(letters, "templates", "list", "--templates", "clinic-templates");

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.out() + result.err());
    assertEquals(1, result.err().strip().lines().count(), result.err());
    assertTrue(result.err().contains("clinic-note/en.ftlx"), result.err());
  }

  @Test
  void aTemplateAskingForAnUndisclosedFieldIsRefused(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST.replace("categories: [identity, care-status, schedule, duration, accommodation]",
        "categories: [identity, care-status, duration, accommodation]").replace("types: [shifted-hours]", "types: [temporary-remote]"),
        template("<p>${identity.name}</p><p>${patient.reference}</p>"));
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("template: schedule-adjustment", "template: clinic-note")
        .replace("type: shifted-hours", "type: temporary-remote")
        .replaceAll("(?s)unavailable:.*?accommodation:", "accommodation:"));

    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "x.pdf", "--templates", "clinic-templates");

    assertEquals(ExitCodes.PRIVACY, result.exitCode(), result.err());
    assertTrue(result.err().contains("it uses data that is not in the authorized model"), result.err());
    assertFalse(Files.exists(dir.resolve("x.pdf")));

    // check, run before a batch, says so too, rather than "ok" for letters that would all fail;
    // also where only the densest layout asks for it.
    CliResult check = CliResult.run(letters, "check", "request.yaml", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, check.exitCode(), check.out());
    assertTrue(check.err().contains("it uses data that is not in the authorized model"), check.err());
    folder(dir, MANIFEST.replace("categories: [identity, care-status, schedule, duration, accommodation]",
        "categories: [identity, care-status, duration, accommodation]").replace("types: [shifted-hours]", "types: [temporary-remote]"),
        template("<p>${identity.name}</p><#if layout.density == \"dense\"><p>${patient.reference}</p></#if>"));
    CliResult dense = CliResult.run(letters, "check", "request.yaml", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, dense.exitCode(), dense.out());
  }

  @Test
  void aBrokenManifestIsAnInputErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, "id: clinic-note\ntitle: [unclosed\n", template("<p/>"));
    CliResult result = CliResult.run(letters, "templates", "list", "--templates", "clinic-templates");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().matches("(?s)error: .*clinic-note/manifest.yaml: not valid YAML at line \\d+.*"), result.err());
  }

  @Test
  void aTemplateSyntaxErrorNamesFileAndLine(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, template("<p>${identity.name</p>"));
    CliResult result = CliResult.run(letters, "templates", "list", "--templates", "clinic-templates");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().matches("(?s)error: .*clinic-note/en.ftlx: not a valid template at line \\d+.*"), result.err());
  }

  // HR quotes the letter ID to this office; a letter without it on its page cannot be checked by phone.
  @Test
  void aTemplateThatDoesNotPrintTheLetterIdIsRefused(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, withoutLetterId("<p>${identity.name} is under my care.</p>"));

    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "note.pdf",
        "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, letter.exitCode(), letter.err());
    assertEquals("error: template clinic-note: the letter lacks the letter ID (letter.id), and HR quotes it to check"
        + " the letter with this office; print it as the shipped templates do\n", letter.err());
    assertFalse(Files.exists(dir.resolve("note.pdf")));
    assertFalse(Files.exists(dir.resolve("ledger.jsonl")) && !Files.readString(dir.resolve("ledger.jsonl")).isBlank());
    CliResult check = CliResult.run(letters, "check", "request.yaml", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, check.exitCode(), check.out());
    assertEquals(letter.err(), check.err());
  }

  // A Part 2 program's clinic template that left out the 2.32 notice made a signed letter without it.
  @Test
  void aPart2ProgramsTemplateMustPrintTheNoticeAndTheScopeOfConsent(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n");
    Fixtures.write(dir, "request.yaml", Fixtures.part2Consent(Fixtures.request())
        .replace("template: schedule-adjustment", "template: clinic-note"));
    String letterBody = "<p>${identity.name} is under my care.</p>";
    String notice = "<#list part2.notice as paragraph><p>${paragraph}</p></#list>";
    String scope = "<p>The patient consented to this letter for ${part2.purpose}, covering"
        + " <#list part2.categories as c>${c}<#sep>, </#sep></#list>, until ${part2.expires}.</p>";

    folder(dir, MANIFEST, template(letterBody + scope));
    CliResult noNotice = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, noNotice.exitCode(), noNotice.err());
    assertEquals("error: template clinic-note: the letter lacks the 42 CFR 2.32 notice (part2.notice), and every"
        + " disclosure by a 42 CFR Part 2 program carries it (2.32(a)), word for word; print it as the shipped"
        + " templates do\n", noNotice.err());
    CliResult draft = CliResult.run(letters, "preview", "request.yaml", "-o", "a-draft.pdf", "--templates", "clinic-templates");
    assertEquals(noNotice.err(), draft.err());

    folder(dir, MANIFEST, template(letterBody + notice));
    CliResult noScope = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "b.pdf", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, noScope.exitCode(), noScope.err());
    assertTrue(noScope.err().startsWith("error: template clinic-note: the letter lacks the scope of consent's purpose"
        + " (part2.purpose), and a Part 2 program's disclosure carries the consent's scope (2.32(b))"), noScope.err());
    CliResult checked = CliResult.run(letters, "check", "request.yaml", "--templates", "clinic-templates");
    assertEquals(noScope.err(), checked.err());

    // Laid out its own way, with both, the letter is made.
    folder(dir, MANIFEST, template(letterBody + notice + scope));
    CliResult both = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "c.pdf", "--templates", "clinic-templates");
    assertEquals(ExitCodes.OK, both.exitCode(), both.err());
    assertTrue(Files.exists(dir.resolve("c.pdf")));
    assertFalse(Files.exists(dir.resolve("a.pdf")) || Files.exists(dir.resolve("a-draft.pdf")) || Files.exists(dir.resolve("b.pdf")));
  }

  // The notice is for a Part 2 program's letters only: elsewhere it tells the reader that the
  // record came from a substance-use program (domain.md 1.2).
  @Test
  void anotherClinicsTemplateThatCitesPart2IsRefused(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, template("<p>${identity.name} is under my care.</p>"
        + "<p>42 CFR part 2 prohibits unauthorized use or disclosure of these records.</p>"));

    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "note.pdf",
        "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, letter.exitCode(), letter.err());
    assertTrue(letter.err().startsWith("error: letter text: cites the federal law on substance-use treatment records"
        + " [sud-law]"), letter.err());
    assertFalse(Files.exists(dir.resolve("note.pdf")));
  }

  // California's Civil Code 56.14 notice, like the 2.32 notice, is checked on the page.
  @Test
  void aCaliforniaClinicsTemplateMustPrintTheLimitsOnUse(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "organization:\n  jurisdiction: US-CA\n");
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("template: schedule-adjustment", "template: clinic-note")
        .replace("  discloses: [", "  regimes: [hipaa, ca-cmia]\n  discloses: ["));
    folder(dir, MANIFEST, template("<p>${identity.name} is under my care.</p>"));
    CliResult without = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "a.pdf", "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, without.exitCode(), without.err());
    assertEquals("error: template clinic-note: the letter lacks California's notice (california.before), and a"
        + " California clinic tells the recipient the authorization's limits on use (Civil Code 56.14); print it as"
        + " the shipped templates do\n", without.err());

    folder(dir, MANIFEST, template("<p>${identity.name} is under my care.</p><p>${california.before}"
        + " ${california.purpose}, until ${california.expires}.</p><p>${california.after}</p>"));
    CliResult with = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "b.pdf", "--templates", "clinic-templates");
    assertEquals(ExitCodes.OK, with.exitCode(), with.err());
    assertFalse(Files.exists(dir.resolve("a.pdf")));
  }

  // A letter signed with a demo key says SPECIMEN on its face, whichever template draws it.
  @Test
  void aDemoKeyLetterFromATemplateWithoutTheMarkIsRefused(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir);
    folder(dir, MANIFEST, bare("<p>Letter ID: ${letter.id}</p><p>${identity.name} is under my care.</p>"));

    CliResult letter = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "note.pdf",
        "--templates", "clinic-templates");
    assertEquals(ExitCodes.PRIVACY, letter.exitCode(), letter.err());
    assertEquals("error: template clinic-note: the letter lacks the mark that it is not a signed letter (letter.banner),"
        + " and a draft, a demo-key specimen or the patient's copy must never pass for the letter an employer relies on;"
        + " print it as the shipped templates do\n", letter.err());
    assertFalse(Files.exists(dir.resolve("note.pdf")));
  }
}
