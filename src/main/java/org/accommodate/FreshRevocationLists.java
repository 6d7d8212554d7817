package org.accommodate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.ClinicKeys;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.SigningKey;

/**
 * The certificate authorities at hand that issue, right after a letter's time-stamp, the
 * revocation lists its long-term validation data carries. A list issued before the time-stamp
 * cannot prove the certificate was not revoked at that time (signatures.md §7), so no list can be
 * brought along: the clinic CA ({@code keys/ca/}) issues one, and the demo CA for demo keys. One
 * instance serves a whole command; the clinic CA's key is unlocked once, for the first letter.
 */
public final class FreshRevocationLists {
  private final PasswordSource caPasswords;
  private final Map<Path, CertificateAuthority> opened = new HashMap<>();

  /** {@code caPasswords}: how the clinic CA's key is unlocked (null: it cannot be). */
  public FreshRevocationLists(PasswordSource caPasswords) {
    this.caPasswords = caPasswords;
  }

  /**
   * Before anything is signed: refuses unless the CA of every certificate of the signer's chain
   * is at hand, and unlocks it now, so that a missing key or a wrong password costs no time-stamp.
   */
  public synchronized void prepare(SigningKey key, Letters letters) {
    for (X509Certificate certificate : key.chain()) {
      if (!selfIssued(certificate) && authority(certificate, key, letters) == null) {
        throw new SigningException("--ltv: the letter must carry a revocation list that its CA ("
            + name(certificate) + ") issues after the letter's time-stamp, and that CA's key is not on this computer"
            + " (keys init keeps the clinic CA's in keys/ca/); sign where it is, or with --tsa alone (PAdES B-T, which"
            + " keeps the letter verifiable after the certificate expires)");
      }
    }
  }

  /**
   * A list from the issuer of each of {@code certificates} but roots, issued now and dated no
   * earlier than {@code stamped}: the time-stamp authority's clock may run a little ahead of
   * ours (its token is accepted within five minutes), and the list must speak for that moment.
   */
  synchronized List<X509CRL> issue(List<X509Certificate> certificates, SigningKey key, Letters letters, Instant stamped) {
    Instant now = letters.clock().instant();
    Instant dated = stamped != null && stamped.isAfter(now) ? stamped : now;
    Map<CertificateAuthority, X509CRL> lists = new java.util.LinkedHashMap<>();
    for (X509Certificate certificate : certificates) {
      if (selfIssued(certificate)) {
        continue;  // a root needs no revocation data
      }
      CertificateAuthority authority = authority(certificate, key, letters);
      if (authority == null) {
        throw new SigningException("--ltv: the letter must carry a revocation list that the time-stamp authority's CA ("
            + name(certificate) + ") issues after the letter's time-stamp, which cannot be had offline; sign with --tsa"
            + " alone (PAdES B-T)");
      }
      lists.computeIfAbsent(authority, a -> a.issueCrl(dated));
    }
    return new ArrayList<>(lists.values());
  }

  /** The CA at hand that issued {@code certificate}, unlocked; null when none is. */
  private CertificateAuthority authority(X509Certificate certificate, SigningKey key, Letters letters) {
    for (CertificateAuthority open : opened.values()) {  // once unlocked, no file is read again per letter
      if (issuedBy(certificate, open.certificate())) {
        return open;
      }
    }
    if (key.specimen()) {
      Path demo = letters.demoKeys().directory();
      if (issuedBy(certificate, demo.resolve(DemoKeys.CA_CERTIFICATE))) {
        return opened.computeIfAbsent(demo.resolve(DemoKeys.CA_KEYSTORE),
            file -> CertificateAuthority.open(file, PasswordSource.fixed(DemoKeys.PASSWORD)));
      }
    }
    Path clinic = ClinicKeys.caKeystore(letters.resolve(Path.of("keys")));
    if (!Files.isRegularFile(clinic) || !issuedBy(certificate, clinic.resolveSibling("ca.pem"))) {
      return null;
    }
    if (caPasswords == null) {
      throw new SigningException("--ltv: the clinic CA's key must be unlocked to issue the letter's revocation list");
    }
    try {
      return opened.computeIfAbsent(clinic, file -> CertificateAuthority.open(file, caPasswords));
    } catch (SigningException e) {  // why a letter asks for the CA's password
      throw new SigningException("--ltv: the clinic CA signs the letter's revocation list; " + e.getMessage(), e);
    }
  }

  private static boolean issuedBy(X509Certificate certificate, Path caCertificate) {
    try {
      return issuedBy(certificate, (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(SmallFiles.read(caCertificate, 1L << 20))));
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      return false;  // no such CA here
    }
  }

  private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;  // another CA of the same name
    }
  }

  private static boolean selfIssued(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
  }

  private static String name(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().getName();
  }
}
