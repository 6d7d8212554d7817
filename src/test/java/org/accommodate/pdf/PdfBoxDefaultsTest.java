package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.fontbox.FontBoxFont;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class PdfBoxDefaultsTest {
  @Test
  void aFontNoLetterEmbedsIsDejaVuNeverAFontOfTheMachine() throws Exception {
    new PdfComposer();  // as rendering a letter does
    // openhtmltopdf makes these two for every letter's form resources.
    PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font dingbats = new PDType1Font(Standard14Fonts.FontName.ZAPF_DINGBATS);
    FontMapping<FontBoxFont> mapping = FontMappers.instance().getFontBoxFont("Helvetica", helvetica.getFontDescriptor());
    assertTrue(mapping.isFallback());
    assertEquals("DejaVuSans", mapping.getFont().getName());
    assertEquals("DejaVuSans", FontMappers.instance().getTrueTypeFont("Arial", dingbats.getFontDescriptor()).getFont().getName());
  }

  @Test
  void streamsAreCompressedAtAFastLevel() {
    PdfBoxDefaults.apply();
    assertEquals(3, Filter.getCompressionLevel());
  }
}
