package org.accommodate.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * The revisions of a PDF read from its raw bytes: where each ends (after %%EOF and its line end)
 * and where its cross-reference section starts. Parsed models are not trusted for this: a lenient
 * parser repairs exactly what an attacker wants repaired (signatures.md §8, §10.1–2).
 */
final class Revisions {
  private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d{1,12})\\s+%%EOF");
  // An indirect object's header at the start of a line, as writers put them.
  private static final Pattern OBJECT = Pattern.compile("(?<=[\\r\\n])(\\d{1,10})[ \\t]+(\\d{1,5})[ \\t\\r\\n]+obj\\b");

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

  /**
   * Whether {@code parsed} is the document these bytes hold, revision by revision: the parser
   * started from the last revision's cross-reference section, and every object a revision holds
   * is where the parsed table finds it, unless a later revision holds it again. PDFBox, even
   * when strict, passes over a last section it cannot read (a damaged dictionary or stream) and
   * reads the revision before it, while other readers repair the section and show what it adds:
   * a letter with a covering rectangle appended that way verified as unchanged.
   */
  static boolean readAsWritten(byte[] file, List<Revision> revisions, COSDocument parsed) {
    if (revisions.isEmpty() || parsed.getStartXref() != revisions.get(revisions.size() - 1).xref()) {
      return false;
    }
    Map<COSObjectKey, Long> table = parsed.getXrefTable();
    Matcher header = OBJECT.matcher(new String(file, StandardCharsets.ISO_8859_1)).useTransparentBounds(true);
    Set<COSObjectKey> earlier = new HashSet<>();
    int from = 0;
    for (Revision revision : revisions) {
      List<COSObjectKey> here = new ArrayList<>();
      header.region(from, revision.end());
      while (header.find()) {
        if (header.start() == revision.xref()) {
          continue;  // the revision's cross-reference stream, which need not list itself
        }
        COSObjectKey key = new COSObjectKey(Long.parseLong(header.group(1)), Integer.parseInt(header.group(2)));
        Long at = location(table, key);
        // Missing: a new object the table lost (a removed one is the change analysis' to judge).
        // Earlier: the table still reads an older copy, as if this revision were not there.
        if (at == null ? !earlier.contains(key) : at < header.start()) {
          return false;
        }
        here.add(key);
      }
      earlier.addAll(here);
      from = revision.end();
    }
    return true;
  }

  // Where the table finds an object: its offset, or that of the object stream holding it.
  private static Long location(Map<COSObjectKey, Long> table, COSObjectKey key) {
    Long at = table.get(key);
    return at != null && at < 0 ? table.get(new COSObjectKey(-at, 0)) : at;
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
