package org.accommodate.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** The first page of a PDF as a PNG image (PDFBox's renderer), for previews and the README. */
public final class PageImage {
  private static final float DPI = 110;

  private PageImage() {}

  public static byte[] png(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
      return org.accommodate.Png.encode(image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the page", e);
    }
  }
}
