package org.accommodate.pdf;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A TrueType font file without its hinting: the grid-fitting programs ({@code fpgm}, {@code prep},
 * {@code cvt }, and {@code gasp}, which only says when to run them) and each glyph's own
 * instructions. Outlines, metrics and character maps are kept byte for byte.
 *
 * <p>Why: in DejaVu, hinting is three fifths of a glyph's bytes, and PDFBox compresses, then
 * decompresses and parses every letter's font subsets again, twice more when the letter is signed
 * and read back; a letter's two subsets were 24 KB, 9 KB without hints. Hints steer low-resolution
 * screen rasterizers only: print ignores them, and PDF viewers mostly draw without them.
 *
 * <p>Anything unexpected in the file (an offset outside it, a glyph shorter than its header says)
 * returns the font unchanged: a hinted font is still a correct font.
 */
final class Unhinted {
  private static final Set<String> HINTING = Set.of("fpgm", "prep", "cvt ", "gasp");
  // Composite glyph flags (OpenType 'glyf' table).
  private static final int ARGS_ARE_WORDS = 0x0001;
  private static final int HAS_SCALE = 0x0008;
  private static final int MORE_COMPONENTS = 0x0020;
  private static final int HAS_X_AND_Y_SCALE = 0x0040;
  private static final int HAS_TWO_BY_TWO = 0x0080;
  private static final int HAS_INSTRUCTIONS = 0x0100;

  private Unhinted() {}

  /** {@code font} without hinting, or {@code font} itself when it cannot be read as expected. */
  static byte[] of(byte[] font) {
    try {
      return strip(ByteBuffer.wrap(font));
    } catch (RuntimeException e) {  // an offset or length outside the file, overlapping glyphs
      return font;
    }
  }

  private static byte[] strip(ByteBuffer in) {
    int count = in.getShort(4) & 0xFFFF;
    String[] tags = new String[count];
    byte[][] tables = new byte[count][];
    int head = -1;
    int loca = -1;
    int glyf = -1;
    int maxp = -1;
    for (int i = 0; i < count; i++) {
      int record = 12 + 16 * i;
      tags[i] = new String(new byte[] {in.get(record), in.get(record + 1), in.get(record + 2), in.get(record + 3)},
          java.nio.charset.StandardCharsets.ISO_8859_1);
      tables[i] = new byte[in.getInt(record + 12)];
      in.get(in.getInt(record + 8), tables[i]);
      switch (tags[i]) {
        case "head" -> head = i;
        case "loca" -> loca = i;
        case "glyf" -> glyf = i;
        case "maxp" -> maxp = i;
        default -> { }
      }
    }
    if (head < 0 || loca < 0 || glyf < 0 || maxp < 0) {
      throw new IllegalArgumentException("not a TrueType-outline font");
    }
    ByteBuffer headTable = ByteBuffer.wrap(tables[head]);
    ByteBuffer maxpTable = ByteBuffer.wrap(tables[maxp]);
    int glyphs = maxpTable.getShort(4) & 0xFFFF;
    boolean longOffsets = headTable.getShort(50) != 0;
    ByteBuffer oldLoca = ByteBuffer.wrap(tables[loca]);
    ByteBuffer oldGlyf = ByteBuffer.wrap(tables[glyf]);
    ByteBuffer newGlyf = ByteBuffer.allocate(tables[glyf].length + 4 * glyphs);
    ByteBuffer newLoca = ByteBuffer.allocate(4 * (glyphs + 1));
    for (int g = 0; g < glyphs; g++) {
      int start = longOffsets ? oldLoca.getInt(4 * g) : 2 * (oldLoca.getShort(2 * g) & 0xFFFF);
      int end = longOffsets ? oldLoca.getInt(4 * g + 4) : 2 * (oldLoca.getShort(2 * g + 2) & 0xFFFF);
      newLoca.putInt(newGlyf.position());
      if (end > start) {
        glyph(oldGlyf.slice(start, end - start), newGlyf);
        while (newGlyf.position() % 4 != 0) {
          newGlyf.put((byte) 0);
        }
      }
    }
    newLoca.putInt(newGlyf.position());
    tables[glyf] = java.util.Arrays.copyOf(newGlyf.array(), newGlyf.position());
    tables[loca] = newLoca.array();
    headTable.putShort(50, (short) 1);  // long offsets: no evenness to keep
    maxpTable.putShort(26, (short) 0);  // maxSizeOfInstructions
    return assemble(in.getInt(0), tags, tables, head);
  }

  // Copies one glyph without its instructions.
  private static void glyph(ByteBuffer in, ByteBuffer out) {
    int contours = in.getShort(0);
    if (contours >= 0) {
      int instructionsAt = 10 + 2 * contours;
      int length = in.getShort(instructionsAt) & 0xFFFF;
      int outlineAt = instructionsAt + 2 + length;
      if (outlineAt > in.limit()) {
        throw new IllegalArgumentException("glyph shorter than its instructions");
      }
      out.put(in.slice(0, instructionsAt)).putShort((short) 0).put(in.slice(outlineAt, in.limit() - outlineAt));
      return;
    }
    out.put(in.slice(0, 10));
    int at = 10;
    int flags;
    do {
      flags = in.getShort(at) & 0xFFFF;
      int size = 4 + ((flags & ARGS_ARE_WORDS) != 0 ? 4 : 2);
      if ((flags & HAS_SCALE) != 0) {
        size += 2;
      } else if ((flags & HAS_X_AND_Y_SCALE) != 0) {
        size += 4;
      } else if ((flags & HAS_TWO_BY_TWO) != 0) {
        size += 8;
      }
      if (at + size > in.limit()) {
        throw new IllegalArgumentException("component outside its glyph");
      }
      int component = out.position();
      out.put(in.slice(at, size));
      out.putShort(component, (short) (flags & ~HAS_INSTRUCTIONS));
      at += size;
    } while ((flags & MORE_COMPONENTS) != 0);
  }

  // A font file of {@code tables} without the hinting ones, with fresh checksums.
  private static byte[] assemble(int version, String[] tags, byte[][] tables, int head) {
    int kept = 0;
    int size = 0;
    for (int i = 0; i < tags.length; i++) {
      if (!HINTING.contains(tags[i])) {
        kept++;
        size += (tables[i].length + 3) & ~3;
      }
    }
    ByteBuffer headTable = ByteBuffer.wrap(tables[head]);
    headTable.putInt(8, 0);  // checkSumAdjustment, set last
    int power = Integer.highestOneBit(kept);
    ByteBuffer out = ByteBuffer.allocate(12 + 16 * kept + size);
    out.putInt(version).putShort((short) kept).putShort((short) (16 * power))
        .putShort((short) Integer.numberOfTrailingZeros(power)).putShort((short) (16 * kept - 16 * power));
    int offset = 12 + 16 * kept;
    int headAt = 0;
    for (int i = 0; i < tags.length; i++) {  // the tags came sorted; leaving some out keeps the order
      if (HINTING.contains(tags[i])) {
        continue;
      }
      out.put(tags[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
          .putInt(checksum(tables[i])).putInt(offset).putInt(tables[i].length);
      out.put(offset, tables[i]);
      headAt = i == head ? offset : headAt;
      offset += (tables[i].length + 3) & ~3;
    }
    out.putInt(headAt + 8, 0xB1B0AFBA - checksum(out.array()));
    return out.array();
  }

  private static int checksum(byte[] bytes) {
    int sum = 0;
    for (int i = 0; i < bytes.length; i += 4) {
      int word = 0;
      for (int j = 0; j < 4; j++) {
        word = (word << 8) | (i + j < bytes.length ? bytes[i + j] & 0xFF : 0);
      }
      sum += word;
    }
    return sum;
  }
}
