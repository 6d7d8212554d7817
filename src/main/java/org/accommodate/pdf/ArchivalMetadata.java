package org.accommodate.pdf;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * The catalog entries PDF/A-2a and PDF/UA-1 need (XMP metadata with the PDF/A and PDF/UA
 * identification and its extension schema, MarkInfo, Lang, DisplayDocTitle, the sRGB output
 * intent), written by us instead of openhtmltopdf. Its version builds the XMP with xmpbox, whose
 * type mapping is set up by reflection for every document, and serializes it through a DOM and
 * an XSLT transformer: about a tenth of a warm letter's CPU. The packet here has the same content
 * and is filled from the document information openhtmltopdf wrote, which it must match.
 */
final class ArchivalMetadata {
  private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final String PACKET = """
      <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>2</pdfaid:part>
            <pdfaid:conformance>A</pdfaid:conformance>
          </rdf:Description>
          <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
          </rdf:Description>
          <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:PDFVersion>1.7</pdf:PDFVersion>
      {pdf}    </rdf:Description>
          <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      {xmp}    </rdf:Description>
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
      {dc}    </rdf:Description>
          <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
              xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
              <rdf:Bag>
                <rdf:li rdf:parseType="Resource">
                  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                  <pdfaSchema:property>
                    <rdf:Seq>
                      <rdf:li rdf:parseType="Resource">
                        <pdfaProperty:name>part</pdfaProperty:name>
                        <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                        <pdfaProperty:category>internal</pdfaProperty:category>
                        <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
                      </rdf:li>
                    </rdf:Seq>
                  </pdfaSchema:property>
                </rdf:li>
              </rdf:Bag>
            </pdfaExtension:schemas>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta><?xpacket end="w"?>""";

  // The packet around its three filled places, split once: String.format parsed the 3 KB packet
  // for every letter, and one replacement after another could meet a place in filled-in text.
  private static final String[] PACKET_PARTS = PACKET.split("\\{(?:pdf|xmp|dc)\\}", -1);

  private ArchivalMetadata() {}

  /**
   * Tells an openhtmltopdf renderer built for PDF/A-2a and PDF/UA-1 not to write the catalog
   * entries itself; its tagging and font checks were set up when it was built and stay on.
   */
  static void takeOver(PdfBoxRenderer renderer) {
    try {
      set(renderer, "_pdfAConformance", PdfRendererBuilder.PdfAConformance.NONE);
      set(renderer, "_pdfUaConformance", false);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("openhtmltopdf changed: cannot take over the PDF/A metadata", e);
    }
  }

  private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
    Field field = PdfBoxRenderer.class.getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }

  /**
   * The output intent's ICC profile as it is embedded: compressed once, not for every letter
   * (PDOutputIntent parses and compresses the profile each time it is made).
   *
   * @param deflated the profile, Flate-compressed
   * @param components its number of colour components (/N)
   */
  record OutputProfile(byte[] deflated, int components) {
    static OutputProfile of(byte[] icc) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(icc.length);
      try (java.util.zip.DeflaterOutputStream deflating = new java.util.zip.DeflaterOutputStream(out)) {
        deflating.write(icc);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return new OutputProfile(out.toByteArray(), ICC_Profile.getInstance(icc).getNumComponents());
    }

    PDOutputIntent embed(PDDocument document) throws IOException {
      COSStream stream = document.getDocument().createCOSStream();
      try (OutputStream raw = stream.createRawOutputStream()) {
        raw.write(deflated);
      }
      stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
      stream.setInt(COSName.N, components);
      COSDictionary intent = new COSDictionary();
      intent.setItem(COSName.TYPE, COSName.OUTPUT_INTENT);
      intent.setItem(COSName.S, COSName.GTS_PDFA1);
      intent.setItem(COSName.DEST_OUTPUT_PROFILE, stream);
      return new PDOutputIntent(intent);
    }
  }

  /** Writes the entries, from the document information and the html element's language. */
  static void write(PDDocument document, String language, OutputProfile colorProfile) throws IOException {
    PDDocumentInformation info = document.getDocumentInformation();
    StringBuilder pdf = new StringBuilder();
    property(pdf, "pdf:Producer", info.getProducer());
    property(pdf, "pdf:Keywords", info.getKeywords());
    StringBuilder xmp = new StringBuilder();
    property(xmp, "xmp:CreatorTool", info.getCreator());
    property(xmp, "xmp:CreateDate", date(info.getCreationDate()));
    property(xmp, "xmp:ModifyDate", date(info.getModificationDate()));
    StringBuilder dc = new StringBuilder();
    if (info.getAuthor() != null) {
      dc.append("      <dc:creator><rdf:Seq><rdf:li>").append(escape(info.getAuthor())).append("</rdf:li></rdf:Seq></dc:creator>\n");
    }
    alternative(dc, "dc:title", info.getTitle());
    alternative(dc, "dc:description", info.getSubject());
    PDMetadata metadata = new PDMetadata(document);
    String packet = PACKET_PARTS[0] + pdf + PACKET_PARTS[1] + xmp + PACKET_PARTS[2] + dc + PACKET_PARTS[3];
    metadata.importXMPMetadata(packet.getBytes(StandardCharsets.UTF_8));

    PDDocumentCatalog catalog = document.getDocumentCatalog();
    catalog.setMetadata(metadata);
    PDMarkInfo marked = new PDMarkInfo();
    marked.setMarked(true);
    catalog.setMarkInfo(marked);
    catalog.setLanguage(language == null || language.isEmpty() ? "en-US" : language);
    PDViewerPreferences viewer = new PDViewerPreferences(new COSDictionary());
    viewer.setDisplayDocTitle(true);
    catalog.setViewerPreferences(viewer);
    PDOutputIntent intent = colorProfile.embed(document);
    intent.setInfo("sRGB IEC61966-2.1");
    intent.setOutputCondition("sRGB IEC61966-2.1");
    intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
    intent.setRegistryName("http://www.color.org");
    catalog.addOutputIntent(intent);
  }

  private static void property(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append("      <").append(name).append('>').append(escape(value)).append("</").append(name).append(">\n");
    }
  }

  private static void alternative(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append("      <").append(name).append("><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(value))
          .append("</rdf:li></rdf:Alt></").append(name).append(">\n");
    }
  }

  private static String date(Calendar calendar) {
    return calendar == null ? null
        : XMP_DATE.format(calendar.toInstant().atZone(calendar.getTimeZone().toZoneId()).withNano(0));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
