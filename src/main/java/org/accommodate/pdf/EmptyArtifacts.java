package org.accommodate.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Removes the empty background artifacts openhtmltopdf 1.1.31 writes around every box in PDF/UA
 * mode. It decides whether a box has a background by asking whether {@code background-image}
 * is {@code none}, but that property now holds a list, so every box and inline box gets a
 * {@code /Artifact /PropN BDC EMC} pair with nothing inside and its own indirect property
 * dictionary: 161 of a letter's 250 objects. Each of them was written, read back for signing,
 * walked by the incremental save and met again by text extraction, at every letter. Dropping a
 * marked-content sequence that holds no operator changes neither the page nor its structure.
 *
 * <p>The renderer is asked for uncompressed content streams, which are filtered here and
 * compressed once. Filtering is by line: PDFBox writes one operator per line, and writes a
 * string holding a line break in hex, so no line of a string can look like an operator.
 */
final class EmptyArtifacts {
  private static final Pattern EMPTY = Pattern.compile("(?m)^/Artifact /(Prop\\d+) BDC\\nEMC\\n");
  private static final Pattern USED = Pattern.compile("/(Prop\\d+) BDC");

  private EmptyArtifacts() {}

  /** Strips every page of the document; content streams come out Flate-compressed. */
  static void strip(PDDocument document) throws IOException {
    for (PDPage page : document.getPages()) {
      strip(page);
    }
  }

  private static void strip(PDPage page) throws IOException {
    COSBase contents = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
    Set<String> dropped = new HashSet<>();
    Set<String> used = new HashSet<>();
    if (contents instanceof COSStream stream) {
      strip(stream, dropped, used);
    } else if (contents instanceof COSArray streams) {
      for (int i = 0; i < streams.size(); i++) {
        if (streams.getObject(i) instanceof COSStream stream) {
          strip(stream, dropped, used);
        }
      }
    }
    COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
    COSDictionary properties = resources == null ? null : resources.getCOSDictionary(COSName.PROPERTIES);
    if (properties != null) {
      for (String name : dropped) {
        if (!used.contains(name)) {
          properties.removeItem(COSName.getPDFName(name));
        }
      }
    }
  }

  private static void strip(COSStream stream, Set<String> dropped, Set<String> used) throws IOException {
    String text;
    try (InputStream in = stream.createInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Matcher empty = EMPTY.matcher(text);
    StringBuilder kept = new StringBuilder(text.length());
    while (empty.find()) {
      dropped.add(empty.group(1));
      empty.appendReplacement(kept, "");
    }
    empty.appendTail(kept);
    Matcher reference = USED.matcher(kept);
    while (reference.find()) {
      used.add(reference.group(1));
    }
    try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
      out.write(kept.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
  }
}
