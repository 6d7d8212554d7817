package org.accommodate.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * Adds a document time-stamp (ISO 32000-2 §12.8.5; PAdES B-LTA): its own incremental update with
 * an invisible field whose value is an RFC 3161 token over the update's byte range.
 */
public final class DocumentTimeStamper {
  private final TimeStampClient timeStamps;

  public DocumentTimeStamper(TimeStampClient timeStamps) {
    this.timeStamps = timeStamps;
  }

  public byte[] stamp(byte[] pdf) {
    // The last token's length, or one token asked for to measure it; then tokens for the real
    // byte range until one fits exactly.
    int last = timeStamps.lastTokenLength();
    int firstGuess = last > 0 ? last : timeStamps.token(new byte[] {0}, null).length;
    return ExactFit.sign(firstGuess, reserved -> stampOnce(pdf, reserved));
  }

  private byte[] stampOnce(byte[] pdf, int reserved) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDSignature signature = new PDSignature();
      signature.setType(COSName.DOC_TIME_STAMP);
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(reserved);
      document.addSignature(signature,
          content -> {
            byte[] stamped = content.readAllBytes();
            return ExactFit.checked(() -> timeStamps.token(stamped, null), reserved, 2);
          }, options);
      document.saveIncremental(out);
      options.close();
      return out.toByteArray();
    }
  }
}
