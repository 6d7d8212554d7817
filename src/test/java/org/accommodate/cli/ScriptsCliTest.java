package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    Path pdf = letterWithProfileFont(dir, org.accommodate.testing.Tools.cjkFont(), "山田 花子");
    // The name is in regular text and in the bold subject line: the profile font is embedded once.
    assertEquals(1, profileFonts(pdf).size());
  }

  // A letter for {@code name} with {@code font} in the profile: made, the name extracts back, and
  // it passes veraPDF's PDF/A-2a and PDF/UA-1 checks.
  private static Path letterWithProfileFont(Path dir, Path font, String name) throws Exception {
    Letters letters = setUp(dir, name);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "fonts: [" + font + "]\n");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    Path pdf = dir.resolve("out.pdf");
    try (var document = Loader.loadPDF(pdf.toFile())) {
      assertTrue(new PDFTextStripper().getText(document).contains(name));
    }
    assertEquals(java.util.Set.of(), org.accommodate.testing.VeraPdf.failures(pdf,
        org.verapdf.pdfa.flavours.PDFAFlavour.PDFA_2_A));
    assertEquals(java.util.Set.of(), org.accommodate.testing.VeraPdf.failures(pdf,
        org.verapdf.pdfa.flavours.PDFAFlavour.PDFUA_1));
    return pdf;
  }

  @Test
  void aTrueTypeCollectionServesAsAProfileFont(@TempDir Path dir) throws Exception {
    Path pdf = letterWithProfileFont(dir, org.accommodate.testing.Tools.fontCollection(), "王小明");
    String poppler = Tools.run("pdftotext", pdf.toString(), "-");
    assertTrue(poppler.contains("王小明"), "pdftotext: " + poppler);
    assertTrue(Tools.run("pdffonts", pdf.toString()).contains("WenQuanYiZenHei"));
  }

  @Test
  void aFontWithPostScriptOutlinesIsRefusedByName(@TempDir Path dir) throws Exception {
    Path font = org.accommodate.testing.Tools.postScriptOutlineFont();
    Letters letters = setUp(dir, "王小明");
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "fonts: [" + font + "]\n");
    CliResult result = CliResult.run(letters, PASSWORD, "letter", "request.yaml", "-o", "out.pdf");

    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertEquals("error: profile.fonts: Inconsolata.otf has PostScript (CFF) outlines, which cannot be embedded as a"
        + " subset; use a font with TrueType outlines (.ttf, or a .ttc collection)", result.err().strip());
    assertFalse(java.nio.file.Files.exists(dir.resolve("out.pdf")));
  }

  // Each worker parses a profile font once and keeps it for its next letters: a letter must still
  // embed only the glyphs it shows, never those of another patient's name from the same batch.
  @Test
  void lettersOfABatchShareAProfileFontButNotTheirGlyphs(@TempDir Path dir) throws Exception {
    Path font = org.accommodate.testing.Tools.cjkFont();
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile() + "fonts: [" + font + "]\n");
    String[] names = {"山田 花子", "佐藤 健", "鈴木 一郎", "山田 花子"};
    java.nio.file.Files.createDirectories(dir.resolve("requests"));
    for (int i = 0; i < names.length; i++) {
      Fixtures.write(dir, "requests/r" + i + ".yaml", Fixtures.request()
          .replace("name: Jordan Rivera", "name: \"" + names[i] + "\"").replace("MRN-", "MRN-" + i));
    }
    CliResult result = CliResult.run(letters, PASSWORD, "batch", "requests", "--out-dir", "out", "--workers", "1");
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());

    String manifest = java.nio.file.Files.readString(dir.resolve("out/manifest.json"));
    for (int i = 0; i < names.length; i++) {
      java.util.regex.Matcher letter = java.util.regex.Pattern.compile("r" + i + "\\.yaml\"[^}]*?(letter-[0-9A-Z-]+\\.pdf)")
          .matcher(manifest);
      assertTrue(letter.find(), manifest);
      Path pdf = dir.resolve("out").resolve(letter.group(1));
      try (var document = Loader.loadPDF(pdf.toFile())) {
        assertTrue(new PDFTextStripper().getText(document).contains(names[i]), names[i]);
      }
      java.util.List<java.util.Set<String>> fonts = profileFonts(pdf);
      assertEquals(1, fonts.size());
      for (String glyph : fonts.get(0)) {
        assertTrue(names[i].contains(glyph), "letter " + i + " embeds a glyph of another name: " + glyph);
      }
      assertTrue(fonts.get(0).containsAll(java.util.Arrays.asList(names[i].replace(" ", "").split(""))), fonts.toString());
    }
  }

  // For each font dictionary of the page from the profile font (IPAGothic): the characters its
  // embedded subset can show, from its ToUnicode map.
  private static java.util.List<java.util.Set<String>> profileFonts(Path pdf) throws Exception {
    java.util.List<java.util.Set<String>> fonts = new java.util.ArrayList<>();
    try (var document = Loader.loadPDF(pdf.toFile())) {
      var resources = document.getPage(0).getResources();
      for (var name : resources.getFontNames()) {
        var font = resources.getFont(name);
        if (!font.getName().endsWith("IPAGothic")) {
          continue;
        }
        java.util.Set<String> shown = new java.util.TreeSet<>();
        for (int code = 0; code <= 0xFFFF; code++) {
          String unicode = font.toUnicode(code);
          if (unicode != null) {
            shown.add(unicode);
          }
        }
        fonts.add(shown);
      }
    }
    return fonts;
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
