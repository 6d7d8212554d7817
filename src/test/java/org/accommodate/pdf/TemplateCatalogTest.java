package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.accommodate.Letters;
import org.accommodate.cli.ExitCodes;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.VeraPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * Every shipped template in both languages, filled with the longest realistic values (long names,
 * three schedule blocks in a named time zone, a long address, the Part 2 notice and California's), signed, on one page,
 * and conformant.
 */
class TemplateCatalogTest {
  private static final String NAME = "María Fernanda Castañeda-Villalobos de la Cruz";
  private static final Map<String, String> TYPES = Map.of(
      "schedule-adjustment", "shifted-hours", "remote-work", "temporary-remote", "leave", "leave-continuous",
      "return-to-work", "rtw-no-restrictions", "return-with-restrictions", "rtw-with-restrictions");
  private static Path dir;
  private static Letters letters;

  @BeforeAll
  static void setUp(@TempDir Path temp) {
    dir = temp;
    letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("name: Riverside Health Partners",
            "name: Riverside Family and Community Health Partners of Greater Springfield")
        .replace("title: Attending Physician", "title: Attending Physician, Department of Family Medicine\n"
            + "  license: Illinois Physician and Surgeon License 036-123456")
        .replace("\"Springfield, IL 62704\"", "\"Oakland, CA 94607\"")
        + "organization:\n  part2_program: true\n  jurisdiction: US-CA\n");
  }

  static Stream<Arguments> letters() {
    List<Arguments> all = new ArrayList<>();
    for (String template : TYPES.keySet()) {
      for (String language : List.of("en", "es")) {
        all.add(Arguments.of(template, language));
      }
    }
    return all.stream();
  }

  private static String request(String template, String language) {
    String request = Fixtures.part2Consent(Fixtures.request()).replace("[hipaa, part2]", "[hipaa, part2, ca-cmia]")
        .replace("template: schedule-adjustment", "template: " + template)
        .replace("language: en", "language: " + language)
        .replace("name: Jordan Rivera", "name: " + NAME)
        .replace("  reference: MRN-0042\n", "  reference: MRN-0042\n  employee_id: 2026-NW-0048817\n"
            + "  under_care_since: 2025-09\n")  // the longest month, in both languages
        .replace("organization: Acme Logistics", "organization: Northwestern Regional Distribution and Logistics Cooperative, Inc.")
        .replace("recipient: Acme Logistics", "recipient: Northwestern Regional Distribution and Logistics Cooperative, Inc.")
        .replace("address: [100 Main Street, \"Springfield, IL 62701\"]",
            "address: [\"Attn: Leave Administration, Building C, Third Floor\", \"4500 Industrial Parkway, Suite 1200\", \"Springfield, IL 62701-4421\"]")
        .replace("type: shifted-hours", "type: " + TYPES.get(template))
        .replace("details: Start work at 1:00 p.m. on these days",
            "details: Start work at 1:00 p.m. on the days listed and finish at 9:30 p.m.; keep the same weekly hours, "
                + "with the two afternoon breaks moved to 4:00 p.m. and 7:00 p.m.");
    if (template.equals("schedule-adjustment")) {
      request = request.replace("    to: \"12:00\"\n", "    to: \"12:00\"\n"
          + "  - days: [TUE]\n    from: \"14:00\"\n    to: \"16:30\"\n"
          + "  - days: [THU]\n    from: \"07:30\"\n    to: \"09:00\"\n")
          + "time_zone: America/Phoenix\n"  // the longest zone name in Spanish
          + "episodes: {times: 10, per: month, hours: 12}\n";
      request = request.replace("type: shifted-hours", "type: intermittent-leave");
    } else {
      request = Fixtures.withoutTimes(request);
    }
    if (template.equals("return-with-restrictions")) {
      request = request.replace("accommodation]", "accommodation, work-restrictions]")
          + "work_restrictions: No lifting over 20 pounds, no more than 6 hours standing per shift, and no overnight shifts.\n";
    }
    return request;
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("letters")
  void fitsOnOnePageAndIsArchivalAndAccessible(String template, String language) throws Exception {
    String file = template + "-" + language;
    Fixtures.write(dir, file + ".yaml", request(template, language));
    // With the patient's copy in the other language, whose mark is longer than a specimen's.
    String other = language.equals("en") ? "es" : "en";
    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "letter", file + ".yaml", "-o", file + ".pdf", "--accept-warnings", "--patient-copy", other);
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    for (Path pdf : List.of(dir.resolve(file + ".pdf"), dir.resolve(file + "-copy-" + other + ".pdf"))) {
      try (var document = Loader.loadPDF(pdf.toFile())) {
        assertEquals(1, document.getNumberOfPages());
        String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        assertTrue(text.contains(NAME), text);
        assertTrue(text.contains("2026-NW-0048817)"), text);
      }
      assertEquals(Set.of(), VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A), pdf.getFileName().toString());
      assertEquals(Set.of(), VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1), pdf.getFileName().toString());
    }
  }
}
