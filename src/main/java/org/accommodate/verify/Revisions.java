package org.accommodate.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The revisions of a PDF read from its raw bytes: where each ends (after %%EOF and its line end)
 * and where its cross-reference section starts. Parsed models are not trusted for this: a lenient
 * parser repairs exactly what an attacker wants repaired (signatures.md §8, §10.1–2).
 */
final class Revisions {
  private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,12})\\s+%%EOF");

  /**
   * One revision.
   *
   * @param end the offset just after its %%EOF line
   * @param xref the offset its startxref names
   */
  record Revision(int end, long xref) {}

  private Revisions() {}

  static List<Revision> of(byte[] file) {
    String text = new String(file, StandardCharsets.ISO_8859_1);
    List<Revision> revisions = new ArrayList<>();
    Matcher matcher = STARTXREF.matcher(text);
    while (matcher.find()) {
      int end = matcher.end();
      if (end < file.length && file[end] == '\r') {
        end++;
      }
      if (end < file.length && file[end] == '\n') {
        end++;
      }
      revisions.add(new Revision(end, Long.parseLong(matcher.group(1))));
    }
    return revisions;
  }

  /** Whether the cross-reference section named by startxref really starts there. */
  static boolean xrefLooksValid(byte[] file, Revision revision) {
    if (revision.xref() <= 0 || revision.xref() >= revision.end()) {
      return false;
    }
    int at = (int) revision.xref();
    String head = new String(file, at, Math.min(40, file.length - at), StandardCharsets.ISO_8859_1);
    return head.startsWith("xref") || head.matches("(?s)\\d+\\s+\\d+\\s+obj.*");
  }
}
