package org.accommodate.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The document security store (/DSS): certificates and CRLs a signer embedded for long-term
 * validation. They are evidence and path-building hints, never trust anchors.
 *
 * @param certificates the /Certs entries that parse
 * @param crls the /CRLs entries that parse
 * @param ocsp the /OCSPs entries that parse
 */
record SecurityStore(List<X509Certificate> certificates, List<X509CRL> crls, OcspAnswers ocsp) {
  private static final int MAX_ENTRIES = 200;
  private static final int MAX_ENTRY_BYTES = 1 << 20;

  SecurityStore {
    certificates = List.copyOf(certificates);
    crls = List.copyOf(crls);
  }

  boolean present() {
    return !certificates.isEmpty() || !crls.isEmpty() || !ocsp.isEmpty();
  }

  static SecurityStore read(PDDocument document) {
    List<X509Certificate> certificates = new ArrayList<>();
    List<X509CRL> crls = new ArrayList<>();
    OcspAnswers ocsp = OcspAnswers.NONE;
    COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
    if (dss != null) {
      for (byte[] bytes : streams(dss.getCOSArray(COSName.getPDFName("Certs")))) {
        try {
          certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (Exception e) {
          // An unreadable entry is not evidence of anything; it is ignored.
        }
      }
      for (byte[] bytes : streams(dss.getCOSArray(COSName.getPDFName("CRLs")))) {
        try {
          crls.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes)));
        } catch (Exception e) {
          // As above.
        }
      }
      ocsp = OcspAnswers.parse(streams(dss.getCOSArray(COSName.getPDFName("OCSPs"))));
    }
    return new SecurityStore(certificates, crls, ocsp);
  }

  private static List<byte[]> streams(COSArray array) {
    List<byte[]> items = new ArrayList<>();
    if (array == null) {
      return items;
    }
    for (int i = 0; i < Math.min(array.size(), MAX_ENTRIES); i++) {
      if (array.getObject(i) instanceof COSStream stream) {
        try (InputStream in = stream.createInputStream()) {
          byte[] bytes = in.readNBytes(MAX_ENTRY_BYTES);
          items.add(bytes);
        } catch (IOException e) {
          // ignored, as above
        }
      }
    }
    return items;
  }
}
