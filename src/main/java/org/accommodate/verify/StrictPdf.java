package org.accommodate.verify;

import java.io.IOException;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Opens a file under verification without PDFBox's repairs: a damaged cross-reference section,
 * a missing endobj or an unreadable object is an error, not something to rebuild around
 * (signatures.md §10.1: a signed document must parse with no repair). A repaired file can show
 * a different document than the one that was signed, or none of its signatures.
 */
final class StrictPdf extends PDFParser {
  private StrictPdf(byte[] file) throws IOException {
    super(new RandomAccessReadBuffer(file));
    setLenient(false);
  }

  static PDDocument open(byte[] file) throws IOException {
    return new StrictPdf(file).parse();
  }
}
