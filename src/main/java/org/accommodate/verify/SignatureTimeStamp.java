package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INVALID;
import static org.accommodate.verify.Finding.Severity.WARNING;

import java.security.MessageDigest;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks a signature time-stamp (RFC 3161 token in the unsigned attributes) independently: its
 * imprint is the hash of the signature value, its own signature verifies, its certificate is a
 * time-stamping certificate, and it chains to a trust anchor at its time (signatures.md §10.14).
 */
final class SignatureTimeStamp {
  // CAdES validation attributes that PAdES forbids (EN 319 142-1 §6.3).
  private static final List<ASN1ObjectIdentifier> CADES_VALIDATION = List.of(
      PKCSObjectIdentifiers.id_aa_ets_certValues, PKCSObjectIdentifiers.id_aa_ets_revocationValues,
      PKCSObjectIdentifiers.id_aa_ets_certificateRefs, PKCSObjectIdentifiers.id_aa_ets_revocationRefs,
      new ASN1ObjectIdentifier("0.4.0.1733.2.5"));

  private SignatureTimeStamp() {}

  /**
   * A valid, trusted time-stamp.
   *
   * @param time its genTime
   * @param path the authority's certificate path, anchor last
   */
  record Stamp(Instant time, List<X509Certificate> path) {}

  /** The stamp when the signature time-stamp is valid and trusted, else null (with findings). */
  static Stamp check(SignerInformation signer, TrustAnchors anchors, List<X509Certificate> hints, List<Finding> findings) {
    AttributeTable unsigned = signer.getUnsignedAttributes();
    if (unsigned == null) {
      return null;
    }
    for (ASN1ObjectIdentifier forbidden : CADES_VALIDATION) {
      if (unsigned.get(forbidden) != null) {
        findings.add(new Finding("CADES_VALIDATION_ATTRIBUTE", WARNING,
            "The signature carries CAdES validation data, which PAdES does not use."));
      }
    }
    // Unsigned attributes can be added, changed or removed by anyone: one this tool does not read
    // (a damaged time-stamp's type, say) is reported rather than passed over in silence.
    var attributes = unsigned.toASN1EncodableVector();
    for (int i = 0; i < attributes.size(); i++) {
      ASN1ObjectIdentifier type = Attribute.getInstance(attributes.get(i)).getAttrType();
      if (!type.equals(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) && !CADES_VALIDATION.contains(type)) {
        findings.add(new Finding("UNKNOWN_UNSIGNED_ATTRIBUTE", WARNING, "The signature carries data outside its"
            + " signed part that this tool does not read (not covered by the signature); it was ignored."));
        break;
      }
    }
    Attribute attribute = unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
    if (attribute == null) {
      return null;
    }
    try {
      if (attribute.getAttrValues().size() != 1) {
        throw new IllegalArgumentException("several tokens");
      }
      TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
      return token(token, signer.getSignature(), anchors, hints, findings, "signature");
    } catch (Exception e) {
      findings.add(new Finding("TIMESTAMP_INVALID", INVALID, "The signature time-stamp is damaged or not validly signed."));
      return null;
    }
  }

  /** Checks a token over {@code data}; {@code what} names it in findings ("signature", "document"). */
  static Stamp token(TimeStampToken token, byte[] data, TrustAnchors anchors, List<X509Certificate> hints,
      List<Finding> findings, String what) {
    try {
      String algorithm = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
      if (algorithm.equals("1.3.14.3.2.26") || algorithm.equals("1.2.840.113549.2.5")) {
        findings.add(new Finding("TIMESTAMP_WEAK_DIGEST", INVALID, "The " + what + " time-stamp uses a broken hash."));
        return null;
      }
      byte[] expected = MessageDigest.getInstance(algorithm).digest(data);
      if (!Arrays.equals(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
        findings.add(new Finding("TIMESTAMP_IMPRINT", INVALID, "The " + what + " time-stamp is for other data."));
        return null;
      }
      // The token's own unsigned parts: its content type, the encapsulated TSTInfo's OCTET STRING
      // wrapping (BouncyCastle digests the content's value whatever its tag) and its envelope.
      var envelope = token.toCMSSignedData();
      var signedData = org.bouncycastle.asn1.cms.SignedData.getInstance(envelope.toASN1Structure().getContent());
      if (!org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData.equals(envelope.toASN1Structure().getContentType())
          || !(signedData.getEncapContentInfo().getContent() instanceof org.bouncycastle.asn1.ASN1OctetString)
          || !SignatureVerifier.envelopeAgrees(signedData, envelope.getSignerInfos().getSigners().iterator().next())) {
        findings.add(new Finding("TIMESTAMP_INVALID", INVALID, "The " + what + " time-stamp's envelope disagrees with"
            + " its signer: it was altered or badly made."));
        return null;
      }
      @SuppressWarnings("unchecked")
      var matches = token.getCertificates().getMatches(token.getSID());
      if (matches.isEmpty()) {
        findings.add(new Finding("TIMESTAMP_NO_CERTIFICATE", WARNING,
            "The " + what + " time-stamp does not include its authority's certificate; its time is not proven."));
        return null;
      }
      X509CertificateHolder holder = SignatureVerifier.exactMatch(envelope.getSignerInfos().getSigners().iterator().next(),
          matches);
      if (holder == null) {
        findings.add(new Finding("TIMESTAMP_INVALID", INVALID, "The " + what + " time-stamp's signer identifier names"
            + " its certificate differently from the certificate itself: it was altered."));
        return null;
      }
      X509Certificate tsa = new JcaX509CertificateConverter().getCertificate(holder);
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
      Extension eku = holder.getExtension(Extension.extendedKeyUsage);
      if (eku == null || !eku.isCritical() || !Arrays.equals(ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages(),
          new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping})) {
        findings.add(new Finding("TIMESTAMP_CERTIFICATE", INVALID,
            "The " + what + " time-stamp was not made with a time-stamping certificate."));
        return null;
      }
      Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
      List<X509Certificate> pool = new ArrayList<>(hints);
      for (Object certificate : token.getCertificates().getMatches(null)) {
        pool.add(new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) certificate));
      }
      List<X509Certificate> path = chains(tsa, pool, anchors, genTime);
      if (path == null) {
        findings.add(new Finding("TIMESTAMP_UNTRUSTED", WARNING, "The " + what
            + " time-stamp's authority" + named(tsa, pool) + " is not trusted here, so its time is not proven."));
        return null;
      }
      return new Stamp(genTime, path);
    } catch (Exception e) {
      findings.add(new Finding("TIMESTAMP_INVALID", INVALID, "The " + what + " time-stamp is damaged or not validly signed."));
      return null;
    }
  }

  /**
   * Who made the time-stamp and the authority its carried chain ends at, with that certificate's
   * fingerprint: what a reader needs to obtain and trust (--trust) for the time to count.
   */
  static String named(X509Certificate tsa, List<X509Certificate> pool) {
    X509Certificate top = SignatureVerifier.namedAuthority(tsa, pool);
    SignatureReport.Authority authority = top == null ? null : SignatureReport.Authority.of(top);
    return " (" + SignatureVerifier.displayName(tsa) + "; certified by " + (authority == null
        ? SignatureVerifier.displayName(tsa.getIssuerX500Principal()) + ", whose certificate the letter does not carry"
        : authority.name() + ", SHA-256 " + authority.sha256()) + ")";
  }

  private static List<X509Certificate> chains(X509Certificate tsa, List<X509Certificate> pool, TrustAnchors anchors,
      Instant at) {
    List<X509Certificate> all = new ArrayList<>(pool);
    all.add(tsa);
    var usable = anchors.anchorsAmong(all);
    if (usable.isEmpty()) {
      return null;
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(tsa);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(usable, target);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
      var result = (java.security.cert.PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      List<X509Certificate> path = new ArrayList<>();
      result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
      path.add(result.getTrustAnchor().getTrustedCert());
      return path;
    } catch (Exception e) {
      return null;
    }
  }
}
