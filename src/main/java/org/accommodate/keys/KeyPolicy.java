package org.accommodate.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.List;
import org.accommodate.SigningException;

/** Refuses to sign with a certificate that a validator would reject (signatures.md §9). */
public final class KeyPolicy {
  private KeyPolicy() {}

  /** Advice for a usable key: a certificate that expires within 30 days, or null. */
  public static String expiryWarning(SigningKey key, Instant now) {
    Instant notAfter = key.certificate().getNotAfter().toInstant();
    long days = java.time.Duration.between(now, notAfter).toDays();
    return days < 30 ? "signing certificate: expires in " + days + " days (" + notAfter
        + "); ask for a new one, and time-stamp letters (--tsa) so they stay verifiable" : null;
  }

  public static void checkUsable(SigningKey key, Instant now) {
    X509Certificate certificate = key.certificate();
    if (certificate.getNotAfter().toInstant().isBefore(now)) {
      throw new SigningException("signing certificate: expired; ask the clinic CA for a new one");
    }
    if (certificate.getNotBefore().toInstant().isAfter(now)) {
      throw new SigningException("signing certificate: not valid yet; check the computer's clock");
    }
    if (certificate.getBasicConstraints() >= 0) {
      throw new SigningException("signing certificate: is a CA certificate; sign with a clinician certificate");
    }
    boolean[] usage = certificate.getKeyUsage();
    if (usage != null && !usage[0] && !usage[1]) {
      throw new SigningException("signing certificate: its key usage does not allow signing documents");
    }
    var publicKey = certificate.getPublicKey();
    if (publicKey instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048
        || publicKey instanceof ECKey ec && ec.getParams().getOrder().bitLength() < 256) {
      throw new SigningException("signing certificate: key is weaker than policy (RSA 2048 or EC P-256 at least)");
    }
  }

  /**
   * Refuses a key whose certificate is listed by a revocation list of its own CA kept on this
   * computer (where keys revoke and keys crl write it): each letter it signed would disclose the
   * patient's information only to verify INVALID for an employer who checks.
   */
  public static void checkNotRevoked(SigningKey key, List<Path> lists) {
    if (key.chain().size() < 2) {
      return;
    }
    Revocation revoked = revocation(key.certificate(), key.chain().get(1), lists);
    if (revoked != null) {
      throw new SigningException("signing certificate: revoked by its CA on " + revoked.date() + " ("
          + revoked.list().getFileName() + "); letters it signs would verify INVALID: sign with another clinician key"
          + " (keys issue)");
    }
  }

  /** When and by which list the issuer revoked a certificate. */
  public record Revocation(Instant date, Path list) {}

  /**
   * The first of {@code lists} (files that need not exist) that {@code issuer} signed and that
   * lists {@code certificate}, or null. A list that does not verify under the issuer's key is not
   * the CA's, whatever name it bears, and is passed over.
   */
  public static Revocation revocation(X509Certificate certificate, X509Certificate issuer, List<Path> lists) {
    for (Path list : lists) {
      if (!Files.isRegularFile(list)) {
        continue;
      }
      X509CRL crl;
      try (InputStream in = Files.newInputStream(list)) {
        crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
          continue;
        }
        crl.verify(issuer.getPublicKey());
      } catch (IOException | GeneralSecurityException | ClassCastException e) {
        continue;
      }
      X509CRLEntry entry = crl.getRevokedCertificate(certificate);
      if (entry != null) {
        return new Revocation(entry.getRevocationDate().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            list);
      }
    }
    return null;
  }

  /**
   * Refuses to sign a letter whose printed clinician is not the certificate's holder: HR reads
   * "Sincerely, Sam Lee" above "Digitally signed by Kim Park" as a letter nobody vouches for.
   * Every word of {@code clinician} (case, accents and punctuation aside) must be in the
   * certificate's common name, so "Dr. Sam Lee" or "LEE, SAM" certify Sam Lee. Demo keys sign
   * SPECIMEN letters only and are not checked.
   */
  public static void checkHolder(SigningKey key, String clinician) {
    if (key.specimen()) {
      return;
    }
    String holder = ClinicKeys.first(org.bouncycastle.asn1.x500.X500Name.getInstance(
        key.certificate().getSubjectX500Principal().getEncoded()), org.bouncycastle.asn1.x500.style.BCStyle.CN);
    if (holder == null || !words(holder).containsAll(words(clinician))) {
      throw new SigningException("signing certificate: it is " + (holder == null ? "nobody's by name"
          : holder + "'s") + ", but the letter is signed as " + clinician + " (profile clinician.name); sign with"
          + " that clinician's own key, or use the profile of the key's holder");
    }
  }

  private static java.util.Set<String> words(String name) {
    String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
        .toLowerCase(java.util.Locale.ROOT);
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}
