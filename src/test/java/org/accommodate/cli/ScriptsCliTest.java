package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.Tools;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names in every script the bundled fonts cover render and extract back as the same text. */
class ScriptsCliTest {
  private static final Map<String, String> PASSWORD = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

  private static Letters setUp(Path dir, String name) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("name: Jordan Rivera", "name: \"" + name + "\""));
    return letters;
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn Thị Minh Khai", "Łukasz Żółkiewski", "Ελένη Παπαδοπούλου", "Анна Кузнецова",
      "דנה כהן", "ليلى حداد", "Rafiq Officer-Stiffler"})
  void aNameRendersAndExtractsExactly(String name, @TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, name);
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    try (var document = Loader.loadPDF(dir.resolve("out.pdf").toFile())) {
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains(name), "PDFBox: " + text);
    }
    String poppler = Tools.run("pdftotext", dir.resolve("out.pdf").toString(), "-");
    assertTrue(poppler.contains(name), "pdftotext: " + poppler);
  }

  @Test
  void aProfileFontAddsAScriptTheBundledFontsLack(@TempDir Path dir) throws Exception {
    Path font = org.accommodate.testing.Tools.cjkFont();
    Letters letters = setUp(dir, "山田 花子");
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "fonts: [" + font + "]\n");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    try (var document = Loader.loadPDF(dir.resolve("out.pdf").toFile())) {
      assertTrue(new PDFTextStripper().getText(document).contains("山田 花子"));
    }
    assertEquals(java.util.Set.of(), org.accommodate.testing.VeraPdf.failures(dir.resolve("out.pdf"),
        org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_A));
  }

  @Test
  void aCharacterNoFontCoversIsAnInputErrorNamingTheField(@TempDir Path dir) {
    Letters letters = setUp(dir, "王小明");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("error: patient.name: has characters (han script)"), result.err());
    assertTrue(!result.err().contains("王"), result.err());
  }
}
