package org.accommodate.pdf;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.accommodate.InputException;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Turns letter XHTML into a one-page PDF/A-2a file, tagged for accessibility (PDF/UA-1), with
 * the DejaVu fonts embedded as subsets. Nothing is fetched: external resources are refused.
 */
public final class PdfComposer {
  static {
    XRLog.setLoggingEnabled(false);
  }

  /** The family name templates use in their stylesheets. */
  public static final String FONT_FAMILY = "DejaVu Sans";

  private final byte[] regular = Fonts.regular();
  private final byte[] bold = Fonts.read("DejaVuSans-Bold.ttf");
  private final byte[] oblique = Fonts.read("DejaVuSans-Oblique.ttf");
  private final byte[] boldOblique = Fonts.read("DejaVuSans-BoldOblique.ttf");
  private final byte[] colorProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  /** The id templates give the empty box where the visible signature goes. */
  public static final String SIGNATURE_BOX_ID = "signature-field";

  /**
   * A rendered letter.
   *
   * @param pdf the PDF/A file
   * @param signatureBox where the template reserved room for the visible signature (null: none)
   */
  public record Rendered(byte[] pdf, Box signatureBox) {}

  /**
   * A rectangle on the first page, in PDF points from the bottom-left corner.
   *
   * @param x left edge
   * @param y bottom edge
   * @param width width
   * @param height height
   */
  public record Box(float x, float y, float width, float height) {}

  /** The letter needs more than one page at this density. */
  public static final class TooLong extends org.accommodate.AccommodateException {
    TooLong() {
      super("the letter does not fit on one page; shorten accommodation.details, work_restrictions or the address lines");
    }

    @Override
    public int exitCode() {
      return 2;
    }
  }

  /** The family names the profile's extra fonts get, in order; templates list them as fallbacks. */
  public static java.util.List<String> extraFamilies(int count) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add("Clinic Font " + i);
    }
    return names;
  }

  /** Renders the XHTML; the result must fit on one page. */
  public Rendered compose(String xhtml) {
    return compose(xhtml, java.util.List.of());
  }

  /** Renders with extra fonts registered as "Clinic Font 1", "Clinic Font 2", … */
  public Rendered compose(String xhtml, java.util.List<java.nio.file.Path> extraFonts) {
    PdfRendererBuilder builder = new PdfRendererBuilder()
        .useFastMode()
        .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_A)
        .usePdfUaAccessibility(true)
        .useColorProfile(colorProfile)
        .withProducer("accommodate")
        // Offline: only images embedded in the letter itself (the clinic logo as a data: URI).
        .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:image/png;base64,"),
            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
        .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:image/png;base64,"),
            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
        // Right-to-left names (Hebrew, Arabic) need bidi reordering and Arabic shaping.
        .useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory())
        .useUnicodeBidiReorderer(new ICUBidiReorderer())
        .defaultTextDirection(BaseRendererBuilder.TextDirection.LTR)
        .withHtmlContent(xhtml, null);
    builder.useFont(() -> stream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
    builder.useFont(() -> stream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
    builder.useFont(() -> stream(oblique), FONT_FAMILY, 400, FontStyle.ITALIC, true);
    builder.useFont(() -> stream(boldOblique), FONT_FAMILY, 700, FontStyle.ITALIC, true);
    java.util.List<String> families = extraFamilies(extraFonts.size());
    for (int i = 0; i < extraFonts.size(); i++) {
      java.io.File file = extraFonts.get(i).toFile();
      builder.useFont(file, families.get(i), 400, FontStyle.NORMAL, true);
      builder.useFont(file, families.get(i), 700, FontStyle.NORMAL, true);
    }
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer();
         PDDocument document = renderer.createPDFKeepOpen()) {
      if (document.getNumberOfPages() != 1) {
        throw new TooLong();
      }
      Box box = null;
      var positions = renderer.findPagePositionsByID(java.util.regex.Pattern.compile(SIGNATURE_BOX_ID));
      if (!positions.isEmpty()) {
        var position = positions.get(0);
        box = new Box(position.getX(), position.getY(), position.getWidth(), position.getHeight());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      document.save(out);
      return new Rendered(ToUnicodeRepair.apply(out.toByteArray()), box);
    } catch (IOException e) {
      throw new UncheckedIOException("rendering failed", e);
    }
  }

  private static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }


}
