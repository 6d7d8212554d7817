package org.accommodate.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes clinic CA and clinician certificates (RFC 5280 profiles; signatures.md §9). */
public final class ClinicCa {
  /** Microsoft's document-signing purpose, which Acrobat accepts for signed documents. */
  static final KeyPurposeId DOCUMENT_SIGNING = KeyPurposeId.getInstance(
      new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"));

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClinicCa() {}

  /** Key algorithms offered for new keys. */
  public enum KeyType {
    RSA_3072, RSA_2048, EC_P256, EC_P384;

    KeyPair generate() throws GeneralSecurityException {
      KeyPairGenerator generator;
      switch (this) {
        case RSA_2048:
        case RSA_3072:
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(this == RSA_2048 ? 2048 : 3072, RANDOM);
          break;
        default:
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"), RANDOM);
      }
      return generator.generateKeyPair();
    }
  }

  /** A key pair and its certificate. */
  public record Issued(KeyPair keys, X509Certificate certificate) {
    @Override
    public String toString() {
      return "Issued[" + certificate.getSubjectX500Principal().getName() + "]";
    }
  }

  public static Issued selfSignedCa(X500Name subject, KeyType type, Instant now, Duration validity)
      throws GeneralSecurityException {
    KeyPair keys = type.generate();
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), now, validity);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(keys, sign(builder, keys.getPrivate()));
  }

  public static Issued clinician(Issued ca, X500Name subject, KeyType type, Instant now, Duration validity)
      throws GeneralSecurityException {
    KeyPair keys = type.generate();
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    X509v3CertificateBuilder builder = builder(issuer, subject, keys.getPublic(), now, validity);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_emailProtection, DOCUMENT_SIGNING}));
      builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          utils.createAuthorityKeyIdentifier(ca.certificate()));
    } catch (org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(keys, sign(builder, ca.keys().getPrivate()));
  }

  /** A self-signed end-entity certificate, the placeholder a CSR's key waits with. */
  static Issued selfSignedLeaf(X500Name subject, KeyType type, Instant now, Duration validity)
      throws GeneralSecurityException {
    KeyPair keys = type.generate();
    X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), now, validity);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    } catch (org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
    return new Issued(keys, sign(builder, keys.getPrivate()));
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
      Instant now, Duration validity) {
    // Back-date by a day so clocks that run slightly behind still accept a fresh certificate.
    Instant from = now.minus(Duration.ofDays(1));
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
        Date.from(from), Date.from(now.plus(validity)), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
      throws GeneralSecurityException {
    String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA384withECDSA" : "SHA256withRSA";
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
