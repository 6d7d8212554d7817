package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.GlyfCompositeComp;
import org.apache.fontbox.ttf.GlyfCompositeDescript;
import org.apache.fontbox.ttf.GlyfDescript;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
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

  // Hinting goes; every glyph's outline, advance and character stay as the face has them.
  @ParameterizedTest
  @ValueSource(strings = {Fonts.REGULAR, Fonts.BOLD})
  void theCutHasNoHintingAndTheFacesOutlinesAndMetrics(String face) throws Exception {
    TrueTypeFont whole = Fonts.parse(Fonts.face(face));
    TrueTypeFont cut = Fonts.parse(Fonts.cut(face));
    assertTrue(cut.getTableMap().keySet().stream().noneMatch(List.of("fpgm", "prep", "cvt ", "gasp")::contains),
        () -> "tables " + cut.getTableMap().keySet());
    assertEquals(0, cut.getMaximumProfile().getMaxSizeOfInstructions());
    int hinting = simpleGlyphInstructionBytes(Fonts.face(face));
    assertTrue(hinting > 20_000, "the face is hinted: " + hinting);
    assertEquals(0, simpleGlyphInstructionBytes(Fonts.cut(face)));
    CmapLookup wholeMap = whole.getUnicodeCmapLookup();
    CmapLookup cutMap = cut.getUnicodeCmapLookup();
    int compared = 0;
    for (int c = 0x20; c <= 0x20AC; c++) {
      int inFace = wholeMap.getGlyphId(c);
      if (!FontCut.inRanges(c) || inFace == 0) {
        continue;
      }
      int inCut = cutMap.getGlyphId(c);
      String at = String.format("U+%04X", c);
      assertEquals(whole.getAdvanceWidth(inFace), cut.getAdvanceWidth(inCut), at);
      GlyphData hinted = whole.getGlyph().getGlyph(inFace);
      GlyphData plain = cut.getGlyph().getGlyph(inCut);
      assertEquals(hinted == null, plain == null, at);
      if (hinted != null) {
        assertEquals(outline(hinted), outline(plain), at);
        assertEquals(0, compositeInstructionFlags(plain), at);
        compared++;
      }
    }
    assertTrue(compared > 600, compared + " glyphs compared");
  }

  // Composite glyphs (DejaVu's cut has none) lose their instructions and keep their parts.
  @Test
  void compositeGlyphsKeepTheirComponents() throws Exception {
    TrueTypeFont whole = Fonts.parse(Fonts.face(Fonts.REGULAR));
    List<Integer> composites = new ArrayList<>();
    for (int gid = 1; gid < whole.getNumberOfGlyphs() && composites.size() < 40; gid++) {
      GlyphData glyph = whole.getGlyph().getGlyph(gid);
      if (glyph != null && glyph.getDescription().isComposite()) {
        composites.add(gid);
      }
    }
    assertTrue(composites.size() >= 10, "DejaVu Sans has composite glyphs");
    TTFSubsetter subsetter = new TTFSubsetter(whole);
    subsetter.addGlyphIds(new java.util.HashSet<>(composites));
    java.io.ByteArrayOutputStream hintedFile = new java.io.ByteArrayOutputStream();
    subsetter.writeToStream(hintedFile);
    TrueTypeFont hinted = Fonts.parse(hintedFile.toByteArray());
    TrueTypeFont plain = Fonts.parse(Unhinted.of(hintedFile.toByteArray()));
    assertEquals(0, simpleGlyphInstructionBytes(Unhinted.of(hintedFile.toByteArray())));
    assertEquals(hinted.getNumberOfGlyphs(), plain.getNumberOfGlyphs());
    int composite = 0;
    for (int gid = 0; gid < hinted.getNumberOfGlyphs(); gid++) {
      GlyphData before = hinted.getGlyph().getGlyph(gid);
      GlyphData after = plain.getGlyph().getGlyph(gid);
      if (before == null) {
        continue;
      }
      composite += before.getDescription().isComposite() ? 1 : 0;
      assertEquals(outline(before), outline(after), "glyph " + gid);
      assertEquals(components(before), components(after), "glyph " + gid);
      assertEquals(0, compositeInstructionFlags(after), "glyph " + gid);
    }
    assertEquals(composites.size(), composite);
    assertTrue(plain.getTableMap().get("glyf").getLength() < hinted.getTableMap().get("glyf").getLength());
  }

  // A file it cannot read as expected is returned as it is: a hinted font is still a correct font.
  @Test
  void aDamagedFontIsLeftAsItIs() {
    byte[] cut = Fonts.cut(Fonts.REGULAR);
    for (int length : new int[] {0, 11, 100, cut.length / 2}) {
      byte[] damaged = Arrays.copyOf(cut, length);
      assertTrue(damaged == Unhinted.of(damaged), "cut to " + length + " bytes");
    }
  }

  // For a composite glyph, whether any part says instructions follow (fontbox reads no instructions).
  private static int compositeInstructionFlags(GlyphData glyph) {
    if (glyph.getDescription() instanceof GlyfCompositeDescript composite) {
      return (int) composite.getComponents().stream().filter(part -> (part.getFlags() & 0x0100) != 0).count();
    }
    return 0;
  }

  // The instruction bytes of every simple glyph of a font file, read from its glyf and loca tables.
  static int simpleGlyphInstructionBytes(byte[] font) throws Exception {
    TrueTypeFont parsed = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(font));
    java.nio.ByteBuffer file = java.nio.ByteBuffer.wrap(font);
    long glyf = parsed.getTableMap().get("glyf").getOffset();
    long[] offsets = parsed.getIndexToLocation().getOffsets();
    int total = 0;
    for (int gid = 0; gid + 1 < offsets.length; gid++) {
      if (offsets[gid + 1] > offsets[gid]) {
        int at = (int) (glyf + offsets[gid]);
        int contours = file.getShort(at);
        total += contours < 0 ? 0 : file.getShort(at + 10 + 2 * contours) & 0xFFFF;
      }
    }
    return total;
  }

  // Each part of a composite glyph: which glyph, where, and its flags other than "has instructions".
  private static List<String> components(GlyphData glyph) {
    List<String> parts = new ArrayList<>();
    if (glyph.getDescription() instanceof GlyfCompositeDescript composite) {
      for (GlyfCompositeComp part : composite.getComponents()) {
        parts.add(part.getGlyphIndex() + " " + part.getArgument1() + " " + part.getArgument2() + " "
            + (part.getFlags() & ~0x0100) + " " + part.getXScale() + " " + part.getYScale());
      }
    }
    return parts;
  }

  // What reaches a letter: its subsets carry neither hinting programs nor glyph instructions,
  // whether they come from the Latin cut or (a Cyrillic name) from the whole faces.
  @ParameterizedTest
  @ValueSource(strings = {"Jordan Rivera, <b>Acme</b> \u00e9", "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432, <b>Acme</b>"})
  void aLettersSubsetsCarryNoHinting(String text) throws Exception {
    assertEquals(text.startsWith("Jordan"), FontCut.covers(text));
    byte[] pdf = new PdfComposer().compose("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
        + "<title>t</title></head><body style=\"font-family:'DejaVu Sans'\"><p>" + text + "</p>"
        + "</body></html>").pdf();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDResources resources = document.getPage(0).getResources();
      int fonts = 0;
      for (var name : resources.getFontNames()) {
        PDType0Font font = (PDType0Font) resources.getFont(name);
        byte[] file = font.getDescendantFont().getFontDescriptor().getFontFile2().toByteArray();
        TrueTypeFont embedded = new org.apache.fontbox.ttf.TTFParser(true).parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(file));
        assertTrue(embedded.getTableMap().keySet().stream().noneMatch(List.of("fpgm", "prep", "cvt ")::contains),
            () -> font.getName() + " " + embedded.getTableMap().keySet());
        assertEquals(0, simpleGlyphInstructionBytes(file), font.getName());
        fonts++;
      }
      assertEquals(2, fonts);
    }
  }

  private static List<String> outline(GlyphData glyph) {
    List<String> segments = new ArrayList<>();
    double[] point = new double[6];
    for (PathIterator it = glyph.getPath().getPathIterator(null); !it.isDone(); it.next()) {
      int type = it.currentSegment(point);
      segments.add(type + Arrays.toString(point));
    }
    segments.add(glyph.getBoundingBox().toString());
    return segments;
  }
}
