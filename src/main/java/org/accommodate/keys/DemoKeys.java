package org.accommodate.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.accommodate.SigningException;
import org.accommodate.output.AtomicOutput;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The demo clinic CA and clinician key under keys/demo/: made on first use, public password,
 * and marked as a specimen in the certificate so every letter they sign says it is not valid.
 */
public final class DemoKeys {
  /** The demo keystores' password: public on purpose, these keys protect nothing. */
  public static final String PASSWORD = "demo";
  static final String SPECIMEN_UNIT = "SPECIMEN - demo key, not valid";
  public static final String CA_CERTIFICATE = "ca.pem";
  public static final String CA_KEYSTORE = "ca.p12";
  public static final String CLINICIAN_KEYSTORE = "clinician.p12";
  public static final String ALIAS = "clinician";

  private final Path directory;
  private final Clock clock;

  public DemoKeys(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  public Path directory() {
    return directory;
  }

  public Path caCertificate() {
    return directory.resolve(CA_CERTIFICATE);
  }

  public Path clinicianKeystore() {
    return directory.resolve(CLINICIAN_KEYSTORE);
  }

  public boolean exist() {
    return Files.isRegularFile(clinicianKeystore()) && Files.isRegularFile(caCertificate());
  }

  /** Creates the demo CA and clinician key unless they already exist; returns whether it did. */
  public boolean ensure(ClinicCa.KeyType type) {
    if (exist()) {
      return false;
    }
    try {
      Files.createDirectories(directory);
      ClinicCa.Issued ca = ClinicCa.selfSignedCa(
          specimenName("Demo Clinic CA"),
          type, clock.instant(), Duration.ofDays(3650));
      ClinicCa.Issued clinician = ClinicCa.clinician(ca,
          specimenName("Alex Morgan"),
          type, clock.instant(), Duration.ofDays(730));
      write(directory.resolve(CA_KEYSTORE), "ca", ca, new Certificate[] {ca.certificate()});
      write(clinicianKeystore(), ALIAS, clinician, new Certificate[] {clinician.certificate(), ca.certificate()});
      AtomicOutput.write(caCertificate(), pem(ca.certificate()).getBytes(StandardCharsets.US_ASCII), true);
      return true;
    } catch (GeneralSecurityException | IOException e) {
      throw new SigningException("could not create demo keys in " + directory, e);
    }
  }

  public KeySource keySource() {
    return new Pkcs12Keys(clinicianKeystore(), ALIAS, PasswordSource.fixed(PASSWORD));
  }

  /** The name of a demo certificate for {@code commonName}: the demo clinic's, marked SPECIMEN. */
  static X500Name specimenName(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "Demo Clinic")
        .addRDN(BCStyle.OU, SPECIMEN_UNIT)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /**
   * Whether a key with this chain signs specimens: its own certificate or any issuer's says so.
   * The demo CA's password is public, so whatever it certifies is a demo key, also a certificate
   * it issued before `keys issue` marked them, or one a user made with it some other way.
   */
  static boolean isSpecimen(List<X509Certificate> chain) {
    return chain.stream().anyMatch(DemoKeys::isSpecimen);
  }

  static boolean isSpecimen(X509Certificate certificate) {
    X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    for (var rdn : name.getRDNs(BCStyle.OU)) {
      if (SPECIMEN_UNIT.equals(rdn.getFirst().getValue().toString())) {
        return true;
      }
    }
    return false;
  }

  private static void write(Path file, String alias, ClinicCa.Issued issued, Certificate[] chain)
      throws GeneralSecurityException, IOException {
    try (Secret password = Secret.adopt(PASSWORD.toCharArray())) {
      Pkcs12Files.write(file, alias, issued.keys().getPrivate(), chain, password, true);
    }
  }

  public static String pem(X509Certificate certificate) throws GeneralSecurityException {
    StringWriter out = new StringWriter();
    out.write("-----BEGIN CERTIFICATE-----\n");
    out.write(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()));
    out.write("\n-----END CERTIFICATE-----\n");
    return out.toString();
  }

}
