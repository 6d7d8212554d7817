package org.accommodate.verify;

import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * Revocation data a signer put inside its signature rather than in the document's DSS: the
 * SignedData's own {@code crls} and other revocation info (RFC 5940 OCSP responses), and Adobe's
 * revocation-archival signed attribute, where Acrobat and the tools that follow it keep the lists
 * and responses they fetched at signing time. Evidence only: each still has to come from the
 * certificate's issuer to count (see {@link Revocation}, {@link OcspAnswers}).
 */
final class CmsRevocation {
  // adbe-revocationInfoArchival: SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL,
  // ocsp [1] ..., otherRevInfo [2] ... }
  private static final ASN1ObjectIdentifier ADOBE_ARCHIVAL = new ASN1ObjectIdentifier("1.2.840.113583.1.1.8");
  private static final int MAX_LISTS = 50;

  private CmsRevocation() {}

  /** OCSP responses the signer put in its signature: RFC 5940 other-revocation-info, Adobe's attribute. */
  static OcspAnswers ocsp(CMSSignedData cms, SignerInformation signer) {
    List<ASN1Encodable> values = new ArrayList<>();
    try {
      for (Object value : cms.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response).getMatches(null)) {
        values.add((ASN1Encodable) value);
      }
    } catch (RuntimeException e) {
      // unreadable: no evidence
    }
    archived(signer, 1).forEach(values::add);
    return OcspAnswers.fromAsn1(values.subList(0, Math.min(values.size(), MAX_LISTS)));
  }

  // The entries under tag [tag] of Adobe's attribute: 0 for CRLs, 1 for OCSP responses.
  private static List<ASN1Encodable> archived(SignerInformation signer, int tag) {
    List<ASN1Encodable> values = new ArrayList<>();
    Attribute archival = signer.getSignedAttributes() == null ? null : signer.getSignedAttributes().get(ADOBE_ARCHIVAL);
    if (archival == null) {
      return values;
    }
    try {
      for (var element : ASN1Sequence.getInstance(archival.getAttrValues().getObjectAt(0))) {
        ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(element);
        if (tagged.getTagNo() == tag) {
          ASN1Sequence.getInstance(tagged.getExplicitBaseObject()).forEach(values::add);
        }
      }
    } catch (RuntimeException e) {
      // An unreadable attribute is not evidence of anything; the other sources still count.
    }
    return values;
  }

  static List<X509CRL> crls(CMSSignedData cms, SignerInformation signer) {
    List<X509CRL> crls = new ArrayList<>();
    JcaX509CRLConverter converter = new JcaX509CRLConverter();
    for (Object holder : cms.getCRLs().getMatches(null)) {
      add(crls, converter, (X509CRLHolder) holder);
    }
    for (ASN1Encodable list : archived(signer, 0)) {
      try {
        add(crls, converter, new X509CRLHolder(CertificateList.getInstance(list)));
      } catch (RuntimeException e) {
        // As below: ignored.
      }
    }
    return crls;
  }

  private static void add(List<X509CRL> crls, JcaX509CRLConverter converter, X509CRLHolder holder) {
    if (crls.size() >= MAX_LISTS) {
      return;
    }
    try {
      crls.add(converter.getCRL(holder));
    } catch (java.security.cert.CRLException | RuntimeException e) {
      // As above: ignored.
    }
  }
}
