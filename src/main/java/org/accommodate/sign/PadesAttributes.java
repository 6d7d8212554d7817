package org.accommodate.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cms.CMSAttributeTableGenerator;

/**
 * The signed attributes of a PAdES baseline signature, exactly: content-type, message-digest,
 * signing-certificate-v2 and cms-algorithm-protection (signatures.md §5). BouncyCastle's default
 * generator would add signing-time, which PAdES forbids (the time goes into the signature
 * dictionary's /M). Algorithm protection (RFC 6211) puts the signature algorithm under the
 * signature: without it the SignerInfo's sha256WithRSAEncryption could be retyped as
 * rsaEncryption, which verifies the same, so a changed copy still verified.
 */
final class PadesAttributes implements CMSAttributeTableGenerator {
  private final Attribute signingCertificate;

  /** @param chain the signer's certificate first, then the certificates the CMS carries with it */
  PadesAttributes(java.util.List<X509Certificate> chain) {
    this.signingCertificate = signingCertificateV2(chain);
  }

  @Override
  public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
    ASN1ObjectIdentifier contentType = (ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE);
    byte[] digest = (byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST);
    ASN1EncodableVector attributes = new ASN1EncodableVector();
    attributes.add(new Attribute(CMSAttributes.contentType, new DERSet(contentType)));
    attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(digest))));
    attributes.add(signingCertificate);
    attributes.add(new Attribute(CMSAttributes.cmsAlgorithmProtect, new DERSet(new CMSAlgorithmProtection(
        AlgorithmIdentifier.getInstance(parameters.get(CMSAttributeTableGenerator.DIGEST_ALGORITHM_IDENTIFIER)),
        CMSAlgorithmProtection.SIGNATURE,
        AlgorithmIdentifier.getInstance(parameters.get(CMSAttributeTableGenerator.SIGNATURE_ALGORITHM_IDENTIFIER))))));
    return new AttributeTable(attributes);
  }

  // The signer's certificate, then each other certificate of its chain by hash alone (RFC 5035:
  // the certificates to validate with). The CMS certificates field is outside the signature;
  // listed here, a changed copy of the clinic CA's certificate no longer passes unnoticed.
  private static Attribute signingCertificateV2(java.util.List<X509Certificate> chain) {
    try {
      X509Certificate signer = chain.get(0);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      X500Name issuer = X500Name.getInstance(signer.getIssuerX500Principal().getEncoded());
      IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(issuer)), signer.getSerialNumber());
      // SHA-256 is the DER default, so the hash algorithm is omitted (RFC 5035).
      ESSCertIDv2[] ids = new ESSCertIDv2[chain.size()];
      ids[0] = new ESSCertIDv2(sha256.digest(signer.getEncoded()), issuerSerial);
      for (int i = 1; i < chain.size(); i++) {
        ids[i] = new ESSCertIDv2(sha256.digest(chain.get(i).getEncoded()));
      }
      return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(ids)));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot hash the signer certificate", e);
    }
  }
}
