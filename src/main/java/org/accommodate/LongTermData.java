package org.accommodate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.SigningKey;
import org.accommodate.sign.SignedLetters;

/**
 * Gathers what a B-LT letter must carry: every certificate of the signer's and the time-stamp
 * authority's chains, and for each issuing CA a CRL issued after the signature time-stamp.
 */
final class LongTermData {
  private LongTermData() {}

  static List<X509Certificate> certificates(SigningKey key, byte[] signed) {
    Map<String, X509Certificate> all = new LinkedHashMap<>();
    for (X509Certificate certificate : key.chain()) {
      all.put(certificate.getSubjectX500Principal().getName() + certificate.getSerialNumber(), certificate);
    }
    for (X509Certificate certificate : SignedLetters.timeStampCertificates(signed)) {
      all.put(certificate.getSubjectX500Principal().getName() + certificate.getSerialNumber(), certificate);
    }
    return new ArrayList<>(all.values());
  }

  static List<X509CRL> crls(SigningKey key, byte[] signed, List<Path> files, Letters letters) {
    Instant stamped = SignedLetters.timeStampTime(signed);
    List<X509CRL> crls = new ArrayList<>();
    for (Path file : files) {
      crls.add(read(letters.resolve(file)));
    }
    if (key.specimen() && files.isEmpty()) {
      // The demo CA is at hand: it issues a fresh CRL now, after the signature time-stamp.
      DemoKeys demo = letters.demoKeys();
      crls.add(CertificateAuthority.open(demo.directory().resolve(DemoKeys.CA_KEYSTORE),
          PasswordSource.fixed(DemoKeys.PASSWORD)).issueCrl(letters.clock().instant()));
    }
    for (X509Certificate certificate : certificates(key, signed)) {
      X500Principal issuer = certificate.getIssuerX500Principal();
      if (issuer.equals(certificate.getSubjectX500Principal())) {
        continue;  // a root needs no revocation data
      }
      X509CRL match = crls.stream().filter(c -> c.getIssuerX500Principal().equals(issuer)).findFirst().orElse(null);
      if (match == null) {
        throw new SigningException("--ltv: no CRL from " + issuer.getName() + "; issue one with 'accommodate keys crl'"
            + " after signing and pass it with --crl FILE");
      }
      if (stamped != null && match.getThisUpdate().toInstant().isBefore(stamped)) {
        throw new SigningException("--ltv: the CRL from " + issuer.getName() + " was issued before the signature's"
            + " time-stamp, so it cannot prove the certificate was not revoked then; issue a fresh one");
      }
    }
    return crls;
  }

  private static X509CRL read(Path file) {
    try (InputStream in = new java.io.ByteArrayInputStream(SmallFiles.read(file, 64L * 1024 * 1024))) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (SmallFiles.TooLarge e) {
      throw new InputException("--crl: " + file + " is larger than 64 MiB");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException("--crl: no such file " + file, e);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new InputException("--crl: " + file + " is not a readable CRL", e);
    }
  }
}
