package org.accommodate.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Makes text copied or extracted from a letter read as what was typed. Arabic names are drawn
 * with contextual presentation-form glyphs (shaped by ICU) and Latin text may use ligatures
 * ("fi"); PDFBox maps those glyphs back to the presentation-form or ligature code points, so
 * "ليلى" would extract as "ﻟﻴﻠﻰ" and "Springfield" as "Springﬁeld". This rewrites each font's
 * ToUnicode map to the compatibility decomposition (NFKC) of such code points, leaving the
 * drawing untouched.
 */
final class ToUnicodeRepair {
  private static final Pattern BFCHAR = Pattern.compile("(?s)beginbfchar(.*?)endbfchar");
  private static final Pattern BFRANGE = Pattern.compile("(?s)beginbfrange(.*?)endbfrange");
  private static final Pattern PAIR = Pattern.compile("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>");
  private static final Pattern RANGE = Pattern.compile("<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>\\s*<([0-9A-Fa-f]+)>");

  private ToUnicodeRepair() {}

  /** The file with repaired ToUnicode maps, or the same bytes when nothing needed repair. */
  static byte[] apply(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      boolean changed = false;
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getFontNames()) {
          PDFont font = resources.getFont(name);
          COSStream map = font == null ? null : font.getCOSObject().getCOSStream(COSName.TO_UNICODE);
          if (map != null) {
            changed |= repair(map);
          }
        }
      }
      if (!changed) {
        return pdf;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair text extraction maps", e);
    }
  }

  private static boolean repair(COSStream stream) throws IOException {
    String text;
    try (InputStream in = stream.createInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Map<Integer, String> mappings = new TreeMap<>();
    Matcher chars = BFCHAR.matcher(text);
    while (chars.find()) {
      Matcher pair = PAIR.matcher(chars.group(1));
      while (pair.find()) {
        mappings.put(Integer.parseInt(pair.group(1), 16), utf16(pair.group(2)));
      }
    }
    Matcher ranges = BFRANGE.matcher(text);
    while (ranges.find()) {
      Matcher range = RANGE.matcher(ranges.group(1));
      while (range.find()) {
        int first = Integer.parseInt(range.group(1), 16);
        int last = Integer.parseInt(range.group(2), 16);
        String start = utf16(range.group(3));
        for (int code = first; code <= last && code - first < 0x10000; code++) {
          int offset = code - first;
          mappings.put(code, start.substring(0, start.length() - 1) + (char) (start.charAt(start.length() - 1) + offset));
        }
      }
    }
    boolean needed = false;
    for (Map.Entry<Integer, String> entry : mappings.entrySet()) {
      String value = entry.getValue();
      if (compatibility(value)) {
        entry.setValue(Normalizer.normalize(value, Normalizer.Form.NFKC));
        needed = true;
      }
    }
    if (!needed) {
      return false;
    }
    try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
      out.write(cmap(mappings).getBytes(StandardCharsets.US_ASCII));
    }
    return true;
  }

  // Alphabetic presentation forms (ligatures) and Arabic presentation forms A and B.
  private static boolean compatibility(String value) {
    return value.chars().anyMatch(c -> (c >= 0xFB00 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF && c != 0xFEFF));
  }

  private static String utf16(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 4 <= hex.length(); i += 4) {
      out.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
    }
    return out.toString();
  }

  private static String cmap(Map<Integer, String> mappings) {
    StringBuilder out = new StringBuilder();
    out.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
        .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
        .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
        .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    var entries = mappings.entrySet().stream().toList();
    for (int i = 0; i < entries.size(); i += 100) {
      var block = entries.subList(i, Math.min(entries.size(), i + 100));
      out.append(block.size()).append(" beginbfchar\n");
      for (var entry : block) {
        out.append(String.format("<%04X> <", entry.getKey()));
        for (char c : entry.getValue().toCharArray()) {
          out.append(String.format("%04X", (int) c));
        }
        out.append(">\n");
      }
      out.append("endbfchar\n");
    }
    out.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return out.toString();
  }
}
