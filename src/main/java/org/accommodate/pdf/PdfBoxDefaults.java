package org.accommodate.pdf;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Process-wide PDFBox settings, applied once before the first PDF is made or read.
 *
 * <ul>
 *   <li>Streams are compressed at zlib level 3 rather than PDFBox's default (6): a letter's fonts,
 *       page and object streams compress in 0.3 ms less of a 6 ms render, for 0.6 KB more per
 *       letter. A level given on the command line (-D) is kept.
 *   <li>No system fonts. PDFBox's default font mapper reads every font installed on the machine,
 *       and writes a list of them to ~/.pdfbox.cache, the first time a document names a font it
 *       does not embed; openhtmltopdf names Helvetica and ZapfDingbats in every letter's (unused)
 *       form resources, which cost a cold start about 200 ms. Our letters embed every font they
 *       draw with; anything else PDFBox asks for gets DejaVu Sans, marked as a substitute, which
 *       serves only to draw glyphs no letter of ours shows.
 * </ul>
 */
public final class PdfBoxDefaults {
  private static final String DEFLATE_LEVEL = Filter.SYSPROP_DEFLATELEVEL;

  static {
    if (System.getProperty(DEFLATE_LEVEL) == null) {
      System.setProperty(DEFLATE_LEVEL, "3");
    }
    FontMappers.set(new DejaVuForEverything());
  }

  private PdfBoxDefaults() {}

  /** Applies the settings (the first call does; later calls find them applied). */
  public static void apply() {
    // the static initializer is the work
  }

  private static final class DejaVuForEverything implements FontMapper {
    @Override
    public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
      return new FontMapping<>(Fonts.cutRegular(), true);
    }

    @Override
    public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
      return new FontMapping<>(Fonts.cutRegular(), true);
    }

    @Override
    public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo systemInfo) {
      return new CIDFontMapping(null, Fonts.cutRegular(), true);
    }
  }
}
