package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.fontbox.ttf.CmapLookup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FontCutTest {
  // The coverage check reads the cuts for these characters: a cut must hold a character exactly
  // when its face does, or a letter would be refused (or printed with blank boxes) for nothing.
  @ParameterizedTest
  @ValueSource(strings = {Fonts.REGULAR, Fonts.BOLD})
  void aCutHoldsEveryCharacterOfItsRangesThatTheFaceHolds(String face) throws Exception {
    CmapLookup whole = Fonts.parse(Fonts.face(face)).getUnicodeCmapLookup();
    CmapLookup cut = Fonts.parse(Fonts.cut(face)).getUnicodeCmapLookup();
    int held = 0;
    for (int c = 0; c <= 0x20AC; c++) {
      if (FontCut.inRanges(c)) {
        boolean inFace = whole.getGlyphId(c) != 0;
        int character = c;
        assertEquals(inFace, cut.getGlyphId(c) != 0, () -> String.format("U+%04X", character));
        held += inFace ? 1 : 0;
      }
    }
    assertTrue(held > 600, "the cut holds " + held + " characters");
  }
}
