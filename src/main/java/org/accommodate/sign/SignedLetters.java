package org.accommodate.sign;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/** Reads back the signature time-stamp of a letter this tool just signed (for B-LT data). */
public final class SignedLetters {
  private SignedLetters() {}

  public static List<X509Certificate> timeStampCertificates(byte[] signed) {
    TimeStampToken token = token(signed);
    List<X509Certificate> certificates = new ArrayList<>();
    if (token != null) {
      try {
        for (Object holder : token.getCertificates().getMatches(null)) {
          certificates.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) holder));
        }
      } catch (CertificateException e) {
        throw new IllegalStateException("unreadable time-stamp certificate", e);
      }
    }
    return certificates;
  }

  public static Instant timeStampTime(byte[] signed) {
    TimeStampToken token = token(signed);
    return token == null ? null : token.getTimeStampInfo().getGenTime().toInstant();
  }

  private static TimeStampToken token(byte[] signed) {
    try (PDDocument document = Loader.loadPDF(signed)) {
      byte[] contents = document.getSignatureDictionaries().get(0).getContents();
      ContentInfo info;
      try (ASN1InputStream in = new ASN1InputStream(contents)) {
        info = ContentInfo.getInstance(in.readObject());
      }
      SignerInformation signer = new CMSSignedData(info).getSignerInfos().getSigners().iterator().next();
      if (signer.getUnsignedAttributes() == null) {
        return null;
      }
      Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
      return attribute == null ? null
          : new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
    } catch (IOException | CMSException | TSPException e) {
      throw new IllegalStateException("cannot read back the signature", e);
    }
  }
}
