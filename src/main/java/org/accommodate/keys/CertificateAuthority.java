package org.accommodate.keys;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.SigningException;
import org.accommodate.output.AtomicOutput;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A clinic CA on disk: its key in a PKCS#12 file, the serials it has revoked in revoked.txt
 * beside it (serial and date, one per line), and the CRLs it issues. Clinic letters can then
 * carry their own revocation data without any network (signatures.md §7).
 */
public final class CertificateAuthority {
  /** How long a CRL is valid: clinics reissue it at least weekly. */
  static final Duration CRL_VALIDITY = Duration.ofDays(7);
  private final Path keystore;
  private final PrivateKey key;
  private final X509Certificate certificate;

  private CertificateAuthority(Path keystore, PrivateKey key, X509Certificate certificate) {
    this.keystore = keystore;
    this.key = key;
    this.certificate = certificate;
  }

  public static CertificateAuthority open(Path keystore, PasswordSource passwords) {
    if (!Files.isRegularFile(keystore)) {
      throw new InputException((Files.exists(keystore) ? "--ca: not a regular file " : "--ca: no such file ") + keystore);
    }
    return Pkcs12Files.retrying(passwords, () -> openOnce(keystore, passwords));
  }

  private static CertificateAuthority openOnce(Path keystore, PasswordSource passwords) {
    try (Secret password = passwords.obtain("Password for the CA key " + keystore.getFileName())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password.reveal());
      } catch (IOException e) {
        if (Pkcs12Files.passwordRefused(e)) {
          if (Pkcs12Files.blamesThePassword(keystore, password)) {
            throw new Pkcs12Files.WrongPassword(Pkcs12Files.wrongPassword("CA keystore", keystore, e));
          }
          throw Pkcs12Files.refused("CA keystore", keystore, password, e);
        }
        throw new SigningException("CA keystore " + keystore + ": not a readable PKCS#12 file", e);
      }
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
          if (certificate.getBasicConstraints() < 0) {
            throw new SigningException("--ca: " + keystore + " holds a certificate that is not a CA");
          }
          return new CertificateAuthority(keystore, (PrivateKey) store.getKey(alias, password.reveal()), certificate);
        }
      }
      throw new SigningException("--ca: " + keystore + " holds no key");
    } catch (UnrecoverableKeyException e) {
      throw new Pkcs12Files.WrongPassword(Pkcs12Files.wrongPassword("CA keystore", keystore, e));
    } catch (GeneralSecurityException e) {
      throw new SigningException("CA keystore " + keystore + ": cannot be read", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  Path keystore() {
    return keystore;
  }

  PrivateKey key() {
    return key;
  }

  private Path revokedFile() {
    return keystore.resolveSibling("revoked.txt");
  }

  /**
   * Keeps a copy of a certificate the CA at {@code caKeystore} issued, as issued/NAME-SERIAL.pem
   * beside it: a clinician's key may be lost with the laptop that held it, and revoking it
   * needs its certificate.
   *
   * @return the copy
   */
  static Path keepIssued(Path caKeystore, X509Certificate issued, String name) throws IOException, GeneralSecurityException {
    Path copy = caKeystore.resolveSibling("issued")
        .resolve(name + "-" + issued.getSerialNumber().toString(16) + ".pem");
    Files.createDirectories(copy.getParent());
    AtomicOutput.write(copy, DemoKeys.pem(issued).getBytes(StandardCharsets.US_ASCII), false);
    return copy;
  }

  /** Default place of this CA's current CRL: ca.crl beside its keystore. */
  public Path defaultCrlFile() {
    return keystore.resolveSibling("ca.crl");
  }

  /** Records {@code serial} as revoked now; revoking twice changes nothing. */
  public boolean revoke(X509Certificate revoked, Instant now) {
    if (!revoked.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
      throw new InputException("keys revoke: the certificate was not issued by this CA");
    }
    List<String> lines = revokedLines();
    String serial = revoked.getSerialNumber().toString(16);
    if (lines.stream().anyMatch(l -> l.split(" ")[0].equals(serial))) {
      return false;
    }
    lines.add(serial + " " + now);
    try {
      AtomicOutput.write(revokedFile(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII), true);
    } catch (IOException e) {
      throw new InputException("keys revoke: cannot write " + revokedFile(), e);
    }
    return true;
  }

  /** A fresh CRL listing every revoked serial, valid for a week from {@code now}. */
  public X509CRL issueCrl(Instant now) {
    return issueCrl(now, CRL_VALIDITY);
  }

  /**
   * As above, valid for {@code validity}: a clinic that hands its list to employers on paper or
   * by e-mail may want it to stay current longer; a revocation then takes as long to be seen.
   */
  public X509CRL issueCrl(Instant now, Duration validity) {
    try {
      X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer, Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(validity)));
      for (String line : revokedLines()) {
        String[] parts = line.split(" ");
        builder.addCRLEntry(new BigInteger(parts[0], 16), Date.from(Instant.parse(parts[1])), CRLReason.unspecified);
      }
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA384withECDSA" : "SHA256withRSA";
      return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new SigningException("the CA could not issue a CRL", e);
    }
  }

  private List<String> revokedLines() {
    try {
      if (!Files.exists(revokedFile())) {
        return new ArrayList<>();
      }
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(revokedFile(), StandardCharsets.US_ASCII)) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return lines;
    } catch (IOException e) {
      throw new InputException("cannot read " + revokedFile(), e);
    }
  }
}
