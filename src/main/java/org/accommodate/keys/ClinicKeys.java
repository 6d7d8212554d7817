package org.accommodate.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.SigningException;
import org.accommodate.output.AtomicOutput;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The clinic's key work (signatures.md §9): its own CA and clinician certificates, certificate
 * requests for a commercial CA and the import of what it returns, and a readable view of a key
 * or certificate file — never the key itself.
 */
public final class ClinicKeys {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration CLINICIAN_VALIDITY = Duration.ofDays(730);

  private ClinicKeys() {}

  /** What keys init wrote; {@code issuedCopy} is the CA's copy of the clinician's certificate. */
  public record Created(Path caKeystore, Path caCertificate, Path trustedCopy, Path clinicianKeystore, Path issuedCopy,
      String caFingerprint) {}

  /**
   * What keys issue wrote: the key, and the CA's copy of its certificate.
   *
   * @param issuer the issuing CA's common name
   * @param specimen whether the demo CA issued it, so that its letters say SPECIMEN
   */
  public record Issued(Path keystore, Path issuedCopy, String issuer, boolean specimen) {}

  /** Where {@link #init} puts the clinic CA's key under {@code dir}. */
  public static Path caKeystore(Path dir) {
    return dir.resolve("ca").resolve("ca.p12");
  }

  /**
   * A clinic CA and its first clinician certificate under {@code dir}: ca/ca.p12, ca/ca.pem,
   * trusted/&lt;name&gt;-ca.pem and &lt;clinician&gt;.p12. Refuses to overwrite anything.
   */
  public static Created init(Path dir, String organization, String clinician, ClinicCa.KeyType type,
      Secret caPassword, Secret clinicianPassword, Instant now) {
    Path caKeystore = caKeystore(dir);
    Path caDir = caKeystore.getParent();
    Path caPem = caDir.resolve("ca.pem");
    Path trusted = dir.resolve("trusted").resolve(slug(organization) + "-ca.pem");
    Path clinicianKeystore = dir.resolve(slug(clinician) + ".p12");
    for (Path file : List.of(caKeystore, caPem, trusted, clinicianKeystore)) {
      if (Files.exists(file)) {
        throw new InputException("keys init: " + file + " already exists; nothing was written" + (file == caKeystore
            ? " (the clinic has its CA: keys issue --clinician NAME -o FILE adds a clinician)" : ""));
      }
    }
    try {
      Files.createDirectories(caDir);
      Files.createDirectories(trusted.getParent());
      ClinicCa.Issued ca = ClinicCa.selfSignedCa(name(organization + " CA", organization), type, now, CA_VALIDITY);
      ClinicCa.Issued person = ClinicCa.clinician(ca, name(clinician, organization), type, now, CLINICIAN_VALIDITY);
      Pkcs12Files.write(caKeystore, "ca", ca.keys().getPrivate(), new Certificate[] {ca.certificate()}, caPassword, false);
      byte[] pem = DemoKeys.pem(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
      AtomicOutput.write(caPem, pem, false);
      AtomicOutput.write(trusted, pem, false);
      Pkcs12Files.write(clinicianKeystore, "clinician", person.keys().getPrivate(),
          new Certificate[] {person.certificate(), ca.certificate()}, clinicianPassword, false);
      Path copy = CertificateAuthority.keepIssued(caKeystore, person.certificate(), slug(clinician));
      return new Created(caKeystore, caPem, trusted, clinicianKeystore, copy, fingerprint(ca.certificate()));
    } catch (GeneralSecurityException | IOException e) {
      throw new SigningException("keys init: the keys could not be created", e);
    }
  }

  /** Another clinician certificate from the clinic CA, in its own PKCS#12 file. */
  public static Issued issue(CertificateAuthority ca, String clinician, ClinicCa.KeyType type, Secret password,
      Path out, Instant now) {
    try {
      X509Certificate caCert = ca.certificate();
      X500Name caName = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
      String organization = first(caName, BCStyle.O);
      ClinicCa.Issued issuer = new ClinicCa.Issued(new KeyPair(caCert.getPublicKey(), ca.key()), caCert);
      // The demo CA's certificates say SPECIMEN in their own name too, so that a letter they
      // sign says so wherever it is checked, with or without the CA's certificate at hand.
      X500Name subject = DemoKeys.isSpecimen(caCert) ? DemoKeys.specimenName(clinician) : name(clinician, organization);
      ClinicCa.Issued person = ClinicCa.clinician(issuer, subject, type, now, CLINICIAN_VALIDITY);
      Pkcs12Files.write(out, "clinician", person.keys().getPrivate(),
          new Certificate[] {person.certificate(), caCert}, password, false);
      return new Issued(out, CertificateAuthority.keepIssued(ca.keystore(), person.certificate(), slug(clinician)),
          first(caName, BCStyle.CN), DemoKeys.isSpecimen(caCert));
    } catch (GeneralSecurityException | IOException e) {
      throw new SigningException("keys issue: the certificate could not be created", e);
    }
  }

  /**
   * A key pair for a commercial CA: the key in a PKCS#12 file (with a self-signed placeholder
   * certificate, which PKCS#12 needs) and a PKCS#10 request to send.
   */
  public static void csr(String clinician, String organization, ClinicCa.KeyType type, Secret password, Path keystore,
      Path request, Instant now) {
    try {
      X500Name subject = name(clinician, organization);
      ClinicCa.Issued placeholder = ClinicCa.selfSignedLeaf(subject, type, now, Duration.ofDays(90));
      String algorithm = placeholder.keys().getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, placeholder.keys().getPublic())
          .build(new JcaContentSignerBuilder(algorithm).build(placeholder.keys().getPrivate()));
      Pkcs12Files.write(keystore, "clinician", placeholder.keys().getPrivate(),
          new Certificate[] {placeholder.certificate()}, password, false);
      StringWriter pem = new StringWriter();
      pem.write("-----BEGIN CERTIFICATE REQUEST-----\n");
      pem.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(csr.getEncoded()));
      pem.write("\n-----END CERTIFICATE REQUEST-----\n");
      AtomicOutput.checkNew(request, "-o");
      AtomicOutput.write(request, pem.toString().getBytes(StandardCharsets.US_ASCII), false);
    } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new SigningException("keys csr: the request could not be created", e);
    }
  }

  /** Puts the chain a CA returned next to the key it certifies; the public keys must match. */
  public static void importChain(Path keystore, Secret password, Path chainFile) {
    try {
      List<X509Certificate> chain = readCertificates(chainFile);
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password.reveal());
      } catch (IOException e) {
        throw new SigningException("keystore " + keystore + ": wrong password or not a PKCS#12 file", e);
      }
      String alias = Collections.list(store.aliases()).stream().filter(a -> {
        try {
          return store.isKeyEntry(a);
        } catch (GeneralSecurityException e) {
          return false;
        }
      }).findFirst().orElseThrow(() -> new SigningException("keystore " + keystore + " holds no key"));
      PrivateKey key = (PrivateKey) store.getKey(alias, password.reveal());
      X509Certificate mine = (X509Certificate) store.getCertificate(alias);
      if (!mine.getPublicKey().equals(chain.get(0).getPublicKey())) {
        throw new InputException("CHAIN: " + chainFile + " does not certify the key in " + keystore
            + " (put the clinician's certificate first)");
      }
      Pkcs12Files.write(keystore, alias, key, chain.toArray(new Certificate[0]), password, true);
    } catch (GeneralSecurityException | IOException e) {
      throw new SigningException("keys import: the chain could not be stored", e);
    }
  }

  /**
   * Subject, issuer, validity (and how long is left at {@code now}), key, usages and fingerprints
   * of each certificate in a file.
   */
  public static List<String> show(Path file, PasswordSource passwords, java.time.Instant now, List<Path> revocationLists) {
    List<X509Certificate> certificates;
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".p12") || name.endsWith(".pfx")) {
      certificates = new ArrayList<>();
      try (Secret password = passwords.obtain("Password for " + file.getFileName())) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
          store.load(in, password.reveal());
        } catch (IOException e) {
          throw new SigningException("keystore " + file + ": wrong password or not a PKCS#12 file", e);
        }
        for (String alias : Collections.list(store.aliases())) {
          Certificate[] chain = store.getCertificateChain(alias);
          if (chain != null) {
            for (Certificate certificate : chain) {
              certificates.add((X509Certificate) certificate);
            }
          } else if (store.getCertificate(alias) != null) {
            certificates.add((X509Certificate) store.getCertificate(alias));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new SigningException("keystore " + file + ": cannot be read", e);
      }
    } else if (isPdf(file)) {
      // A letter: its signer's certificate, as keys revoke takes it ("which key signed this?").
      certificates = List.of(signerOf(file, "FILE: " + file));
    } else {
      certificates = readCertificates(file);
    }
    return show(certificates, now, revocationLists);
  }

  /** As above, for certificates at hand (a token's chain). */
  public static List<String> show(List<X509Certificate> certificates, java.time.Instant now, List<Path> revocationLists) {
    List<String> lines = new ArrayList<>();
    for (X509Certificate certificate : certificates) {
      lines.addAll(describe(certificate, now));
      // Revoked by a list of its issuer's on this computer: letter and batch no longer sign with it.
      certificates.stream().filter(c -> c != certificate
              && c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
          .map(issuer -> KeyPolicy.revocation(certificate, issuer, revocationLists)).filter(r -> r != null).findFirst()
          .ifPresent(r -> lines.add("Revoked:     " + r.date() + " by its CA (" + r.list() + "); letters are no longer"
              + " signed with it here"));
      lines.add("");
    }
    return lines;
  }

  static List<String> describe(X509Certificate certificate, java.time.Instant now) {
    List<String> lines = new ArrayList<>();
    lines.add("Subject:     " + certificate.getSubjectX500Principal().getName());
    lines.add("Issuer:      " + certificate.getIssuerX500Principal().getName());
    lines.add("Serial:      " + certificate.getSerialNumber().toString(16));
    lines.add("Valid:       " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
        + validity(certificate, now));
    var key = certificate.getPublicKey();
    String size = key instanceof RSAKey rsa ? "RSA " + rsa.getModulus().bitLength()
        : key instanceof ECKey ec ? "EC " + ec.getParams().getOrder().bitLength() : key.getAlgorithm();
    lines.add("Key:         " + size + (certificate.getBasicConstraints() >= 0 ? " (certificate authority)" : ""));
    boolean[] usage = certificate.getKeyUsage();
    List<String> usages = new ArrayList<>();
    String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    for (int i = 0; usage != null && i < usage.length && i < names.length; i++) {
      if (usage[i]) {
        usages.add(names[i]);
      }
    }
    lines.add("Key usage:   " + (usages.isEmpty() ? "(any)" : String.join(", ", usages)));
    try {
      List<String> eku = certificate.getExtendedKeyUsage();
      lines.add("Ext. usage:  " + (eku == null ? "(any)" : String.join(", ", eku.stream().map(ClinicKeys::usageName).toList())));
      lines.add("SHA-256:     " + fingerprint(certificate));
    } catch (GeneralSecurityException e) {
      lines.add("SHA-256:     (unavailable)");
    }
    return lines;
  }

  /** A certificate authority's certificate in a trust folder, and whether this call put it there. */
  public record Kept(Path file, boolean added) {}

  /**
   * Keeps {@code authority} in {@code folder} (keys/trusted/) as PEM, named after its common name
   * and fingerprint, so verify trusts it from then on; a copy already there is left as it is.
   * Callers keep only a certificate whose fingerprint the user compared.
   */
  public static Kept keepTrusted(Path folder, X509Certificate authority) {
    try {
      String hex = fingerprint(authority).replace(":", "").toLowerCase(java.util.Locale.ROOT);
      org.bouncycastle.asn1.x500.RDN[] names =
          X500Name.getInstance(authority.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
      String name = names.length == 0 ? "ca" : names[0].getFirst().getValue().toString();
      Path file = folder.resolve(slug(name) + "-" + hex.substring(0, 16) + ".pem");
      byte[] pem = DemoKeys.pem(authority).getBytes(StandardCharsets.US_ASCII);
      if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), pem)) {
        return new Kept(file, false);
      }
      Files.createDirectories(folder);
      AtomicOutput.write(file, pem, false);
      return new Kept(file, true);
    } catch (IOException e) {
      throw new InputException("--remember: cannot write to " + folder, e);
    } catch (GeneralSecurityException e) {
      throw new InputException("--remember: the certificate authority's certificate cannot be encoded", e);
    }
  }

  /** A certificate's SHA-256 fingerprint as certificate viewers print it: upper-case hex with colons. */
  public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
        MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  // The extended key usages a signing certificate commonly carries, by name; others by number.
  private static String usageName(String oid) {
    switch (oid) {
      case "1.3.6.1.5.5.7.3.4": return "emailProtection";
      case "1.3.6.1.5.5.7.3.36": return "documentSigning";
      case "1.3.6.1.4.1.311.10.3.12": return "documentSigning (Microsoft)";
      case "1.2.840.113583.1.1.5": return "Adobe Authentic Documents";
      case "1.3.6.1.5.5.7.3.8": return "timeStamping";
      case "1.3.6.1.5.5.7.3.2": return "clientAuth";
      case "1.3.6.1.5.5.7.3.9": return "OCSPSigning";
      default: return oid;
    }
  }

  // How long it has left, so "which key, valid until when?" needs no date arithmetic.
  private static String validity(X509Certificate certificate, java.time.Instant now) {
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      return " (not yet valid)";
    }
    if (now.isAfter(certificate.getNotAfter().toInstant())) {
      return " (EXPIRED)";
    }
    long days = java.time.Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    return days == 0 ? " (expires within a day)" : days == 1 ? " (expires in 1 day)" : " (expires in " + days + " days)";
  }

  /**
   * The certificate {@code keys revoke} is given: a PEM or DER certificate file (such as the CA's
   * issued/ copy), or a letter it signed, whose signer's certificate is taken from the signature
   * — revoking needs no access to the lost or stolen key.
   */
  public static X509Certificate toRevoke(Path file, String named) {
    byte[] bytes = bounded(file, named);
    if (bytes.length >= 5 && new String(bytes, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
      return signerOf(file, named);
    }
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new InputException(named + " is neither a certificate (PEM or DER) nor a signed letter", e);
    }
  }

  private static boolean isPdf(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(5), StandardCharsets.US_ASCII).equals("%PDF-");
    } catch (IOException e) {
      return false;  // reading it as certificates names the problem
    }
  }

  // The signer of a letter's one signature (document time-stamps aside).
  private static X509Certificate signerOf(Path file, String named) {
    try (var document = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
      List<org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature> signatures = new ArrayList<>();
      for (var signature : document.getSignatureDictionaries()) {
        if (!"ETSI.RFC3161".equals(signature.getSubFilter())) {
          signatures.add(signature);
        }
      }
      if (signatures.size() != 1) {
        throw new InputException(named + (signatures.isEmpty() ? " is not signed"
            : " holds " + signatures.size() + " signatures; give the certificate to revoke instead"));
      }
      var signature = signatures.get(0);
      byte[] signed;
      try (InputStream in = Files.newInputStream(file)) {
        signed = signature.getSignedContent(in);
      }
      var cms = new org.bouncycastle.cms.CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(signed),
          signature.getContents());
      var signer = cms.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      var matches = cms.getCertificates().getMatches(signer.getSID());
      if (matches.size() != 1) {
        throw new InputException(named + ": its signature does not carry its signer's certificate");
      }
      X509Certificate certificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
          .getCertificate((org.bouncycastle.cert.X509CertificateHolder) matches.iterator().next());
      // Only a letter the key really signed names it: a file put together from a certificate
      // (every letter carries one) cannot get another clinician's certificate revoked.
      boolean verified;
      try {
        verified = signer.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(certificate));
      } catch (org.bouncycastle.cms.CMSException e) {
        verified = false;  // the digest differs, or the certificate was not valid when it signed
      }
      if (!verified) {
        throw new InputException(named + ": its signature does not verify; give the certificate to revoke instead");
      }
      return certificate;
    } catch (IOException | GeneralSecurityException | org.bouncycastle.cms.CMSException
        | org.bouncycastle.operator.OperatorCreationException | RuntimeException e) {
      if (e instanceof InputException input) {
        throw input;
      }
      throw new InputException(named + " is a PDF whose signature cannot be read", e);
    }
  }

  // A certificate file or letter, read through a limit: a device such as /dev/zero never ends,
  // and the certificate parser waited on it for ever.
  private static byte[] bounded(Path file, String named) {
    try {
      return org.accommodate.SmallFiles.read(file, org.accommodate.SmallFiles.LETTER_BYTES);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException(named + ": larger than 32 MiB; neither a certificate file nor a letter");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(named + ": no such file", e);
    } catch (IOException e) {
      throw InputException.io(named + ": cannot be read", e);
    }
  }

  static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = new java.io.ByteArrayInputStream(bounded(file, file.toString()))) {
      List<X509Certificate> list = new ArrayList<>();
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        list.add((X509Certificate) certificate);
      }
      if (list.isEmpty()) {
        throw new InputException(file + ": holds no certificate");
      }
      return list;
    } catch (IOException | GeneralSecurityException e) {
      throw new InputException(file + ": is not a PEM or DER certificate file", e);
    }
  }

  static X500Name name(String commonName, String organization) {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (organization != null && !organization.isBlank()) {
      builder.addRDN(BCStyle.O, organization);
    }
    return builder.addRDN(BCStyle.CN, commonName).build();
  }

  static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
    var rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : rdns[0].getFirst().getValue().toString();
  }

  static String slug(String text) {
    String slug = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
        .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return slug.isEmpty() ? "key" : slug;
  }
}
