package org.accommodate.pdf;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.util.XRLog;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.accommodate.InputException;
import org.apache.pdfbox.pdmodel.PDDocument;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns letter XHTML into a one-page PDF/A-2a file, tagged for accessibility (PDF/UA-1), with
 * the DejaVu fonts embedded as subsets. Nothing is fetched: external resources are refused.
 */
public final class PdfComposer {
  static {
    XRLog.setLoggingEnabled(false);
    PdfBoxDefaults.apply();
  }

  // Only Arabic text is drawn with presentation-form glyphs whose text maps need rewriting.
  private static final java.util.regex.Pattern ARABIC = java.util.regex.Pattern.compile("[\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF]");

  /** The family name templates use in their stylesheets. */
  public static final String FONT_FAMILY = "DejaVu Sans";

  private static final String[] FONT_FILES = {Fonts.REGULAR, Fonts.BOLD, "DejaVuSans-Oblique.ttf",
      "DejaVuSans-BoldOblique.ttf"};
  // Glyph metrics are the same for every letter; openhtmltopdf can share them across renders.
  private final FSCacheEx<String, FSCacheValue> metrics = new ConcurrentCache();
  private final byte[] colorProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
  private final ArchivalMetadata.OutputProfile outputProfile = ArchivalMetadata.OutputProfile.of(colorProfile);

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

  // A page of no one's data with what letters use: both weights, a table, the signature box.
  private static final String WARM_UP = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en-US\"><head>"
      + "<title>Warm-up</title><style>body{font-family:'" + FONT_FAMILY + "';font-size:10pt}"
      + "td{border:1px solid #999;padding:2pt}#" + SIGNATURE_BOX_ID + "{height:40pt;border:1px solid #999}</style></head>"
      + "<body><h1>Letterhead</h1><p>Dear Sir or Madam: <b>bold</b> text, 9:00 a.m. to 12:00 p.m.</p>"
      + "<table><thead><tr><th>Days</th><th>Times</th></tr></thead><tbody><tr><td>Monday</td><td>9:00</td></tr>"
      + "</tbody></table><div id=\"" + SIGNATURE_BOX_ID + "\"></div></body></html>";

  /**
   * Renders a fixed page of no one's data and reads its text back, keeping nothing: in a fresh
   * process this loads and initializes what a letter will need and cuts the fonts (on a thread
   * of its own while the request is read). Best effort: whatever goes wrong here, the letter
   * itself meets and reports.
   */
  public void warmUp() {
    try {
      PdfExposure.of(compose(WARM_UP, java.util.List.of(), () -> "Digitally signed by 0123456789").pdf());
    } catch (RuntimeException ignored) {
      // no letter depends on this
    }
  }

  /** Renders the XHTML; the result must fit on one page. */
  public Rendered compose(String xhtml) {
    return compose(xhtml, java.util.List.of());
  }

  /** Renders with extra fonts registered as "Clinic Font 1", "Clinic Font 2", … */
  public Rendered compose(String xhtml, java.util.List<java.nio.file.Path> extraFonts) {
    return compose(xhtml, extraFonts, () -> "");
  }

  /**
   * As above; the regular face's subset also gets the characters {@code signatureBlock} gives,
   * asked for once the page is drawn, so that the signature block can be drawn with the letter's
   * own font rather than a second embedded copy of it.
   */
  public Rendered compose(String xhtml, java.util.List<java.nio.file.Path> extraFonts,
      java.util.function.Supplier<String> signatureBlock) {
    return compose(xhtml, extraFonts, signatureBlock, true);
  }

  /**
   * Renders a document of any number of pages (the authorization form, whose California type is
   * 14-point), archival and tagged as a letter is; it has no signature field.
   */
  public byte[] composePages(String xhtml, java.util.List<java.nio.file.Path> extraFonts) {
    return compose(xhtml, extraFonts, () -> "", false).pdf();
  }

  private Rendered compose(String xhtml, java.util.List<java.nio.file.Path> extraFonts,
      java.util.function.Supplier<String> signatureBlock, boolean onePage) {
    PDDocument target = new PDDocument();
    Document dom = parse(xhtml);
    PdfRendererBuilder builder = new PdfRendererBuilder()
        .useFastMode()
        .usePDDocument(target)
        .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, metrics)
        .usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_A)
        .usePdfUaAccessibility(true)
        // Content streams come uncompressed, for EmptyArtifacts to filter and compress.
        .testMode(true)
        .useColorProfile(colorProfile)
        .withProducer("accommodate")
        // Offline: only images embedded in the letter itself (the clinic logo as a data: URI).
        .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:image/png;base64,"),
            ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
        .useExternalResourceAccessControl((uri, type) -> uri != null && uri.startsWith("data:image/png;base64,"),
            ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
        .defaultTextDirection(BaseRendererBuilder.TextDirection.LTR)
        .useUnicodeLineBreaker(LineBreaks.forThisThread())
        .withW3cDocument(dom, null);
    boolean bidi = needsBidi(xhtml);
    if (bidi) {
      // Right-to-left names (Hebrew, Arabic) need bidi reordering and Arabic shaping (ICU).
      // Without such text openhtmltopdf's own splitter lays every paragraph out left to right,
      // which is what ICU's analysis would find, and ICU's code is neither run nor compiled.
      builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory())
          .useUnicodeBidiReorderer(new ICUBidiReorderer());
    }
    boolean cut = FontCoverage.cutSuffices(xhtml);
    int[] weights = {400, 700, 400, 700};
    FontStyle[] styles = {FontStyle.NORMAL, FontStyle.NORMAL, FontStyle.ITALIC, FontStyle.ITALIC};
    LazyFont[] faces = new LazyFont[FONT_FILES.length];
    for (int i = 0; i < FONT_FILES.length; i++) {
      int face = i;
      faces[i] = new LazyFont(target, () -> face(face, cut), FONT_FILES[i]);
      builder.useFont(faces[i], FONT_FAMILY, weights[i], styles[i], true);
    }
    java.util.List<String> families = extraFamilies(extraFonts.size());
    for (int i = 0; i < extraFonts.size(); i++) {
      // Parsed once per thread (Fonts.parsedProfile) and embedded once, as one font object for
      // both weights: it has a single face, and openhtmltopdf would read and embed it twice.
      java.nio.file.Path file = extraFonts.get(i);
      LazyFont extra = new LazyFont(target, () -> profileFace(file), families.get(i));
      builder.useFont(extra, families.get(i), 400, FontStyle.NORMAL, true);
      builder.useFont(extra, families.get(i), 700, FontStyle.NORMAL, true);
    }
    try (PDDocument owned = target;
         PdfBoxRenderer renderer = takenOver(builder.buildPdfRenderer());
         PDDocument document = renderer.createPDFKeepOpen()) {
      if (onePage && document.getNumberOfPages() != 1) {
        throw new TooLong();
      }
      EmptyArtifacts.strip(document);
      Box box = null;
      var positions = renderer.findPagePositionsByID(java.util.regex.Pattern.compile(SIGNATURE_BOX_ID));
      if (!positions.isEmpty()) {
        var position = positions.get(0);
        box = new Box(position.getX(), position.getY(), position.getWidth(), position.getHeight());
      }
      if (box != null && faces[0].made instanceof PDType0Font regular) {
        signatureBlock.get().codePoints().forEach(regular::addToSubset);
      }
      ArchivalMetadata.write(document, dom.getDocumentElement().getAttribute("lang"), outputProfile);
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      document.save(out);
      byte[] pdf = out.toByteArray();
      return new Rendered(bidi && ARABIC.matcher(xhtml).find() ? ToUnicodeRepair.apply(pdf) : pdf, box);
    } catch (IOException e) {
      throw new UncheckedIOException("rendering failed", e);
    }
  }

  // Whether any character is right-to-left or an explicit direction control.
  static boolean needsBidi(String text) {
    return text.codePoints().anyMatch(c -> switch (Character.getDirectionality(c)) {
      case Character.DIRECTIONALITY_LEFT_TO_RIGHT, Character.DIRECTIONALITY_EUROPEAN_NUMBER,
          Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR, Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR,
          Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR, Character.DIRECTIONALITY_NONSPACING_MARK,
          Character.DIRECTIONALITY_BOUNDARY_NEUTRAL, Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR,
          Character.DIRECTIONALITY_SEGMENT_SEPARATOR, Character.DIRECTIONALITY_WHITESPACE,
          Character.DIRECTIONALITY_OTHER_NEUTRALS, Character.DIRECTIONALITY_UNDEFINED -> false;
      default -> true;  // R, AL, AN and the embedding, override and isolate controls
    });
  }

  private static PdfBoxRenderer takenOver(PdfBoxRenderer renderer) {
    ArchivalMetadata.takeOver(renderer);
    return renderer;
  }

  // openhtmltopdf would set up a new SAX parser and an identity transform into a DOM for every
  // letter; each worker thread keeps one namespace-aware builder instead, set up once.
  private static final ThreadLocal<DocumentBuilder> PARSERS = ThreadLocal.withInitial(PdfComposer::newParser);

  /**
   * The text of a filled letter's body, as check can know it without making a PDF; the letter's
   * own check reads the rendered page instead, which also sees what CSS hides or adds.
   */
  public static String bodyText(String xhtml) {
    org.w3c.dom.NodeList bodies = parse(xhtml).getElementsByTagNameNS("*", "body");
    return bodies.getLength() == 0 ? "" : bodies.item(0).getTextContent();
  }

  private static Document parse(String xhtml) {
    DocumentBuilder parser = PARSERS.get();
    try {
      parser.reset();
      parser.setEntityResolver(NO_ENTITIES);
      parser.setErrorHandler(QUIET);
      return parser.parse(new InputSource(new StringReader(xhtml)));
    } catch (SAXParseException e) {
      // The message may quote the letter; the position is enough to find the template's mistake.
      throw new InputException("template: the filled letter is not well-formed XHTML (line " + e.getLineNumber()
          + ", column " + e.getColumnNumber() + ")");
    } catch (SAXException | IOException e) {
      throw new InputException("template: the filled letter could not be read as XHTML");
    }
  }

  // Nothing outside the letter is read: no external DTD, entity or schema.
  private static final EntityResolver NO_ENTITIES = (publicId, systemId) -> new InputSource(new StringReader(""));

  // Errors become the exception above; the JDK's default handler would also print them.
  private static final ErrorHandler QUIET = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private static DocumentBuilder newParser() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("no XML parser", e);
    }
  }

  /**
   * Makes the document's font only when the layout first asks for it: building a Type 0 font
   * computes the widths of every glyph, and most letters never use the italic faces.
   */
  private static final class LazyFont extends PDFontSupplier {
    private final PDDocument target;
    private final java.util.function.Supplier<TrueTypeFont> font;
    private final String name;
    private org.apache.pdfbox.pdmodel.font.PDFont made;

    LazyFont(PDDocument target, java.util.function.Supplier<TrueTypeFont> font, String name) {
      super(null);
      this.target = target;
      this.font = font;
      this.name = name;
    }

    @Override
    public org.apache.pdfbox.pdmodel.font.PDFont supply() {
      if (made == null) {
        try {
          made = PDType0Font.load(target, font.get(), true);
        } catch (IOException e) {
          throw new UncheckedIOException("font " + name, e);
        }
      }
      return made;
    }
  }

  private static TrueTypeFont profileFace(java.nio.file.Path file) {
    try {
      return Fonts.parsedProfile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("profile font", e);
    }
  }

  private static TrueTypeFont face(int i, boolean cut) {
    return Fonts.parsedFace(FONT_FILES[i], cut);
  }

  /** A thread-safe cache for openhtmltopdf's font metrics. */
  private static final class ConcurrentCache implements FSCacheEx<String, FSCacheValue> {
    private final java.util.concurrent.ConcurrentHashMap<String, FSCacheValue> values = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void put(String key, FSCacheValue value) {
      values.put(key, value);
    }

    @Override
    public FSCacheValue get(String key, java.util.concurrent.Callable<? extends FSCacheValue> loader) {
      return values.computeIfAbsent(key, k -> {
        try {
          return loader.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    @Override
    public FSCacheValue get(String key) {
      return values.get(key);
    }
  }


}
