package org.accommodate.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accommodate.SigningException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Adds a document security store (/DSS with certificates and CRLs, ISO 32000-2 §12.8.4.3) as its
 * own incremental update after the signature, so the letter carries what a validator needs years
 * later, offline (PAdES B-LT).
 */
public final class ValidationData {
  private static final COSName DSS = COSName.getPDFName("DSS");

  private ValidationData() {}

  public static byte[] addSecurityStore(byte[] signed, List<X509Certificate> certificates, List<X509CRL> crls) {
    try (PDDocument document = Loader.loadPDF(signed); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
      COSDictionary dss = catalog.getCOSDictionary(DSS);
      if (dss == null) {
        dss = new COSDictionary();
        catalog.setItem(DSS, dss);
      }
      Map<String, byte[]> certs = new LinkedHashMap<>();
      for (X509Certificate certificate : certificates) {
        certs.put(Arrays.toString(certificate.getEncoded()), certificate.getEncoded());
      }
      append(document, dss, "Certs", certs.values());
      Map<String, byte[]> lists = new LinkedHashMap<>();
      for (X509CRL crl : crls) {
        lists.put(Arrays.toString(crl.getEncoded()), crl.getEncoded());
      }
      append(document, dss, "CRLs", lists.values());
      declareExtension(catalog);
      dss.setNeedToBeUpdated(true);
      catalog.setNeedToBeUpdated(true);
      document.saveIncremental(out);
      return out.toByteArray();
    } catch (IOException | CertificateEncodingException | CRLException e) {
      throw new SigningException("--ltv: the validation data could not be added", e);
    }
  }

  private static void append(PDDocument document, COSDictionary dss, String key, Iterable<byte[]> items) throws IOException {
    COSArray array = dss.getCOSArray(COSName.getPDFName(key));
    if (array == null) {
      array = new COSArray();
      dss.setItem(COSName.getPDFName(key), array);
    }
    for (byte[] item : items) {
      COSStream stream = document.getDocument().createCOSStream();
      try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
        out.write(item);
      }
      array.add(stream);
    }
    array.setNeedToBeUpdated(true);
  }

  // PDF 1.7 files declare the DSS through the ESIC extension (ETSI EN 319 142-1), merged with any others.
  private static void declareExtension(COSDictionary catalog) {
    COSDictionary extensions = catalog.getCOSDictionary(COSName.getPDFName("Extensions"));
    if (extensions == null) {
      extensions = new COSDictionary();
      catalog.setItem(COSName.getPDFName("Extensions"), extensions);
    }
    COSDictionary esic = new COSDictionary();
    esic.setItem(COSName.getPDFName("BaseVersion"), COSName.getPDFName("1.7"));
    esic.setItem(COSName.getPDFName("ExtensionLevel"), COSInteger.get(1));
    extensions.setItem(COSName.getPDFName("ESIC"), esic);
    extensions.setNeedToBeUpdated(true);
  }
}
