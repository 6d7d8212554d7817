package org.accommodate.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.accommodate.privacy.LetterFacts;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What the first page of an unsigned file says of itself: the mark across the top of a draft or
 * patient's copy of ours, and the letter ID it prints (a letter printed to PDF or scanned loses
 * its metadata, not its page).
 *
 * @param mark the draft's or patient's copy's mark, or null
 * @param draft whether the mark is a draft's
 * @param letterId the letter ID the page prints, or null
 */
record UnsignedMark(String mark, boolean draft, String letterId) {
  private static final UnsignedMark NONE = new UnsignedMark(null, false, null);
  private static final java.util.regex.Pattern PRINTED_ID = java.util.regex.Pattern.compile(
      "(?:Letter ID|Identificador de la carta):? ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})\\b");

  static UnsignedMark of(PDDocument document) {
    if (document.getNumberOfPages() == 0 || !decodesSmall(document.getPage(0).getCOSObject())) {
      return NONE;
    }
    try {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      String text = stripper.getText(document).replaceAll("\\s+", " ");
      java.util.regex.Matcher id = PRINTED_ID.matcher(text);
      String printed = id.find() ? id.group(1) : null;
      for (String mark : LetterFacts.draftMarks()) {
        if (text.contains(mark)) {
          return new UnsignedMark(mark, true, printed);
        }
      }
      for (String mark : LetterFacts.patientCopyMarks()) {
        if (text.contains(mark)) {
          return new UnsignedMark(mark, false, printed);
        }
      }
      return new UnsignedMark(null, false, printed);
    } catch (IOException | RuntimeException e) {
      return NONE;  // an unreadable page: the file is unsigned either way
    }
  }

  // Whether every stream the first page reaches decodes to a few megabytes in all: reading its
  // text decodes them, and an unsigned file may be a compression bomb (512 MiB of zeros took
  // 3.8 s, and a font's stream is read whole into memory). A letter's page reaches about 0.2 MB.
  private static boolean decodesSmall(COSBase page) {
    long budget = 8L << 20;
    Deque<COSBase> todo = new ArrayDeque<>(List.of(page));
    Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    byte[] buffer = new byte[64 * 1024];
    while (!todo.isEmpty()) {
      COSBase next = todo.pop();
      if (next instanceof COSObject reference) {
        next = reference.getObject();
      }
      if (next == null || !seen.add(next)) {
        continue;
      }
      if (seen.size() > 20_000) {
        return false;
      }
      if (next instanceof COSStream stream) {
        budget -= decodedSize(stream, budget, buffer);
        if (budget < 0) {
          return false;
        }
      }
      if (next instanceof COSDictionary dictionary) {
        dictionary.getValues().forEach(todo::push);
      } else if (next instanceof COSArray array) {
        array.forEach(todo::push);
      }
    }
    return true;
  }

  // A stream's decoded size, counted up to just past {@code budget}: PDFBox decodes a stream
  // whole before handing out its first byte (1.5 s for the 512 MiB above), so Flate is inflated
  // here. Images are not decoded to read text and count as stored; filters our files never use
  // count as too large.
  private static long decodedSize(COSStream stream, long budget, byte[] buffer) {
    COSBase filter = stream.getFilters();
    List<COSBase> filters = new ArrayList<>();
    if (filter instanceof COSArray array) {
      array.forEach(filters::add);
    } else if (filter != null) {
      filters.add(filter);
    }
    boolean images = !filters.isEmpty() && filters.stream().allMatch(f -> f == COSName.DCT_DECODE
        || f == COSName.JPX_DECODE || f == COSName.CCITTFAX_DECODE || f == COSName.JBIG2_DECODE);
    boolean flate = filters.size() == 1 && filters.get(0) == COSName.FLATE_DECODE;
    if (!filters.isEmpty() && !images && !flate) {
      return budget + 1;
    }
    Inflater inflater = flate ? new Inflater() : null;
    long size = 0;
    try (InputStream raw = stream.createRawInputStream();
         InputStream in = flate ? new InflaterInputStream(raw, inflater) : raw) {
      for (int read = in.read(buffer); read >= 0 && size <= budget; read = in.read(buffer)) {
        size += read;
      }
      return size;
    } catch (IOException | RuntimeException e) {
      return budget + 1;
    } finally {
      if (inflater != null) {
        inflater.end();
      }
    }
  }

}
