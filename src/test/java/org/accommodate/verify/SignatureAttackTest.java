package org.accommodate.verify;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.accommodate.Letters;
import org.accommodate.keys.ClinicCa;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.verify.VerificationReport.Verdict;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack classes of signatures.md §11, built from one of our own signed letters: every one
 * must fail verification (exit 5), never pass.
 */
class SignatureAttackTest {
  private static Path dir;
  private static Letters letters;
  private static byte[] letter;

  @BeforeAll
  static void signOneLetter(@TempDir Path temp) throws IOException {
    dir = temp;
    letters = Fixtures.letters(dir);
    CliResult demo = CliResult.run(letters, "demo", "-o", "letter.pdf");
    assertEquals(0, demo.exitCode(), demo.err());
    letter = Files.readAllBytes(dir.resolve("letter.pdf"));
  }

  private static VerificationReport verify(byte[] pdf, String name) throws IOException {
    Path file = Files.write(dir.resolve(name + ".pdf"), pdf);
    return letters.verify(file, List.of(dir.resolve("keys/demo/ca.pem")));
  }

  private static void assertRejected(byte[] pdf, String name) throws IOException {
    VerificationReport report = verify(pdf, name);
    System.out.println("attack " + name + ": " + report.allFindings().stream().map(Finding::code).toList());
    assertEquals(Verdict.INVALID, report.verdict(), name + ": " + report.allFindings());
    CliResult cli = CliResult.run(letters, "verify", dir.resolve(name + ".pdf").toString(), "--trust", "keys/demo/ca.pem");
    assertEquals(5, cli.exitCode(), name + ": " + cli.out() + cli.err());
  }

  private static int[] byteRange(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return document.getSignatureDictionaries().get(0).getByteRange();
    }
  }

  private static byte[] replaceSameLength(byte[] pdf, String from, String to) {
    assertEquals(from.length(), to.length());
    String text = new String(pdf, ISO_8859_1);
    int at = text.indexOf(from);
    assertTrue(at >= 0, from);
    byte[] copy = pdf.clone();
    System.arraycopy(to.getBytes(ISO_8859_1), 0, copy, at, to.length());
    return copy;
  }

  @Test
  void theUntouchedLetterPasses() throws IOException {
    assertEquals(Verdict.VALID, verify(letter, "original").verdict());
  }

  // --- Universal signature forgery (USF) ---

  @Test
  void usfZeroedContents() throws IOException {
    int[] range = byteRange(letter);
    byte[] forged = letter.clone();
    Arrays.fill(forged, range[1] + 1, range[2] - 1, (byte) '0');
    assertRejected(forged, "usf-zeroed");
  }

  @Test
  void usfEmptyContents() throws IOException {
    int[] range = byteRange(letter);
    byte[] forged = letter.clone();
    // "<>" then spaces where the hex was: the gap no longer holds the signature.
    forged[range[1] + 1] = '>';
    Arrays.fill(forged, range[1] + 2, range[2], (byte) ' ');
    assertRejected(forged, "usf-empty");
  }

  @Test
  void usfDeletedByteRange() throws IOException {
    assertRejected(replaceSameLength(letter, "/ByteRange", "/ByteRangX"), "usf-no-byterange");
  }

  @Test
  void usfZeroByteRange() throws IOException {
    String original = byteRangeWithPadding(letter);
    String zeros = "/ByteRange [0 0 0 0]";
    zeros = zeros + " ".repeat(original.length() - zeros.length());
    assertRejected(replaceSameLength(letter, original, zeros), "usf-zero-range");
  }

  @Test
  void usfBrokenDer() throws IOException {
    int[] range = byteRange(letter);
    byte[] forged = letter.clone();
    forged[range[1] + 3] = (byte) (forged[range[1] + 3] == 'F' ? 'E' : 'F');  // the outer SEQUENCE length
    assertRejected(forged, "usf-broken-der");
  }

  // --- Incremental saving attacks (ISA) ---

  @Test
  void isaRedefiningPageContentWithAnXrefStream() throws IOException {
    assertRejected(incremental(letter, SignatureAttackTest::redefinePageContent), "isa-xref-stream");
  }

  /**
   * The same revision behind a cross-reference stream whose type is misspelt: PDFBox, even when
   * strict, passes over a last section it cannot read and reads the signed revision instead,
   * while poppler repairs the section and draws the new content. Such a letter verified VALID.
   */
  @Test
  void isaBehindACrossReferenceSectionTheParserSkips() throws IOException {
    byte[] forged = incremental(letter, SignatureAttackTest::redefinePageContent);
    int at = new String(forged, ISO_8859_1).lastIndexOf("/Type /XRef");
    assertTrue(at > letter.length, "the update has a cross-reference stream");
    forged[at + "/Type /XRe".length()] = 'g';
    assertRejected(forged, "isa-skipped-xref");
    assertTrue(verify(forged, "isa-skipped-xref").allFindings().stream().anyMatch(f -> f.code().equals("XREF_DAMAGED")));
  }

  private static Void redefinePageContent(PDDocument document) {
    COSStream content = (COSStream) document.getPage(0).getCOSObject().getDictionaryObject(COSName.CONTENTS);
    try (OutputStream out = content.createOutputStream()) {
      out.write("BT /F1 12 Tf 72 700 Td (Approved for full leave) Tj ET".getBytes(ISO_8859_1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    content.setNeedToBeUpdated(true);
    return null;
  }

  @Test
  void isaRedefiningPageContentWithAnXrefTable() throws IOException {
    assertRejected(rawRevision(letter, true), "isa-xref-table");
  }

  // An object the revision holds but its cross-reference section leaves out: readers that follow
  // the section show the signed page, readers that rebuild a damaged file show this one.
  @Test
  void isaWithTheNewObjectLeftOutOfItsCrossReference() throws IOException {
    byte[] forged = rawRevision(letter, true, false);
    assertRejected(forged, "isa-unlisted");
    assertTrue(verify(forged, "isa-unlisted").allFindings().stream().anyMatch(f -> f.code().equals("XREF_DAMAGED")));
  }

  @Test
  void isaWithoutXrefOrTrailer() throws IOException {
    assertRejected(rawRevision(letter, false), "isa-no-xref");
  }

  // --- Signature wrapping (SWA) ---

  @Test
  void swaObjectHiddenInTheContentsPadding() throws IOException {
    int[] range = byteRange(letter);
    byte[] forged = letter.clone();
    byte[] injected = "> 999 0 obj (wrapped) endobj <".getBytes(ISO_8859_1);
    // The zero padding at the end of the hex string is where a wrapper hides its object.
    System.arraycopy(injected, 0, forged, range[2] - 1 - injected.length - 10, injected.length);
    assertRejected(forged, "swa");
  }

  // --- Shadow attacks ---

  @Test
  void shadowHideByRepointingThePageContent() throws IOException {
    assertRejected(incremental(letter, document -> {
      COSDictionary page = document.getPage(0).getCOSObject();
      COSStream empty = document.getDocument().createCOSStream();
      page.setItem(COSName.CONTENTS, empty);
      page.setNeedToBeUpdated(true);
      return null;
    }), "shadow-hide");
  }

  @Test
  void shadowReplaceOfAFontStream() throws IOException {
    assertRejected(incremental(letter, document -> {
      var resources = document.getPage(0).getResources();
      COSName font = resources.getFontNames().iterator().next();
      COSDictionary fontDict = (COSDictionary) resources.getCOSObject().getCOSDictionary(COSName.FONT).getDictionaryObject(font);
      fontDict.setItem(COSName.getPDFName("Replaced"), COSName.getPDFName("Yes"));
      fontDict.setNeedToBeUpdated(true);
      return null;
    }), "shadow-replace");
  }

  @Test
  void shadowHideAndReplaceOfThePageTree() throws IOException {
    assertRejected(incremental(letter, document -> {
      COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
      COSDictionary pages = new COSDictionary();
      pages.setItem(COSName.TYPE, COSName.PAGES);
      pages.setItem(COSName.KIDS, new COSArray());
      pages.setInt(COSName.COUNT, 0);
      catalog.setItem(COSName.PAGES, pages);
      catalog.setNeedToBeUpdated(true);
      return null;
    }), "shadow-hide-and-replace");
  }

  // --- Evil annotation and sneaky signature (EAA, SSA) ---

  @Test
  void evilAnnotationCoveringText() throws IOException {
    assertRejected(incremental(letter, document -> {
      PDPage page = document.getPage(0);
      PDAnnotationFreeText note = new PDAnnotationFreeText();
      note.setRectangle(new PDRectangle(60, 400, 480, 120));
      note.setContents("Please grant six months of paid leave.");
      try {
        page.getAnnotations().add(note);
        page.setAnnotations(page.getAnnotations());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      return null;
    }), "eaa");
  }

  @Test
  void sneakySignatureFieldWithAnAppearance() throws IOException {
    assertRejected(incremental(letter, document -> {
      PDAcroForm form = document.getDocumentCatalog().getAcroForm();
      try {
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName("Approval");
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(new PDRectangle(60, 300, 300, 40));
        widget.setPage(document.getPage(0));
        document.getPage(0).getAnnotations().add(widget);
        document.getPage(0).setAnnotations(document.getPage(0).getAnnotations());
        form.getFields().add(field);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      form.getCOSObject().setNeedToBeUpdated(true);
      document.getPage(0).getCOSObject().setNeedToBeUpdated(true);
      document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
      return null;
    }), "ssa");
  }

  // --- Certificate substitution, junk, overlap, truncation ---

  @Test
  void certificateSubstitutedWithTheSameSubject() throws Exception {
    int[] range = byteRange(letter);
    String hex = new String(letter, range[1] + 1, range[2] - range[1] - 2, ISO_8859_1);
    byte[] der = java.util.HexFormat.of().parseHex(hex);
    ContentInfo info;
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      info = ContentInfo.getInstance(in.readObject());
    }
    SignedData signed = SignedData.getInstance(info.getContent());
    // A certificate with the signer's subject but another key, from another "CA" of the same name.
    ClinicCa.Issued fakeCa = ClinicCa.selfSignedCa(new X500Name("CN=Demo Clinic CA"), ClinicCa.KeyType.RSA_2048,
        Fixtures.CLOCK.instant(), Duration.ofDays(30));
    var original = org.bouncycastle.asn1.x509.Certificate.getInstance(signed.getCertificates().getObjectAt(0));
    ClinicCa.Issued fake = ClinicCa.clinician(fakeCa, original.getSubject(), ClinicCa.KeyType.RSA_2048,
        Fixtures.CLOCK.instant(), Duration.ofDays(30));
    SignedData swapped = new SignedData(signed.getDigestAlgorithms(), signed.getEncapContentInfo(),
        new DERSet(org.bouncycastle.asn1.x509.Certificate.getInstance(fake.certificate().getEncoded())),
        (ASN1Set) null, signed.getSignerInfos());
    byte[] replaced = new ContentInfo(info.getContentType(), swapped).getEncoded("DER");
    String newHex = java.util.HexFormat.of().withUpperCase().formatHex(replaced);
    assertTrue(newHex.length() <= hex.length());
    newHex = newHex + "0".repeat(hex.length() - newHex.length());
    byte[] forged = letter.clone();
    System.arraycopy(newHex.getBytes(ISO_8859_1), 0, forged, range[1] + 1, newHex.length());
    VerificationReport report = verify(forged, "cert-substitution");
    assertTrue(report.verdict() == Verdict.INVALID || report.verdict() == Verdict.UNTRUSTED, report.allFindings().toString());
  }

  @Test
  void overlappingByteRange() throws IOException {
    int[] range = byteRange(letter);
    String original = byteRangeWithPadding(letter);
    String overlapping = "/ByteRange [0 " + range[1] + " " + (range[1] - 100) + " " + (range[3] + range[2] - range[1] + 100) + "]";
    assertTrue(overlapping.length() <= original.length(), "the placeholder leaves room");
    overlapping = overlapping + " ".repeat(original.length() - overlapping.length());
    assertRejected(replaceSameLength(letter, original, overlapping), "overlap");
  }

  /** "/ByteRange [...]" with the spaces PDFBox leaves after it, so rewrites keep every offset. */
  private static String byteRangeWithPadding(byte[] pdf) {
    String text = new String(pdf, ISO_8859_1);
    int start = text.indexOf("/ByteRange [");
    int end = text.indexOf(']', start) + 1;
    while (text.charAt(end) == ' ') {
      end++;
    }
    return text.substring(start, end);
  }

  @Test
  void truncatedFile() throws IOException {
    assertRejected(Arrays.copyOf(letter, letter.length - 200), "truncated");
  }

  @Test
  void junkAfterTheLastRevision() throws IOException {
    byte[] forged = Arrays.copyOf(letter, letter.length + 9);
    System.arraycopy("%junk1234".getBytes(ISO_8859_1), 0, forged, letter.length, 9);
    assertRejected(forged, "junk");
  }

  // --- What may follow a signature ---

  @Test
  void aLaterSecurityStoreRevisionStillVerifies() throws Exception {
    byte[] withDss = incremental(letter, document -> {
      COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
      COSDictionary dss = new COSDictionary();
      COSArray certs = new COSArray();
      COSStream cert = document.getDocument().createCOSStream();
      try (OutputStream out = cert.createOutputStream()) {
        out.write(Files.readAllBytes(dir.resolve("keys/demo/ca.pem")));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      certs.add(cert);
      dss.setItem(COSName.getPDFName("Certs"), certs);
      catalog.setItem(COSName.getPDFName("DSS"), dss);
      catalog.setNeedToBeUpdated(true);
      return null;
    });
    VerificationReport report = verify(withDss, "later-dss");
    assertEquals(Verdict.VALID, report.verdict(), report.allFindings().toString());
    assertTrue(report.allFindings().stream().anyMatch(f -> f.code().equals("LATER_VALIDATION_DATA")));
  }

  /** Loads, changes and incrementally saves, as an attacker with PDFBox would. */
  private static byte[] incremental(byte[] pdf, Function<PDDocument, Void> change) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      change.apply(document);
      document.saveIncremental(out);
      return out.toByteArray();
    }
  }

  /** Appends, by hand, a revision that redefines the page's content stream. */
  private static byte[] rawRevision(byte[] pdf, boolean withXref) throws IOException {
    return rawRevision(pdf, withXref, true);
  }

  /**
   * As above; unless {@code listed}, the revision's cross-reference section leaves the new
   * object out, and the object starts right after the previous %%EOF line.
   */
  private static byte[] rawRevision(byte[] pdf, boolean withXref, boolean listed) throws IOException {
    COSObjectKey contentKey;
    COSObjectKey root;
    long size;
    try (PDDocument document = Loader.loadPDF(pdf)) {
      contentKey = ((org.apache.pdfbox.cos.COSObject) document.getPage(0).getCOSObject()
          .getItem(COSName.CONTENTS)).getKey();
      root = ((org.apache.pdfbox.cos.COSObject) document.getDocument().getTrailer().getItem(COSName.ROOT)).getKey();
      size = document.getDocument().getXrefTable().keySet().stream().mapToLong(COSObjectKey::getNumber).max().orElse(0) + 1;
    }
    String text = new String(pdf, ISO_8859_1);
    int lastStart = text.lastIndexOf("startxref");
    long prev = Long.parseLong(text.substring(lastStart + 9).trim().split("\\s+")[0]);
    String content = "BT /F1 12 Tf 72 700 Td (Approved for full leave) Tj ET";
    String object = (listed ? "\n" : "") + contentKey.getNumber() + " 0 obj\n<< /Length " + content.length()
        + " >>\nstream\n" + content + "\nendstream\nendobj\n";
    long objectOffset = pdf.length + (listed ? 1 : 0);
    StringBuilder update = new StringBuilder(object);
    if (withXref) {
      long xrefOffset = pdf.length + object.length();
      update.append("xref\n0 1\n0000000000 65535 f \n");
      if (listed) {
        update.append(contentKey.getNumber()).append(" 1\n").append(String.format("%010d 00000 n \n", objectOffset));
      }
      update.append("trailer\n<< /Size ").append(size).append(" /Root ").append(root.getNumber()).append(" 0 R /Prev ")
          .append(prev).append(" >>\nstartxref\n").append(xrefOffset).append("\n%%EOF\n");
    }
    byte[] result = Arrays.copyOf(pdf, pdf.length + update.length());
    System.arraycopy(update.toString().getBytes(ISO_8859_1), 0, result, pdf.length, update.length());
    return result;
  }

  static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
