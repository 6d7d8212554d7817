package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.accommodate.testing.Tools;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.junit.jupiter.api.Test;

class FontsTest {
  @Test
  void theFirstFaceOfACollectionIsTheFaceFontboxReadsFirst() throws IOException {
    Path file = Tools.fontCollection();
    byte[] face = Fonts.firstFace(Files.readAllBytes(file));
    TrueTypeFont ours = Fonts.parse(face);
    TrueTypeFont[] first = new TrueTypeFont[1];
    try (TrueTypeCollection collection = new TrueTypeCollection(file.toFile())) {
      collection.processAllFonts(f -> {
        if (first[0] == null) {
          first[0] = f;
        }
      });
      assertEquals(first[0].getName(), ours.getName());
      assertEquals(first[0].getNumberOfGlyphs(), ours.getNumberOfGlyphs());
      java.util.Set<String> tables = new java.util.HashSet<>(first[0].getTableMap().keySet());
      tables.remove("GSUB");  // Fonts.parse drops it, for every font
      assertEquals(tables, ours.getTableMap().keySet());
      for (int codePoint : "王小明 Jordan".codePoints().toArray()) {
        int glyph = first[0].getUnicodeCmapLookup().getGlyphId(codePoint);
        assertEquals(glyph, ours.getUnicodeCmapLookup().getGlyphId(codePoint));
        assertEquals(first[0].getGlyph().getGlyph(glyph).getPath().getBounds2D(),
            ours.getGlyph().getGlyph(glyph).getPath().getBounds2D());
      }
    }
  }

  @Test
  void aDamagedCollectionIsRefusedNotRead() throws IOException {
    byte[] collection = Files.readAllBytes(Tools.fontCollection());
    assertThrows(IOException.class, () -> Fonts.firstFace(Arrays.copyOf(collection, 14)));
    assertThrows(IOException.class, () -> Fonts.firstFace(Arrays.copyOf(collection, 4000)), "tables cut off");
    byte[] directoryOutside = collection.clone();
    ByteBuffer.wrap(directoryOutside).putInt(12, collection.length - 8);
    assertThrows(IOException.class, () -> Fonts.firstFace(directoryOutside));
    byte[] tableOutside = collection.clone();
    int directory = ByteBuffer.wrap(collection).getInt(12);
    ByteBuffer.wrap(tableOutside).putInt(directory + 12 + 8, Integer.MAX_VALUE - 4);
    assertThrows(IOException.class, () -> Fonts.firstFace(tableOutside));
    byte[] none = collection.clone();
    ByteBuffer.wrap(none).putInt(8, 0);
    assertThrows(IOException.class, () -> Fonts.firstFace(none));
  }
}
