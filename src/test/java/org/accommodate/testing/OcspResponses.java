package org.accommodate.testing;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** OCSP responses about the demo clinician's certificate, signed by the demo CA or a responder it certifies. */
public final class OcspResponses {
  private final PrivateKey caKey;
  private final X509Certificate ca;

  private OcspResponses(PrivateKey caKey, X509Certificate ca) {
    this.caKey = caKey;
    this.ca = ca;
  }

  /** The CA in {@code caKeystore} (the demo CA's ca.p12). */
  public static OcspResponses of(Path caKeystore, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(caKeystore)) {
      store.load(in, password);
    }
    String alias = java.util.Collections.list(store.aliases()).stream().filter(a -> {
      try {
        return store.isKeyEntry(a);
      } catch (Exception e) {
        return false;
      }
    }).findFirst().orElseThrow();
    return new OcspResponses((PrivateKey) store.getKey(alias, password), (X509Certificate) store.getCertificate(alias));
  }

  /** A responder: its key and a certificate the CA issued it, marked for OCSP signing or not. */
  public record Responder(KeyPair keys, X509Certificate certificate) {}

  public Responder responder(boolean forOcspSigning, Instant now) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    var builder = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca).getSubject(), BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Demo OCSP Responder"),
        keys.getPublic());
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(forOcspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_emailProtection));
    X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey));
    return new Responder(keys, new JcaX509CertificateConverter().getCertificate(holder));
  }

  /** A response about {@code subject} signed by the CA itself ({@code responder} null) or by the responder. */
  public byte[] response(X509Certificate subject, boolean revoked, Instant thisUpdate, Instant nextUpdate,
      Responder responder) throws Exception {
    DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    CertificateID id = new CertificateID(sha1, new JcaX509CertificateHolder(ca), subject.getSerialNumber());
    var signerPublic = responder == null ? ca.getPublicKey() : responder.keys().getPublic();
    BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signerPublic, sha1);
    CertificateStatus status = revoked ? new RevokedStatus(Date.from(thisUpdate.minus(Duration.ofHours(1))), 1)
        : CertificateStatus.GOOD;
    builder.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
    PrivateKey signer = responder == null ? caKey : responder.keys().getPrivate();
    X509CertificateHolder[] chain = responder == null ? null
        : new X509CertificateHolder[] {new JcaX509CertificateHolder(responder.certificate())};
    var basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer), chain, Date.from(thisUpdate));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }
}
