package org.accommodate.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.accommodate.SigningException;
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
  private static final int MARGIN = 512;
  private final TimeStampClient timeStamps;

  public DocumentTimeStamper(TimeStampClient timeStamps) {
    this.timeStamps = timeStamps;
  }

  public byte[] stamp(byte[] pdf) {
    // Measured: one token for sizing, one for the real byte range.
    int reserve = timeStamps.token(new byte[] {0}, null).length + MARGIN;
    try (PDDocument document = Loader.loadPDF(pdf); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDSignature signature = new PDSignature();
      signature.setType(COSName.DOC_TIME_STAMP);
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(reserve);
      document.addSignature(signature, content -> timeStamps.token(content.readAllBytes(), null), options);
      document.saveIncremental(out);
      options.close();
      return out.toByteArray();
    } catch (IOException e) {
      if (e.getCause() instanceof SigningException signing) {
        throw signing;
      }
      throw new SigningException("--lta: the document time-stamp could not be added", e);
    }
  }
}
