package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.Letters;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.VeraPdf;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** The visible signature block: what it says, and which font it draws with. */
class SignatureBlockCliTest {
  private static final Map<String, String> ENV = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "S3cret-pass-4711",
      PasswordSource.CA_ENVIRONMENT_VARIABLE, "CA-pass-0815-long");

  @Test
  void theBlockNamesTheSignerInTheLettersOwnFont(@TempDir Path dir) throws Exception {
    try (PDDocument document = Loader.loadPDF(signedBy("Sam Lee", ORGANIZATION, "sam-lee", dir).toFile())) {
      Block block = block(document);
      assertEquals(List.of("Digitally signed by Sam Lee", "Riverside Health Partners", "Date: 2026-12-01 15:00:00 +00:00"),
          block.lines());
      // The same font object as the page's text: no second copy of DejaVu Sans in the file.
      assertSame(pageFont(document, "+DejaVuSans"), block.font().getCOSObject());
      assertEquals(1, regularFaces(document));
    }
  }

  @Test
  void aSignerWhoseOrganizationTheLettersFontLacksGetsAFontOfItsOwn(@TempDir Path dir) throws Exception {
    // The letter is Latin only, so its font is the Latin cut; the certificate's Greek organization
    // needs the whole face.
    try (PDDocument document = Loader.loadPDF(signedBy("Sam Lee", "Ιατρείο Ωμέγα", "sam-lee", dir).toFile())) {
      Block block = block(document);
      assertEquals(List.of("Digitally signed by Sam Lee", "Ιατρείο Ωμέγα"), block.lines().subList(0, 2));
      assertNotSame(pageFont(document, "+DejaVuSans"), block.font().getCOSObject());
      assertEquals(2, regularFaces(document), block.font().getName());
    }
  }

  @Test
  void aRightToLeftNameIsShapedAndDrawnInReadingOrder(@TempDir Path dir) throws Exception {
    try (PDDocument document = Loader.loadPDF(signedBy("ليلى حداد", ORGANIZATION, "key", dir).toFile())) {
      String first = block(document).lines().get(0);
      assertTrue(first.startsWith("Digitally signed by "), first);
      String drawn = first.substring("Digitally signed by ".length());
      // Joined letter forms (Arabic Presentation Forms-B), laid out right to left: read back
      // from the right they are the name.
      assertTrue(drawn.chars().allMatch(c -> c == ' ' || (c >= 0xFE70 && c <= 0xFEFF)), drawn);
      assertEquals("ليلى حداد", new StringBuilder(Normalizer.normalize(drawn, Normalizer.Form.NFKC)).reverse().toString());
    }
  }

  @Test
  void aNameTheFontCannotShowIsASigningErrorThatSaysSo(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("keystore: keys/demo/clinician.p12", "keystore: keys/sam-lee.p12"));
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "keys", "init", "--org", "山田クリニック",
        "--clinician", "Sam Lee", "--key-type", "ec-p256").exitCode());
    CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.SIGNING, letter.exitCode(), letter.err());
    assertTrue(letter.err().startsWith("error: signing certificate: the signer's name or organization has characters"),
        letter.err());
    assertFalse(java.nio.file.Files.exists(dir.resolve("out.pdf")));
  }

  @Test
  void aNameOnlyAProfileFontCanShowIsDrawnWithThatFont(@TempDir Path dir) throws Exception {
    Path font = org.accommodate.testing.Tools.cjkFont();
    try (PDDocument document = Loader.loadPDF(signedBy("山田 太郎", ORGANIZATION, "key", dir, "fonts: [" + font + "]\n")
        .toFile())) {
      Block block = block(document);
      assertEquals("Digitally signed by 山田 太郎", block.lines().get(0));
      assertTrue(block.font().getName().endsWith("+IPAGothic"), block.font().getName());
    }
  }

  private static final String ORGANIZATION = "Riverside Health Partners";

  private static Path signedBy(String clinician, String organization, String keystore, Path dir) throws Exception {
    return signedBy(clinician, organization, keystore, dir, "");
  }

  // A letter by {@code clinician} (the profile's clinician and the certificate's holder) of
  // {@code organization} (the certificate's); keystore: the file name keys init gives the key
  // (its Latin slug); profile: more lines for the clinic profile
  private static Path signedBy(String clinician, String organization, String keystore, Path dir, String profile)
      throws Exception {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("keystore: keys/demo/clinician.p12", "keystore: keys/" + keystore + ".p12")
        .replace("name: Sam Lee", "name: " + clinician) + profile);
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    CliResult init = CliResult.run(letters, ENV, "keys", "init", "--org", organization,
        "--clinician", clinician, "--key-type", "ec-p256");
    assertEquals(ExitCodes.OK, init.exitCode(), init.err());
    CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    CliResult verify = CliResult.run(letters, "verify", "out.pdf");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
    Path out = dir.resolve("out.pdf");
    // No standard-14 fonts left behind by the form's default resources, referenced or not.
    String raw = new String(java.nio.file.Files.readAllBytes(out), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(false, raw.contains("/Helvetica") || raw.contains("/ZapfDingbats"));
    // Either font, the signed file stays archival and accessible.
    assertEquals(Set.of(), VeraPdf.failures(out, PDFAFlavour.PDFA_2_A));
    assertEquals(Set.of(), VeraPdf.failures(out, PDFAFlavour.PDFUA_1));
    return out;
  }

  private record Block(PDFont font, List<String> lines) {}

  // The text the block's appearance stream shows, read through its font's ToUnicode map.
  private static Block block(PDDocument document) throws Exception {
    PDSignatureField field = (PDSignatureField) document.getDocumentCatalog().getAcroForm().getField("Signature1");
    PDAppearanceStream appearance = field.getWidgets().get(0).getNormalAppearanceStream();
    PDFont font = appearance.getResources().getFont(appearance.getResources().getFontNames().iterator().next());
    List<String> lines = new ArrayList<>();
    COSString last = null;
    for (Object token : new PDFStreamParser(appearance).parse()) {
      if (token instanceof COSString string) {
        last = string;
      } else if (token instanceof Operator operator && operator.getName().equals("Tj")) {
        byte[] codes = last.getBytes();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i + 1 < codes.length; i += 2) {
          line.append(font.toUnicode(((codes[i] & 0xff) << 8) | (codes[i + 1] & 0xff)));
        }
        lines.add(line.toString());
      }
    }
    return new Block(font, lines);
  }

  private static COSDictionary pageFont(PDDocument document, String suffix) throws Exception {
    PDResources resources = document.getPage(0).getResources();
    for (COSName name : resources.getFontNames()) {
      PDFont font = resources.getFont(name);
      if (font.getName().endsWith(suffix)) {
        return font.getCOSObject();
      }
    }
    throw new AssertionError("no page font named *" + suffix);
  }

  // Distinct font dictionaries of the regular face that the page and the block draw with (bold
  // is DejaVuSans-Bold).
  private static long regularFaces(PDDocument document) throws Exception {
    java.util.Set<COSDictionary> faces = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    faces.add(pageFont(document, "+DejaVuSans"));
    COSDictionary block = block(document).font().getCOSObject();
    if (String.valueOf(block.getNameAsString(COSName.BASE_FONT)).endsWith("+DejaVuSans")) {
      faces.add(block);
    }
    return faces.size();
  }
}
