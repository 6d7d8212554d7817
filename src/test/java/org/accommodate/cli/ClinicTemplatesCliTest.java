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

  /** A minimal but valid XHTML letter body around {@code body}. */
  private static String template(String body) {
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
}
