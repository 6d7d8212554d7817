package org.accommodate.sign;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.accommodate.SigningException;
import org.accommodate.pdf.Fonts;
import org.accommodate.pdf.PdfComposer;
import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDObjectReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The visible signature block (signatures.md §2): signer, organisation, "Digitally signed" and
 * the time with its UTC offset, drawn with an embedded font in the box the template reserved, and
 * tagged as a Form element so the signed file stays PDF/A and PDF/UA. Static text only: never a
 * validity mark.
 */
final class SignatureAppearance {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");
  private static final float FONT_SIZE = 7.5f;
  private static final String ELLIPSIS = "\u2026";
  /** The PostScript name of the letter's regular face, after its subset tag. */
  private static final String REGULAR = "DejaVuSans";

  private SignatureAppearance() {}

  /** The lines the block shows, in the letter's language ("en" or "es"); also what the privacy scan reads. */
  static List<String> lines(X509Certificate signer, Instant time, String language) {
    boolean spanish = "es".equals(language);
    X500Name name = X500Name.getInstance(signer.getSubjectX500Principal().getEncoded());
    List<String> lines = new ArrayList<>();
    lines.add((spanish ? "Firmado digitalmente por " : "Digitally signed by ") + first(name, BCStyle.CN));
    String organization = first(name, BCStyle.O);
    if (!organization.isEmpty()) {
      lines.add(organization);
    }
    lines.add((spanish ? "Fecha: " : "Date: ") + TIME.format(time.atOffset(ZoneOffset.UTC)));
    return lines;
  }

  private static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue()).replace("\\", "");
  }

  /**
   * Every character the block may draw for this signer, in either language: the letter's
   * regular face is subset with them at rendering, so the block can reuse that font.
   */
  static String characters(X509Certificate signer) {
    StringBuilder all = new StringBuilder();
    lines(signer, Instant.EPOCH, "en").forEach(line -> all.append(visual(line)));
    lines(signer, Instant.EPOCH, "es").forEach(line -> all.append(visual(line)));
    return all.append("0123456789+-: ").append(ELLIPSIS).toString();
  }

  static void apply(PDDocument document, PDAnnotationWidget widget, PdfComposer.Box box, List<String> lines,
      List<Path> extraFonts) throws IOException {
    PDPage page = document.getPage(0);
    PDRectangle rect = new PDRectangle(box.x(), box.y(), box.width(), box.height());
    widget.setRectangle(rect);
    widget.setPage(page);

    PDAppearanceStream appearance = new PDAppearanceStream(document);
    appearance.setBBox(new PDRectangle(box.width(), box.height()));
    PDResources resources = new PDResources();
    appearance.setResources(resources);
    Face face = Face.ofLetter(page.getResources(), lines);
    if (face == null) {
      face = Face.embedded(document, lines, extraFonts);
    }
    try (PDPageContentStream content = new PDPageContentStream(document, appearance)) {
      content.setStrokingColor(0.35f, 0.42f, 0.48f);
      content.setLineWidth(0.75f);
      content.addRect(0.5f, 0.5f, box.width() - 1, box.height() - 1);
      content.stroke();
      content.setNonStrokingColor(0.07f, 0.07f, 0.07f);
      float leading = FONT_SIZE * 1.45f;
      float y = box.height() - 6 - FONT_SIZE;
      for (String line : lines) {
        content.beginText();
        content.setFont(face.font(), FONT_SIZE);  // also marks a newly embedded font for subsetting
        content.newLineAtOffset(6, y);
        // The codes as the font maps them (showText would encode through the subset's own cmap).
        content.appendRawCommands("<" + HexFormat.of().formatHex(face.fit(visual(line), box.width() - 12)) + "> Tj\n");
        content.endText();
        y -= leading;
      }
    }
    PDAppearanceDictionary dictionary = new PDAppearanceDictionary();
    dictionary.setNormalAppearance(appearance);
    widget.setAppearance(dictionary);
    tag(document, page, widget);
  }

  /**
   * The line as it must be drawn: a right-to-left name (Arabic, Hebrew) shaped into its joined
   * letter forms and put in visual order, as the renderer does for the letter's own text; a
   * left-to-right line is returned as it is.
   */
  static String visual(String line) {
    if (!Bidi.requiresBidi(line.toCharArray(), 0, line.length())) {
      return line;
    }
    try {
      String shaped = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.LENGTH_GROW_SHRINK).shape(line);
      Bidi bidi = new Bidi(shaped, Bidi.LEVEL_DEFAULT_LTR);
      return bidi.writeReordered(Bidi.DO_MIRRORING);
    } catch (ArabicShapingException e) {
      return line;  // not Arabic text after all: ordering alone is still needed
    }
  }

  /**
   * A font and how it turns text into its 2-byte codes (Identity-H).
   *
   * @param font the font
   * @param codes the codes of a text, or null when the font lacks one of its characters
   */
  private record Face(PDFont font, Function<String, byte[]> codes) {
    /**
     * The letter's own regular face, when its subset holds every character of the block. Drawing
     * with it adds no second copy of DejaVu Sans to the file (7.5 KB) and no subsetting at signing.
     * Its codes come from its ToUnicode map: the subset's own cmap numbers glyphs differently.
     */
    static Face ofLetter(PDResources page, List<String> lines) throws IOException {
      for (COSName name : page.getFontNames()) {
        PDFont font = page.getFont(name);
        COSDictionary dictionary = font == null ? null : font.getCOSObject();
        if (!(font instanceof PDType0Font) || !font.getName().endsWith("+" + REGULAR)
            || !COSName.IDENTITY_H.equals(dictionary.getDictionaryObject(COSName.ENCODING))
            || !(dictionary.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream toUnicode)) {
          continue;
        }
        CMap map;
        try (InputStream in = toUnicode.createInputStream()) {
          map = new CMapParser().parse(new RandomAccessReadBuffer(in));
        }
        Face face = new Face(font, text -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 2);
          for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            byte[] code = map.getCodesFromUnicode(new String(Character.toChars(text.codePointAt(i))));
            if (code == null || code.length != 2) {
              return null;
            }
            out.writeBytes(code);
          }
          return out.toByteArray();
        });
        return lines.stream().allMatch(line -> face.codes().apply(visual(line) + ELLIPSIS) != null) ? face : null;
      }
      return null;
    }

    /**
     * The regular face embedded anew, subset to the block's characters; else the first of the
     * profile's fonts that holds them all (a font is embedded only once it is known to hold them).
     */
    static Face embedded(PDDocument document, List<String> lines, List<Path> extraFonts)
        throws IOException {
      String drawn = lines.stream().map(SignatureAppearance::visual).collect(java.util.stream.Collectors.joining(""))
          + ELLIPSIS;
      TrueTypeFont chosen = Fonts.regularFor(drawn);
      if (!holds(chosen, drawn)) {
        for (Path file : extraFonts) {
          TrueTypeFont extra;
          try {
            // Read whole (no file stays open while the font is in use), once per process.
            extra = Fonts.parsedProfile(file);
          } catch (IOException | java.io.UncheckedIOException e) {
            continue;  // the profile check reports an unreadable font by name
          }
          if (holds(extra, drawn)) {
            chosen = extra;
            break;
          }
        }
      }
      PDType0Font font = PDType0Font.load(document, chosen, true);
      return new Face(font, text -> {
        text.codePoints().forEach(font::addToSubset);
        try {
          return font.encode(text);
        } catch (IOException | IllegalArgumentException e) {
          return null;
        }
      });
    }

    private static boolean holds(TrueTypeFont font, String text) throws IOException {
      CmapLookup cmap = font.getUnicodeCmapLookup();
      return cmap != null && text.codePoints().allMatch(c -> c == ' ' || cmap.getGlyphId(c) != 0);
    }

    // Cut a line that would overflow the box (a very long organisation name) rather than spill out.
    byte[] fit(String line, float width) throws IOException {
      String fitted = line;
      byte[] drawn = codes.apply(fitted);
      while (drawn != null && fitted.length() > 4 && width(drawn) / 1000 * FONT_SIZE > width) {
        fitted = fitted.substring(0, fitted.length() - 2) + ELLIPSIS;
        drawn = codes.apply(fitted);
      }
      if (drawn == null) {
        // A signing error, not an internal one: the certificate names someone the font cannot show.
        throw new IOException(new SigningException("signing certificate: the signer's name or organization has"
            + " characters the signature block's fonts cannot show; add a font for them in the profile (fonts:)"
            + " or use a certificate with another spelling"));
      }
      return drawn;
    }

    private float width(byte[] codes) throws IOException {
      float width = 0;
      for (int i = 0; i + 1 < codes.length; i += 2) {
        width += font.getWidth(((codes[i] & 0xff) << 8) | (codes[i + 1] & 0xff));
      }
      return width;
    }
  }

  // PDF/UA-1 7.18: the widget sits in a Form structure element, linked both ways via /StructParent.
  private static void tag(PDDocument document, PDPage page, PDAnnotationWidget widget) {
    PDStructureTreeRoot root = document.getDocumentCatalog().getStructureTreeRoot();
    if (root == null || root.getKids().isEmpty() || !(root.getKids().get(0) instanceof PDStructureElement parent)) {
      return;  // an untagged document has nothing to keep consistent
    }
    PDStructureElement form = new PDStructureElement("Form", parent);
    PDObjectReference reference = new PDObjectReference();
    reference.setReferencedObject(widget);
    reference.setPage(page);
    form.appendKid(reference);
    form.setPage(page);
    parent.appendKid(form);

    int key = root.getParentTreeNextKey();
    widget.setStructParent(key);
    COSDictionary parentTree = root.getCOSObject().getCOSDictionary(COSName.PARENT_TREE);
    COSArray nums = parentTree == null ? null : parentTree.getCOSArray(COSName.NUMS);
    if (nums == null) {
      return;
    }
    nums.add(COSInteger.get(key));
    nums.add(form.getCOSObject());
    root.setParentTreeNextKey(key + 1);

    nums.setNeedToBeUpdated(true);
    parentTree.setNeedToBeUpdated(true);
    root.getCOSObject().setNeedToBeUpdated(true);
    parent.getCOSObject().setNeedToBeUpdated(true);
    COSArray kids = parent.getCOSObject().getCOSArray(COSName.K);
    if (kids != null) {
      kids.setNeedToBeUpdated(true);
    }
    document.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
  }
}
