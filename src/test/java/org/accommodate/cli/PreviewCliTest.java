package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.VeraPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

class PreviewCliTest {
  private static Letters setUp(Path dir, String profile) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", profile);
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    return letters;
  }

  private static String text(Path pdf) throws Exception {
    try (var document = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(document).replaceAll("[\\s\u00a0]+", " ");
    }
  }

  // Lines break where Unicode's line-breaking rules allow (UAX #14): never inside a time or an
  // abbreviation, so a reader never sees "1:" at a line's end and "00 p.m." on the next; the
  // renderer's default breaker did that (it breaks after any colon or full stop).
  @Test
  void linesNeverBreakInsideATimeOrAnAbbreviation(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, Fixtures.profile());
    StringBuilder details = new StringBuilder("Start at");
    for (int minute = 0; minute < 60; minute += 5) {
      details.append(" 1:").append(minute < 10 ? "0" : "").append(minute).append(" p.m., E-0").append(minute);
    }
    Fixtures.write(dir, "times.yaml", Fixtures.request().replace("details: Start work at 1:00 p.m. on these days",
        "details: \"" + details + " on these days\""));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "preview", "times.yaml", "-o", "times.pdf").exitCode());
    String lines;
    try (var document = Loader.loadPDF(dir.resolve("times.pdf").toFile())) {
      lines = new PDFTextStripper().getText(document);
    }
    assertTrue(lines.replaceAll("\\s+", " ").contains("1:55 p.m., E-055 on these days"), lines);
    assertFalse(java.util.regex.Pattern.compile("[0-9]:\\s*\\R|p\\.\\s*\\R\\s*m\\.|E-\\s*\\R").matcher(lines).find(), lines);
  }

  // A run no line can hold ran off the page, cut where the reader could not see it: refused by
  // field, before anything is made; a long word that fits, or a long address that can break after
  // its slashes, is not.
  @Test
  void aRunOfTextNoLineCanHoldIsRefused(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.profile());
    StringBuilder run = new StringBuilder("1");
    for (int i = 2; i < 120; i++) {
      run.append('-').append(i);
    }
    Fixtures.write(dir, "run.yaml", Fixtures.request().replace("details: Start work at 1:00 p.m. on these days",
        "details: Start at " + run + " on these days"));
    CliResult result = CliResult.run(letters, "preview", "run.yaml", "-o", "run.pdf");
    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertEquals("error: accommodation.details: has a run of text with no space or other break that is too wide for a"
        + " line of the letter (it would run off the page); add spaces\n", result.err());
    assertFalse(Files.exists(dir.resolve("run.pdf")));
    Fixtures.write(dir, "fits.yaml", Fixtures.request().replace("details: Start work at 1:00 p.m. on these days",
        "details: See https://intranet.example.com/human-resources/policies/leave/form.pdf and the"
            + " Donaudampfschifffahrtsgesellschaftskapitaen"));
    assertEquals(ExitCodes.OK, CliResult.run(letters, "preview", "fits.yaml", "-o", "fits.pdf").exitCode());
  }

  // The picture of a patient's letter never passes through a temporary file: ImageIO's default
  // cache wrote it to java.io.tmpdir (a shared disk), left there when the process is killed.
  @Test
  void thePageImageNeverTouchesTheTemporaryFolder(@TempDir Path dir, @TempDir Path cache) throws Exception {
    Letters letters = setUp(dir, Fixtures.profile());
    java.io.File before = ImageIO.getCacheDirectory();
    ImageIO.setCacheDirectory(cache.toFile());
    try (java.nio.file.WatchService watch = cache.getFileSystem().newWatchService()) {
      cache.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
      CliResult result = CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf", "--png");
      assertEquals(ExitCodes.OK, result.exitCode(), result.err());
      assertTrue(Files.size(dir.resolve("draft.png")) > 10_000);
      java.nio.file.WatchKey created = watch.poll(1, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(java.util.List.of(), created == null ? java.util.List.of()
          : created.pollEvents().stream().map(e -> String.valueOf(e.context())).toList());
    } finally {
      ImageIO.setCacheDirectory(before);
    }
  }

  @Test
  void previewWritesAnUnsignedDraftAndItsPageImageWithoutAKey(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, Fixtures.profile());
    CliResult result = CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf", "--png");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertTrue(text(dir.resolve("draft.pdf")).contains("DRAFT — not signed, not valid"));
    assertEquals(ExitCodes.UNSIGNED, CliResult.run(letters, "verify", "draft.pdf").exitCode());
    BufferedImage page = ImageIO.read(dir.resolve("draft.png").toFile());
    assertTrue(page.getWidth() > 800 && page.getHeight() > page.getWidth(), "a portrait page");
    // The advice the signed letter would print comes with the draft, while it can still be acted on.
    assertEquals("warning: unavailable: 3 days a week of about 3 hours for several weeks can read as an intensive care"
        + " schedule to an informed reader; consider fewer, broader windows, such as whole mornings or afternoons\n",
        result.err());
  }

  @Test
  void thePatientsCopyInSpanishShowsTheSameDisclosedContent(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, Fixtures.profile());
    CliResult result = CliResult.run(letters, "preview", "request.yaml", "-o", "copy.pdf", "--patient-language", "es");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    assertEquals("Patient's copy written to " + dir.resolve("copy.pdf") + "\n", result.out());
    String text = text(dir.resolve("copy.pdf"));
    // Marked as the patient's own copy, which no one could take for the signed letter.
    assertTrue(text.contains("SU COPIA — sin firmar; su empleador recibe la carta firmada Riverside Health Partners"), text);
    assertFalse(text.contains("BORRADOR"), text);
    assertTrue(text.contains("Desde el 7 de diciembre de 2026 hasta el 29 de enero de 2027, Jordan Rivera no está"
        + " disponible para trabajar en estos horarios: Días No disponible para trabajar lunes, miércoles y viernes"
        + " 9:00 a. m. a 12:00 p. m."), text);
    assertTrue(text.contains("Propuesta concreta: Start work at 1:00 p.m. on these days."), "the same free text");
    assertFalse(text.contains("MRN-0042"), text);

    // A clinic template whose top line is its own (or none) cannot make such a copy, or a draft.
    java.nio.file.Path mine = Files.createDirectories(dir.resolve("mine/schedule-adjustment"));
    for (String file : List.of("manifest.yaml", "en.ftlx", "es.ftlx", "letter.css")) {
      String shipped = new String(getClass().getClassLoader().getResourceAsStream("templates/schedule-adjustment/" + file)
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Files.writeString(mine.resolve(file), shipped.replace("<p class=\"specimen\">${letter.banner}</p>", ""));
    }
    CliResult unmarked = CliResult.run(letters, "preview", "request.yaml", "-o", "mine.pdf", "--patient-language", "es",
        "--templates", "mine");
    assertEquals(ExitCodes.PRIVACY, unmarked.exitCode(), unmarked.err());
    assertTrue(unmarked.err().startsWith("error: template schedule-adjustment: the letter lacks the mark that it is not"
        + " a signed letter (letter.banner)"), unmarked.err());
    assertFalse(Files.exists(dir.resolve("mine.pdf")));
  }

  @Test
  void previewRefusesWhatALetterWouldRefuse(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.profile());
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("Start work at 1:00 p.m. on these days", "After methadone dosing"));
    CliResult result = CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf");

    assertEquals(ExitCodes.PRIVACY, result.exitCode());
    assertFalse(Files.exists(dir.resolve("draft.pdf")));
  }

  @Test
  void aBrandedLetterCarriesTheLogoWithAlternateTextAndStaysConformant(@TempDir Path dir) throws Exception {
    Path pdf = brandedLetter(dir, 300, 90, "  accent: \"#1d5c4d\"\n");
    assertEquals(Set.of(), VeraPdf.failures(pdf, PDFAFlavour.PDFA_2_A));
    assertEquals(Set.of(), VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1));
    try (var document = Loader.loadPDF(pdf.toFile())) {
      var images = document.getPage(0).getResources().getXObjectNames();
      assertTrue(images.iterator().hasNext(), "the logo is embedded");
      String alt = figureAlt(document.getDocumentCatalog().getStructureTreeRoot().getKids());
      assertEquals("Logo of Riverside Health Partners", alt);
      assertEquals(java.util.List.of("300 x 90"), imageSizes(document));
    }
  }

  // Every letter embeds the logo and the renderer decodes it for each: a huge one is scaled down
  // once, when the profile is read, to 1,600 pixels on its longer side (600 dpi at the size the
  // letterhead prints it).
  @Test
  void aHugeLogoIsEmbeddedScaledDownOnce(@TempDir Path dir) throws Exception {
    Path pdf = brandedLetter(dir, 4000, 1000, "");
    try (var document = Loader.loadPDF(pdf.toFile())) {
      assertEquals(java.util.List.of("1600 x 400"), imageSizes(document));
    }
  }

  // A small PNG whose header claims 60,000 x 60,000 pixels is refused from its header: decoding
  // it first would allocate gigabytes, and the process ran out of memory (an internal error).
  @Test
  void aLogoClaimingAHugeSizeIsRefusedBeforeDecoding(@TempDir Path dir) throws Exception {
    BufferedImage small = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    ImageIO.write(small, "png", out);
    byte[] png = out.toByteArray();
    java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(png);
    header.putInt(16, 60_000).putInt(20, 60_000);  // IHDR width and height
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(png, 12, 17);  // the chunk type and its 13 data bytes
    header.putInt(29, (int) crc.getValue());
    Files.write(dir.resolve("logo.png"), png);
    Letters letters = setUp(dir, Fixtures.profile().replace("  phone: (555) 010-0123\n",
        "  phone: (555) 010-0123\n  logo: logo.png\n"));
    CliResult result = CliResult.run(letters, "preview", "request.yaml", "-o", "draft.pdf");
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertEquals("error: profile.clinic.logo: is not a readable PNG of at most 4000 x 4000 pixels\n", result.err());
  }

  // A signed letter whose profile has a logo of width x height (a rounded green block) and the
  // branding lines {@code more}.
  private static Path brandedLetter(Path dir, int width, int height, String more) throws Exception {
    BufferedImage logo = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    var graphics = logo.createGraphics();
    graphics.setColor(new Color(29, 92, 77));
    graphics.fillRoundRect(0, 0, width, height, height / 3, height / 3);
    graphics.dispose();
    ImageIO.write(logo, "png", dir.resolve("logo.png").toFile());
    Letters letters = setUp(dir, Fixtures.profile().replace("  phone: (555) 010-0123\n",
        "  phone: (555) 010-0123\n  logo: logo.png\n" + more));

    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "letter", "request.yaml", "-o", "branded.pdf");

    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
    return dir.resolve("branded.pdf");
  }

  private static java.util.List<String> imageSizes(org.apache.pdfbox.pdmodel.PDDocument document) throws Exception {
    java.util.List<String> sizes = new java.util.ArrayList<>();
    var resources = document.getPage(0).getResources();
    for (var name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
        sizes.add(image.getWidth() + " x " + image.getHeight());
      }
    }
    return sizes;
  }

  /** The alternate text of the first Figure element in the structure tree. */
  private static String figureAlt(java.util.List<Object> kids) {
    for (Object kid : kids) {
      if (kid instanceof org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement element) {
        if ("Figure".equals(element.getStructureType())) {
          return element.getAlternateDescription();
        }
        String inner = figureAlt(element.getKids());
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  @Test
  void anAccentTooLightToReadIsRefused(@TempDir Path dir) {
    Letters letters = setUp(dir, Fixtures.profile().replace("  phone: (555) 010-0123\n",
        "  phone: (555) 010-0123\n  accent: \"#99ccff\"\n"));
    CliResult result = CliResult.run(letters, "check", "request.yaml");

    assertEquals(ExitCodes.USAGE, result.exitCode());
    assertTrue(result.err().startsWith("error: profile.clinic.accent: too light to read on white"), result.err());
  }
}
