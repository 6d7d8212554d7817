package org.accommodate.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The DejaVu TrueType fonts from jasperreports-fonts, read once per process. */
public final class Fonts {
  private static final String DIR = "net/sf/jasperreports/fonts/dejavu/";
  static final String REGULAR = "DejaVuSans.ttf";
  static final String BOLD = "DejaVuSans-Bold.ttf";
  private static final java.util.Map<String, byte[]> FACES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<String, byte[]> CUTS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<String, byte[]> UNHINTED = new java.util.concurrent.ConcurrentHashMap<>();
  // fontbox's parsed fonts are not thread-safe: each thread parses a face once, when it first
  // needs it, and hands it to every letter it renders or signs and to PDFBox's font mapper (see
  // PdfBoxDefaults): the Latin cut for the letters it covers, the whole face (700 KB to parse)
  // only for letters that need it.
  private static final ThreadLocal<java.util.Map<String, org.apache.fontbox.ttf.TrueTypeFont>> PARSED_CUTS =
      ThreadLocal.withInitial(java.util.HashMap::new);
  private static final ThreadLocal<java.util.Map<String, org.apache.fontbox.ttf.TrueTypeFont>> PARSED_FACES =
      ThreadLocal.withInitial(java.util.HashMap::new);
  // A profile's extra fonts (fonts:), read once per process and parsed once per thread: a batch
  // of letters with Japanese names re-read and re-parsed a 6 MB font two or three times per
  // letter (60 such letters: 12.6 s, against 3.9 s for Latin names).
  private static final java.util.Map<java.nio.file.Path, byte[]> PROFILE_FILES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final ThreadLocal<java.util.Map<java.nio.file.Path, org.apache.fontbox.ttf.TrueTypeFont>> PROFILE_PARSED =
      ThreadLocal.withInitial(java.util.HashMap::new);

  private Fonts() {}

  /** The font file {@code name}, read once per process (a second reader waits for the first). */
  static byte[] face(String name) {
    return FACES.computeIfAbsent(name, Fonts::read);
  }

  /**
   * The Latin cut of the face {@code name} (see {@link FontCut}), made once per process and shared
   * by the renderer and the coverage check.
   */
  static byte[] cut(String name) {
    return CUTS.computeIfAbsent(name, n -> FontCut.of(face(n)));
  }

  /**
   * A TrueType font file parsed for the calling thread, without its GSUB table: PDFBox then draws
   * no Latin ligatures, so "fi" extracts as two letters with no rewriting of the text maps
   * (Arabic is shaped by ICU before it reaches a font).
   */
  public static org.apache.fontbox.ttf.TrueTypeFont parse(byte[] font) {
    try {
      org.apache.fontbox.ttf.TrueTypeFont parsed =
          new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(font));
      parsed.getTableMap().remove("GSUB");
      return parsed;
    } catch (IOException e) {
      throw new UncheckedIOException("font", e);
    }
  }

  /**
   * Whether a font file has PostScript (CFF) outlines ("OTTO"), which PDFBox cannot embed as a
   * subset; a font with TrueType outlines can be.
   */
  public static boolean postScriptOutlines(byte[] font) {
    return font.length >= 4 && font[0] == 'O' && font[1] == 'T' && font[2] == 'T' && font[3] == 'O';
  }

  private static boolean isCollection(byte[] font) {
    return font.length >= 4 && font[0] == 't' && font[1] == 't' && font[2] == 'c' && font[3] == 'f';
  }

  /**
   * The first face of a TrueType collection (.ttc, e.g. WenQuanYi Zen Hei for Chinese), the
   * regular one, as a font file of its own: the face's table directory with its tables copied
   * after it. fontbox's collection reader parses every face, each copying the glyph table the
   * faces share (10 MB for WenQuanYi), which ran a batch out of its heap.
   */
  static byte[] firstFace(byte[] collection) throws IOException {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(collection);
    if (collection.length < 16 || in.getInt(8) < 1) {
      throw new IOException("an empty font collection");
    }
    int directory = within(collection, in.getInt(12), 12);
    int tables = in.getShort(directory + 4) & 0xFFFF;
    within(collection, directory, 12 + 16 * tables);
    long size = 12 + 16L * tables;
    for (int i = 0; i < tables; i++) {
      int record = directory + 12 + 16 * i;
      within(collection, in.getInt(record + 8), in.getInt(record + 12));
      size += padded(in.getInt(record + 12));
    }
    // One face's tables do not overlap, so it is never larger than the collection.
    if (size > collection.length + 4L * tables) {
      throw new IOException("a damaged font collection");
    }
    byte[] face = new byte[(int) size];
    java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(face);
    out.put(collection, directory, 12);  // version, table count and the search fields stay valid
    int offset = 12 + 16 * tables;
    for (int i = 0; i < tables; i++) {
      int record = directory + 12 + 16 * i;
      int length = in.getInt(record + 12);
      out.putInt(in.getInt(record)).putInt(in.getInt(record + 4)).putInt(offset).putInt(length);
      System.arraycopy(collection, in.getInt(record + 8), face, offset, length);
      offset += padded(length);
    }
    return face;
  }

  // {@code start} when {@code length} bytes from it lie inside the file, else a damaged font.
  private static int within(byte[] file, int start, int length) throws IOException {
    if (start < 0 || length < 0 || (long) start + length > file.length) {
      throw new IOException("a damaged font collection");
    }
    return start;
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  /**
   * The face {@code name} without hinting (see {@link Unhinted}), as letters embed it, made once
   * per process and only for a letter the Latin cut cannot draw (about 20 ms for a face, cold).
   */
  static byte[] unhintedFace(String name) {
    return UNHINTED.computeIfAbsent(name, n -> Unhinted.of(face(n)));
  }

  /** The face {@code name}, or its Latin cut, parsed once per thread (see {@link #parse}). */
  static org.apache.fontbox.ttf.TrueTypeFont parsedFace(String name, boolean cut) {
    return (cut ? PARSED_CUTS : PARSED_FACES).get().computeIfAbsent(name, n -> parse(cut ? cut(n) : unhintedFace(n)));
  }

  /** The regular face for {@code text}: the Latin cut when it draws the text as the face would. */
  public static org.apache.fontbox.ttf.TrueTypeFont regularFor(CharSequence text) {
    return parsedFace(REGULAR, FontCoverage.cutSuffices(text));
  }

  /** The Latin cut of the regular face, parsed once per thread. */
  static org.apache.fontbox.ttf.TrueTypeFont cutRegular() {
    return parsedFace(REGULAR, true);
  }

  private static byte[] read(String name) {
    try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("font missing from the class path: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A profile font's file, read once per process (a collection's first face); an unreadable file
   * is read again next time.
   */
  public static byte[] profileFile(java.nio.file.Path file) throws IOException {
    try {
      return PROFILE_FILES.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
        try {
          // The largest TrueType collections are tens of megabytes; a device never ends.
          byte[] bytes = org.accommodate.SmallFiles.read(path, 256L * 1024 * 1024);
          return isCollection(bytes) ? firstFace(bytes) : bytes;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** A profile font parsed for the calling thread (see {@link #parse}), kept for its next letters. */
  public static org.apache.fontbox.ttf.TrueTypeFont parsedProfile(java.nio.file.Path file) throws IOException {
    java.nio.file.Path key = file.toAbsolutePath().normalize();
    java.util.Map<java.nio.file.Path, org.apache.fontbox.ttf.TrueTypeFont> parsed = PROFILE_PARSED.get();
    org.apache.fontbox.ttf.TrueTypeFont font = parsed.get(key);
    if (font == null) {
      font = parse(profileFile(key));
      parsed.put(key, font);
    }
    return font;
  }
}
