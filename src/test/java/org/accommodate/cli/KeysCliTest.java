package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.Tools;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeysCliTest {
  private static final String PASSWORD = "S3cret-pass-4711";
  private static final String CA_PASSWORD = "CA-pass-0815-long";
  private static final Map<String, String> ENV = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, PASSWORD,
      PasswordSource.CA_ENVIRONMENT_VARIABLE, CA_PASSWORD);

  private static Letters setUp(Path dir, String keystore) {
    Letters letters = Fixtures.letters(dir);
    // The profile's clinician is the key's holder: keys/kim-park.p12 signs as Kim Park.
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("keystore: keys/demo/clinician.p12", "keystore: " + keystore)
        .replace("name: Sam Lee", keystore.contains("kim-park") ? "name: Kim Park" : "name: Sam Lee"));
    Fixtures.write(dir, "request.yaml", Fixtures.request());
    return letters;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa-3072", "ec-p256", "ec-p384"})
  void aClinicCaAndItsClinicianSignLettersThatVerifyAgainstKeysTrusted(String type, @TempDir Path dir) {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    CliResult init = CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside Health Partners",
        "--clinician", "Sam Lee", "--key-type", type);
    assertEquals(ExitCodes.OK, init.exitCode(), init.err());
    assertTrue(Files.isRegularFile(dir.resolve("keys/trusted/riverside-health-partners-ca.pem")));

    CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    CliResult verify = CliResult.run(letters, "verify", "out.pdf");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("Sam Lee, Riverside Health Partners"), verify.out());

    // The fingerprint init tells the clinic to publish is the CA's, and alone lets HR check a letter.
    String published = init.out().lines().filter(l -> l.contains("SHA-256 fingerprint")).findFirst().orElseThrow()
        .replaceAll(".*: ", "");
    CliResult show = CliResult.run(letters, "keys", "show", "keys/trusted/riverside-health-partners-ca.pem");
    assertTrue(show.out().contains("SHA-256:     " + published + "\n"), show.out() + published);
    CliResult pinned = CliResult.run(letters, "verify", "out.pdf", "--trust-fingerprint", published);
    assertEquals(ExitCodes.OK, pinned.exitCode(), pinned.out());
  }

  // A certificate's names are printed in every letter's signature block and shown by verify: a
  // name telling the kind of care is refused when the key is made, not at the first letter, where
  // no edit of the request or profile could mend it. Found by hand: "Lakeside Counseling".
  @Test
  void aCertificateNameTellingTheKindOfCareIsRefusedWhenTheKeyIsMade(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    String advice = "; every letter signed with this certificate prints it in its signature block, and verify shows it"
        + " to the employer: choose a name that says nothing about the kind of care";
    CliResult blocked = CliResult.run(letters, ENV, "keys", "init", "--org", "Harbor Methadone Clinic", "--clinician",
        "Sam Lee", "--accept-warnings");
    assertEquals(ExitCodes.PRIVACY, blocked.exitCode());
    assertEquals("error: --org: names a treatment setting or level of care [setting] (BLOCK, rule en:111)" + advice + "\n",
        blocked.err());
    CliResult warned = CliResult.run(letters, ENV, "keys", "init", "--org", "Lakeside Counseling", "--clinician", "Sam Lee");
    assertEquals(ExitCodes.PRIVACY, warned.exitCode());
    assertEquals("error: --org: names a therapy or a mental-health role [therapy] (WARN, rule en:174)" + advice
        + ", or pass --accept-warnings if it is harmless (each letter will then need it too)\n", warned.err());
    assertFalse(Files.exists(dir.resolve("keys/ca")) || Files.exists(dir.resolve("keys/sam-lee.p12")), "nothing made");
    CliResult csr = CliResult.run(letters, ENV, "keys", "csr", "--clinician", "Sam Lee", "--org", "Harbor Methadone Clinic",
        "--keystore", "sam.p12", "-o", "sam.csr");
    assertEquals(ExitCodes.PRIVACY, csr.exitCode(), csr.err());
    assertFalse(Files.exists(dir.resolve("sam.p12")) || Files.exists(dir.resolve("sam.csr")));

    // Accepted, the key is made; each letter then meets the same warning in its signature block,
    // which it says no request or profile edit can mend.
    CliResult accepted = CliResult.run(letters, ENV, "keys", "init", "--org", "Lakeside Counseling", "--clinician",
        "Sam Lee", "--accept-warnings");
    assertEquals(ExitCodes.OK, accepted.exitCode(), accepted.err());
    CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "out.pdf");
    assertEquals(ExitCodes.PRIVACY, letter.exitCode());
    assertEquals("error: signature block: names a therapy or a mental-health role [therapy] (WARN, rule en:174); the"
        + " block prints the signing certificate's names: sign with a key whose certificate names no such term (keys"
        + " issue), or pass --accept-warnings if it is harmless here (recorded)\n", letter.err());
    assertFalse(Files.exists(dir.resolve("out.pdf")));
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "out.pdf", "--accept-warnings")
        .exitCode());
    CliResult issue = CliResult.run(letters, ENV, "keys", "issue", "--clinician", "Sam Lee, Detox Unit", "-o", "unit.p12");
    assertEquals(ExitCodes.PRIVACY, issue.exitCode(), issue.err());
    assertTrue(issue.err().startsWith("error: --clinician: names a treatment setting"), issue.err());
    assertFalse(Files.exists(dir.resolve("unit.p12")));
  }

  private static String idOf(Letters letters, String letter) {
    return CliResult.run(letters, "verify", letter, "--json").out().replaceAll("(?s).*\"letterId\":\"([^\"]+)\".*", "$1");
  }

  // Once keys revoke has listed a clinician's certificate, this computer signs nothing more with
  // it: each letter would disclose the patient's information only to verify INVALID. A list in
  // that place that the clinic's CA did not sign (another CA of the same name) is passed over.
  @Test
  void aRevokedKeySignsNoMoreLettersHere(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside Health Partners",
        "--clinician", "Sam Lee").exitCode());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "a.pdf").exitCode());

    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "keys", "init", "--dir", "other", "--org",
        "Riverside Health Partners", "--clinician", "Sam Lee").exitCode());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "keys", "revoke", "--ca", "other/ca/ca.p12", "a.pdf").exitCode(),
        "the impostor CA bears the clinic CA's name");
    Files.copy(dir.resolve("other/ca/ca.crl"), dir.resolve("keys/ca/ca.crl"));
    CliResult impostor = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "b.pdf");
    assertEquals(ExitCodes.OK, impostor.exitCode(), "a list the clinic's CA did not sign: " + impostor.err());

    CliResult revoke = CliResult.run(letters, ENV, "keys", "revoke", "a.pdf");
    assertEquals(ExitCodes.OK, revoke.exitCode(), revoke.err());
    // The clinic learns which patients' letters no longer count (found by hand: it did not say).
    String a = idOf(letters, "a.pdf");
    String b = idOf(letters, "b.pdf");
    assertTrue(revoke.out().contains("  ledger.jsonl records 2 letters signed with this certificate (" + a + ", " + b
        + "). Those without a trusted time-stamp now verify INVALID wherever this list is checked: their patients need"
        + " letters signed again."), revoke.out());
    // A ledger cut short cannot list them, and says so rather than nothing.
    List<String> entries = Files.readAllLines(dir.resolve("ledger.jsonl"));
    Files.write(dir.resolve("ledger.jsonl"), entries.subList(0, entries.size() - 1));
    CliResult again = CliResult.run(letters, ENV, "keys", "revoke", "a.pdf");
    assertTrue(again.out().contains("  The letters this certificate signed are not listed: ledger "), again.out());
    Files.write(dir.resolve("ledger.jsonl"), entries);
    CliResult revoked = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "c.pdf");
    assertEquals(ExitCodes.SIGNING, revoked.exitCode());
    assertTrue(revoked.err().matches("error: signing certificate: revoked by its CA on 2026-12-01T15:00:00Z \\(ca.crl\\);"
        + " letters it signs would verify INVALID: sign with another clinician key \\(keys issue\\)\n"), revoked.err());
    assertFalse(Files.exists(dir.resolve("c.pdf")));
    CliResult batch = CliResult.run(letters, ENV, "batch", "request.yaml", "--out-dir", "out");
    assertEquals(ExitCodes.SIGNING, batch.exitCode());
    assertFalse(Files.exists(dir.resolve("out")), "stopped before the folder is made");
    String shown = CliResult.run(letters, ENV, "keys", "show").out();
    assertTrue(shown.contains("\nRevoked:     2026-12-01T15:00:00Z by its CA (" + dir.resolve("keys/ca/ca.crl")
        + "); letters are no longer signed with it here\n"), shown);
    assertEquals(1, shown.split("Revoked:", -1).length - 1, "the clinician's certificate only: " + shown);
  }

  @Test
  void openSsl3ReadsTheFilesAsPbes2WithAes256WithoutLegacy(@TempDir Path dir) {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee").exitCode());
    for (String[] file : new String[][] {{"keys/sam-lee.p12", PASSWORD}, {"keys/ca/ca.p12", CA_PASSWORD}}) {
      String info = Tools.run("openssl", "pkcs12", "-info", "-noout", "-in", dir.resolve(file[0]).toString(),
          "-passin", "pass:" + file[1]);
      assertTrue(info.contains("PBES2, PBKDF2, AES-256-CBC"), info);
      assertTrue(info.contains("MAC: sha256"), info);
    }
  }

  // A clinic that ran the demo has two CAs under keys/. keys issue, revoke and crl take the
  // clinic's unless told otherwise: taking the demo CA by default, keys issue once gave such a
  // clinic a key whose letters verified without a SPECIMEN mark, from a CA whose password is
  // public. Whatever the demo CA certifies now signs specimens, also a certificate it issued
  // before keys issue marked them.
  @Test
  void theDemoCaIsNeverTakenByDefaultAndWhatItCertifiesSignsSpecimens(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, "keys/kim-park.p12");
    for (String[] command : new String[][] {{"keys", "issue", "--clinician", "Kim Park", "-o", "keys/kim-park.p12"},
        {"keys", "crl"}, {"keys", "revoke", "keys/demo/ca.pem"}}) {
      CliResult refused = CliResult.run(letters, ENV, command);
      assertEquals(ExitCodes.USAGE, refused.exitCode(), String.join(" ", command));
      assertTrue(refused.err().startsWith("error: --ca: no clinic CA at keys/ca/ca.p12, where keys init puts it;"),
          refused.err());
    }
    assertFalse(Files.exists(dir.resolve("keys/kim-park.p12")));

    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee").exitCode());
    CliResult issue = CliResult.run(letters, ENV, "keys", "issue", "--clinician", "Kim Park", "-o", "keys/kim-park.p12");
    assertEquals(ExitCodes.OK, issue.exitCode(), issue.err());
    assertTrue(issue.out().startsWith("Issued a clinician certificate from Riverside CA: "), issue.out());
    assertFalse(issue.out().contains("SPECIMEN"), issue.out());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "clinic.pdf").exitCode());
    assertFalse(letterText(dir.resolve("clinic.pdf")).contains("SPECIMEN"));

    // The demo CA, named: a certificate marked as a specimen, and said so.
    CliResult demo = CliResult.run(letters, ENV, "keys", "issue", "--ca", "keys/demo/ca.p12", "--clinician", "Kim Park",
        "-o", "keys/kim-demo.p12");
    assertEquals(ExitCodes.OK, demo.exitCode(), demo.err());
    assertTrue(demo.out().contains("Demo Clinic CA"), demo.out());
    assertTrue(demo.out().contains("every letter this key signs says SPECIMEN"), demo.out());
    // One the demo CA issued without the mark, as keys issue did before.
    KeyStore demoCa = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("keys/demo/ca.p12"))) {
      demoCa.load(in, DemoKeys.PASSWORD.toCharArray());
    }
    X509Certificate caCert = (X509Certificate) demoCa.getCertificate("ca");
    org.accommodate.keys.ClinicCa.Issued unmarked = org.accommodate.keys.ClinicCa.clinician(
        new org.accommodate.keys.ClinicCa.Issued(new java.security.KeyPair(caCert.getPublicKey(),
            (PrivateKey) demoCa.getKey("ca", DemoKeys.PASSWORD.toCharArray())), caCert),
        new org.bouncycastle.asn1.x500.X500Name("O=Demo Clinic,CN=Kim Park"),
        org.accommodate.keys.ClinicCa.KeyType.RSA_2048, Fixtures.CLOCK.instant(), Duration.ofDays(30));
    KeyStore old = KeyStore.getInstance("PKCS12");
    old.load(null, null);
    old.setKeyEntry("clinician", unmarked.keys().getPrivate(), PASSWORD.toCharArray(),
        new java.security.cert.Certificate[] {unmarked.certificate(), caCert});
    try (var out = Files.newOutputStream(dir.resolve("keys/kim-old.p12"))) {
      old.store(out, PASSWORD.toCharArray());
    }
    for (String keystore : List.of("keys/kim-demo.p12", "keys/kim-old.p12")) {
      CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "--keystore", keystore, "-o",
          keystore.replace("keys/", "").replace(".p12", ".pdf"));
      assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
      assertTrue(letterText(dir.resolve(keystore.replace("keys/", "").replace(".p12", ".pdf")))
          .contains("SPECIMEN"), keystore);
      // verify says so too, to anyone who trusts the demo CA, also for the certificate unmarked itself.
      CliResult verify = CliResult.run(letters, "verify", keystore.replace("keys/", "").replace(".p12", ".pdf"),
          "--trust", "keys/demo/ca.pem");
      assertTrue(verify.out().contains("\n  - A demo key signed it (its certificates say SPECIMEN): the letter shows what"
          + " letters look like and vouches for nothing; no employer should act on it.\n"), verify.out());
    }
    assertFalse(CliResult.run(letters, "verify", "clinic.pdf").out().contains("demo key"), "a clinic's letter");
  }

  private static String letterText(Path pdf) throws IOException {
    return org.accommodate.pdf.PdfExposure.of(Files.readAllBytes(pdf)).get("letter text");
  }

  @Test
  void keysIssueMakesAnotherClinicianWhoseLettersVerify(@TempDir Path dir) {
    Letters letters = setUp(dir, "keys/kim-park.p12");
    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee").exitCode());
    // A second clinician is not a second init: that is refused, saying what adds one.
    CliResult again = CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Kim Park");
    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertEquals("error: keys init: " + dir.resolve("keys/ca/ca.p12") + " already exists; nothing was written (the clinic"
        + " has its CA: keys issue --clinician NAME -o FILE adds a clinician)\n", again.err());
    CliResult issue = CliResult.run(letters, ENV, "keys", "issue", "--ca", "keys/ca/ca.p12", "--clinician", "Kim Park",
        "-o", "keys/kim-park.p12");
    assertEquals(ExitCodes.OK, issue.exitCode(), issue.err());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "k.pdf").exitCode());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "k.pdf").exitCode());

    CliResult show = CliResult.run(letters, ENV, "keys", "show", "keys/kim-park.p12");
    assertTrue(show.out().contains("CN=Kim Park"), show.out());
    assertTrue(show.out().contains("Key usage:   digitalSignature, nonRepudiation"), show.out());
    assertTrue(show.out().contains("Ext. usage:  emailProtection, documentSigning (Microsoft)"), show.out());
    assertTrue(show.out().matches("(?s).*\\nValid: .* to .* \\(expires in \\d+ days\\)\\n.*"), show.out());
    assertTrue(show.out().contains("SHA-256:"), show.out());
    assertFalse(show.out().contains("PRIVATE"), show.out());
    // A letter: the certificate that signed it, as keys revoke takes it.
    CliResult signer = CliResult.run(letters, "keys", "show", "k.pdf");
    assertEquals(ExitCodes.OK, signer.exitCode(), signer.err());
    assertTrue(show.out().startsWith(signer.out()), signer.out() + "\n---\n" + show.out());

    // Without a file: the key the clinic profile signs with; --keystore as the other commands say it.
    CliResult signing = CliResult.run(letters, ENV, "keys", "show");
    assertEquals(ExitCodes.OK, signing.exitCode(), signing.err());
    assertTrue(signing.out().contains("CN=Kim Park"), signing.out());
    CliResult named = CliResult.run(letters, ENV, "keys", "show", "--keystore", "keys/sam-lee.p12");
    assertTrue(named.out().contains("CN=Sam Lee"), named.out());
    CliResult twice = CliResult.run(letters, ENV, "keys", "show", "keys/sam-lee.p12", "--keystore", "keys/kim-park.p12");
    assertEquals(ExitCodes.USAGE, twice.exitCode());
    assertTrue(twice.err().startsWith("error: --keystore: give the file once"), twice.err());
  }

  // keys show says how long a certificate has left, or that it has none.
  @Test
  void keysShowSaysHowLongACertificateHasLeft(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    java.time.Instant now = Fixtures.CLOCK.instant();
    // start and validity in hours (the CA backdates the start a little for clocks that lag)
    String[][] cases = {{"-9600", "8760", "(EXPIRED)"}, {"72", "8760", "(not yet valid)"},
        {"-240", "972", "(expires in 30 days)"}, {"-48", "60", "(expires within a day)"}};
    for (String[] c : cases) {
      var issued = org.accommodate.keys.ClinicCa.selfSignedCa(new org.bouncycastle.asn1.x500.X500Name("CN=Test CA"),
          org.accommodate.keys.ClinicCa.KeyType.EC_P256, now.plus(Duration.ofHours(Long.parseLong(c[0]))),
          Duration.ofHours(Long.parseLong(c[1])));
      Files.writeString(dir.resolve("ca.pem"), DemoKeys.pem(issued.certificate()));
      CliResult show = CliResult.run(letters, "keys", "show", "ca.pem");
      assertEquals(ExitCodes.OK, show.exitCode(), show.err());
      assertTrue(show.out().lines().anyMatch(l -> l.startsWith("Valid:") && l.endsWith(c[2])), c[2] + ": " + show.out());
    }
  }

  @Test
  void aCommercialCasAnswerIsImportedNextToTheKey(@TempDir Path dir) throws Exception {
    Letters letters = setUp(dir, "keys/request.p12");
    Files.createDirectories(dir.resolve("keys"));
    CliResult csr = CliResult.run(letters, ENV, "keys", "csr", "--clinician", "Sam Lee", "--org", "Riverside",
        "--keystore", "keys/request.p12", "-o", "sam.csr");
    assertEquals(ExitCodes.OK, csr.exitCode(), csr.err());
    // A second request into the same key file is refused by the option that named it; keys
    // commands have no --force, so the message does not offer one.
    CliResult again = CliResult.run(letters, ENV, "keys", "csr", "--clinician", "Sam Lee", "--org", "Riverside",
        "--keystore", "keys/request.p12", "-o", "sam2.csr");
    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertEquals("error: --keystore: " + dir.resolve("keys/request.p12") + " already exists; choose another name"
        + " (it is never replaced)", again.err().strip());

    // The "commercial CA" here is the demo CA, signing the request as a CA would.
    PKCS10CertificationRequest request;
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(dir.resolve("sam.csr")))) {
      request = (PKCS10CertificationRequest) parser.readObject();
    }
    KeyStore ca = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("keys/demo/ca.p12"))) {
      ca.load(in, DemoKeys.PASSWORD.toCharArray());
    }
    X509Certificate caCert = (X509Certificate) ca.getCertificate("ca");
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
        new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(caCert).getSubject(), BigInteger.valueOf(77),
        Date.from(Fixtures.CLOCK.instant().minus(Duration.ofDays(1))), Date.from(Fixtures.CLOCK.instant().plus(Duration.ofDays(365))),
        request.getSubject(), request.getSubjectPublicKeyInfo());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    X509Certificate issued = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build((PrivateKey) ca.getKey("ca", DemoKeys.PASSWORD.toCharArray()))));
    Files.writeString(dir.resolve("chain.pem"), DemoKeys.pem(issued) + DemoKeys.pem(caCert));

    CliResult imported = CliResult.run(letters, ENV, "keys", "import", "chain.pem", "--keystore", "keys/request.p12");
    assertEquals(ExitCodes.OK, imported.exitCode(), imported.err());
    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "c.pdf").exitCode());
    assertEquals(ExitCodes.OK, CliResult.run(letters, "verify", "c.pdf", "--trust", "keys/demo/ca.pem").exitCode());

    Files.writeString(dir.resolve("other.pem"), DemoKeys.pem(caCert));
    CliResult wrong = CliResult.run(letters, ENV, "keys", "import", "other.pem", "--keystore", "keys/request.p12");
    assertEquals(ExitCodes.USAGE, wrong.exitCode());
    assertTrue(wrong.err().contains("does not certify the key"), wrong.err());

    // keys import takes a chain into the file, or (--pkcs11) the file's key into a token: one at a time.
    for (String[] usage : new String[][] {
        {"keys", "import", "--keystore", "keys/request.p12"},
        {"keys", "import", "chain.pem", "--keystore", "keys/request.p12", "--pkcs11", "token.cfg"},
        {"keys", "import", "chain.pem", "--keystore", "keys/request.p12", "--pin-file", "pin.txt"}}) {
      CliResult refused = CliResult.run(letters, ENV, usage);
      assertEquals(ExitCodes.USAGE, refused.exitCode(), String.join(" ", usage));
      assertTrue(refused.err().startsWith(usage.length == 4 ? "error: CHAIN: required"
          : usage[5].equals("--pkcs11") ? "error: CHAIN: not with --pkcs11" : "error: --pin-file: only with --pkcs11"),
          refused.err());
    }
  }

  @Test
  void aLegacyPkcs12FileIsReadButItsKeyStillSigns(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "legacy.p12");
    String source = dir.resolve("keys/demo/clinician.p12").toString();
    String certs = Tools.run("openssl", "pkcs12", "-in", source, "-passin", "pass:demo", "-nokeys", "-clcerts");
    String key = Tools.run("openssl", "pkcs12", "-in", source, "-passin", "pass:demo", "-nocerts", "-nodes");
    Files.writeString(dir.resolve("c.pem"), certs);
    Files.writeString(dir.resolve("k.pem"), key);
    Tools.run("openssl", "pkcs12", "-export", "-legacy", "-in", dir.resolve("c.pem").toString(), "-inkey",
        dir.resolve("k.pem").toString(), "-passout", "pass:" + PASSWORD, "-out", dir.resolve("legacy.p12").toString());
    Files.delete(dir.resolve("k.pem"));

    CliResult letter = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "l.pdf");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
  }

  @Test
  void anExpiredCertificateIsRefusedBeforeSigning(@TempDir Path dir) {
    setUp(dir, "keys/demo/clinician.p12");
    Letters later = Letters.create(Clock.offset(Fixtures.CLOCK, Duration.ofDays(365 * 3)), dir);
    // A request that is itself valid three years on, so only the certificate is out of date.
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("date: 2026-12-01\n", "")
        .replace("start: 2026-12-07", "start: 2029-12-10").replace("end: 2027-01-29", "end: 2030-01-25")
        .replace("signed: 2026-11-30", "signed: 2029-11-20").replace("expires: 2027-03-01", "expires: 2030-03-01"));
    CliResult result = CliResult.run(later, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "letter", "request.yaml", "-o", "late.pdf");
    assertEquals(ExitCodes.SIGNING, result.exitCode(), result.err());
  }

  @Test
  void aCaCertificateIsNeverUsedToSignLetters(@TempDir Path dir) {
    Letters letters = setUp(dir, "keys/demo/ca.p12");
    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD),
        "letter", "request.yaml", "-o", "ca.pdf");
    assertEquals(ExitCodes.SIGNING, result.exitCode());
    assertTrue(result.err().startsWith("error: signing certificate: is a CA certificate"), result.err());
  }

  @Test
  void passwordsNeverAppearInOutputOrInAnyFileWritten(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    Fixtures.secret(dir, "pw.txt", PASSWORD + "\n");
    Fixtures.secret(dir, "capw.txt", CA_PASSWORD + "\n");
    CliResult init = CliResult.run(letters, Map.of(), "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee",
        "--password-file", "pw.txt", "--ca-password-file", "capw.txt");
    CliResult letter = CliResult.run(letters, Map.of(), "letter", "request.yaml", "-o", "p.pdf", "--password-file", "pw.txt");
    CliResult wrong = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "Wrong-" + PASSWORD),
        "letter", "request.yaml", "-o", "q.pdf");
    assertEquals(0, init.exitCode(), init.err());
    assertEquals(0, letter.exitCode(), letter.err());
    assertEquals(ExitCodes.SIGNING, wrong.exitCode());
    for (CliResult result : new CliResult[] {init, letter, wrong}) {
      assertFalse((result.out() + result.err()).contains(PASSWORD) || (result.out() + result.err()).contains(CA_PASSWORD));
    }
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().endsWith("pw.txt")) {
          continue;
        }
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(PASSWORD) || content.contains(CA_PASSWORD), file.toString());
      }
    }
  }

  @Test
  void aShortNewPasswordIsRefused(@TempDir Path dir) {
    Letters letters = setUp(dir, "keys/x.p12");
    CliResult result = CliResult.run(letters, Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "short",
        PasswordSource.CA_ENVIRONMENT_VARIABLE, CA_PASSWORD), "keys", "init", "--org", "R", "--clinician", "S");
    assertEquals(ExitCodes.SIGNING, result.exitCode());
    assertFalse(Files.exists(dir.resolve("keys/ca/ca.p12")));
  }

  // Each missing password is asked for by the option of the command that needs it.
  @Test
  void aMissingPasswordNamesTheOptionThatGivesIt(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    Fixtures.secret(dir, "pw.txt", PASSWORD + "\n");
    CliResult init = CliResult.run(letters, Map.of(), "keys", "init", "--org", "R", "--clinician", "Sam Lee",
        "--password-file", "pw.txt");
    assertEquals(ExitCodes.SIGNING, init.exitCode());
    assertEquals("error: no CA key password: use --ca-password-file FILE, set ACCOMMODATE_CA_PASSWORD, or run with"
        + " standard input and output on a terminal to be asked\n", init.err());
    assertFalse(Files.exists(dir.resolve("keys/ca")));
    assertFalse(Files.exists(dir.resolve("keys/sam-lee.p12")));

    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "R", "--clinician", "Sam Lee").exitCode());
    CliResult issue = CliResult.run(letters, Map.of(PasswordSource.CA_ENVIRONMENT_VARIABLE, CA_PASSWORD), "keys", "issue",
        "--ca", "keys/ca/ca.p12", "--clinician", "Kim Park", "-o", "keys/kim-park.p12");
    assertTrue(issue.err().startsWith("error: no key password: use --key-password-file FILE, set ACCOMMODATE_KEY_PASSWORD"),
        issue.err());
    // keys issue names the new key's file --password-file as keys init does (found by hand: refused
    // as an unknown option), or --key-password-file beside --ca-password-file.
    Fixtures.secret(dir, "kim.txt", "Kim-pass-2468\n");
    CliResult named = CliResult.run(letters, Map.of(PasswordSource.CA_ENVIRONMENT_VARIABLE, CA_PASSWORD), "keys", "issue",
        "--clinician", "Kim Park", "-o", "keys/kim-park.p12", "--password-file", "kim.txt");
    assertEquals(ExitCodes.OK, named.exitCode(), named.err());
    CliResult crl = CliResult.run(letters, Map.of(), "keys", "crl", "--ca", "keys/ca/ca.p12");
    assertTrue(crl.err().startsWith("error: no CA key password: use --ca-password-file FILE"), crl.err());
    CliResult letter = CliResult.run(letters, Map.of(), "letter", "request.yaml", "-o", "x.pdf");
    assertTrue(letter.err().startsWith("error: no key password: use --password-file FILE"), letter.err());
  }

  // A certificate's names print on every letter its key signs and in every verify report: a line
  // break in one was issued (keys show printed "CN=Kim" and "Park" on two lines).
  @Test
  void certificateNamesArePlainText(@TempDir Path dir) {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    CliResult init = CliResult.run(letters, ENV, "keys", "init", "--org", "Acme\u202eX", "--clinician", "Sam Lee");
    assertEquals("error: --org: contains control or text-direction override characters\n", init.err());
    assertFalse(Files.exists(dir.resolve("keys/ca")));
    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "R", "--clinician", " Sam Lee ").exitCode());
    for (String[] bad : new String[][] {{"Kim\nPark", "contains control or text-direction override characters"},
        {" ", "must not be empty"}, {"K".repeat(65), "is longer than 64 characters (the limit of a certificate's names)"}}) {
      CliResult issue = CliResult.run(letters, ENV, "keys", "issue", "--ca", "keys/ca/ca.p12", "--clinician", bad[0],
          "-o", "keys/kim.p12");
      assertEquals(ExitCodes.USAGE, issue.exitCode(), issue.err());
      assertEquals("error: --clinician: " + bad[1] + "\n", issue.err());
    }
    assertFalse(Files.exists(dir.resolve("keys/kim.p12")));
  }

  // A clinician's laptop is lost: the clinic revokes the certificate from the CA's copy, or from
  // any letter it signed, without the key; verify then calls the letter's signature revoked.
  @Test
  void aLostKeysCertificateIsRevokedFromTheCasCopyOrFromALetter(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/kim-park.p12");
    CliResult init = CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee");
    assertEquals(0, init.exitCode(), init.err());
    CliResult issue = CliResult.run(letters, ENV, "keys", "issue", "--ca", "keys/ca/ca.p12", "--clinician", "Kim Park",
        "-o", "keys/kim-park.p12");
    assertEquals(ExitCodes.OK, issue.exitCode(), issue.err());
    List<Path> copies;
    try (var files = Files.list(dir.resolve("keys/ca/issued"))) {
      copies = files.sorted().toList();
    }
    assertEquals(2, copies.size(), copies.toString());
    Path kim = copies.stream().filter(p -> p.getFileName().toString().startsWith("kim-park-")).findFirst().orElseThrow();
    assertTrue(issue.out().contains("The CA's copy, to revoke it if the key is lost: " + kim), issue.out());
    assertTrue(init.out().contains("keys/ca/issued/sam-lee-"), init.out());
    CliResult shown = CliResult.run(letters, "keys", "show", kim.toString());
    String serial = kim.getFileName().toString().replaceAll("^kim-park-|\\.pem$", "");
    assertTrue(shown.out().contains("Serial:      " + serial + "\n"), shown.out());

    assertEquals(ExitCodes.OK, CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "k.pdf").exitCode());
    Files.delete(dir.resolve("keys/kim-park.p12"));  // lost with the laptop
    // A letter changed after signing names no one: its certificate may have been pasted in.
    byte[] changed = Files.readAllBytes(dir.resolve("k.pdf"));
    assertEquals('%', changed[9]);  // the binary comment under the header: signed, read by no one
    changed[11] ^= 1;
    Files.write(dir.resolve("changed.pdf"), changed);
    CliResult refused = CliResult.run(letters, ENV, "keys", "revoke", "changed.pdf", "--ca", "keys/ca/ca.p12");
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.out());
    assertEquals("error: CERT: changed.pdf: its signature does not verify; give the certificate to revoke instead\n",
        refused.err());
    assertFalse(Files.exists(dir.resolve("keys/ca/revoked.txt")));
    CliResult revoke = CliResult.run(letters, ENV, "keys", "revoke", "k.pdf", "--ca", "keys/ca/ca.p12");
    assertEquals(ExitCodes.OK, revoke.exitCode(), revoke.err());
    assertTrue(revoke.out().startsWith("Revoked CN=Kim Park,O=Riverside (serial " + serial + "); fresh CRL written to "),
        revoke.out());
    CliResult again = CliResult.run(letters, ENV, "keys", "revoke", kim.toString(), "--ca", "keys/ca/ca.p12");
    assertTrue(again.out().startsWith("Already revoked: CN=Kim Park,O=Riverside"), again.out());

    CliResult verify = CliResult.run(letters, "verify", "k.pdf", "--crl", "keys/ca/ca.crl");
    assertEquals(ExitCodes.MODIFIED_OR_INVALID, verify.exitCode(), verify.out());
    assertTrue(verify.out().contains("Revocation: REVOKED by the issuer"), verify.out());

    Files.writeString(dir.resolve("note.txt"), "not a certificate");
    CliResult wrong = CliResult.run(letters, ENV, "keys", "revoke", "note.txt", "--ca", "keys/ca/ca.p12");
    assertEquals(ExitCodes.USAGE, wrong.exitCode());
    assertEquals("error: CERT: note.txt is neither a certificate (PEM or DER) nor a signed letter\n", wrong.err());
  }

  // "Sincerely, Sam Lee" above "Digitally signed by Kim Park" is a letter nobody vouches for: the
  // letter is refused before it is written. Titles, case and word order in the certificate do not
  // matter.
  @Test
  void aLetterIsSignedByTheClinicianItNames(@TempDir Path dir) throws IOException {
    Letters letters = setUp(dir, "keys/sam-lee.p12");
    assertEquals(0, CliResult.run(letters, ENV, "keys", "init", "--org", "Riverside", "--clinician", "Dr. LEE, Sam")
        .exitCode());
    Files.move(dir.resolve("keys/dr-lee-sam.p12"), dir.resolve("keys/sam-lee.p12"));
    CliResult own = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "own.pdf");
    assertEquals(ExitCodes.OK, own.exitCode(), own.err());

    assertEquals(0, CliResult.run(letters, ENV, "keys", "issue", "--ca", "keys/ca/ca.p12", "--clinician", "Kim Park",
        "-o", "keys/kim-park.p12").exitCode());
    CliResult other = CliResult.run(letters, ENV, "letter", "request.yaml", "-o", "other.pdf", "--keystore", "keys/kim-park.p12");
    assertEquals(ExitCodes.SIGNING, other.exitCode());
    assertEquals("error: signing certificate: it is Kim Park's, but the letter is signed as Sam Lee (profile clinician.name);"
        + " sign with that clinician's own key, or use the profile of the key's holder\n", other.err());
    assertFalse(Files.exists(dir.resolve("other.pdf")));
    CliResult batch = CliResult.run(letters, ENV, "batch", "request.yaml", "--out-dir", "out", "--keystore", "keys/kim-park.p12");
    assertEquals(ExitCodes.SIGNING, batch.exitCode(), batch.err());
    assertTrue(batch.err().startsWith("error: signing certificate: it is Kim Park's"), batch.err());
    assertFalse(Files.exists(dir.resolve("out")), "a refused batch leaves no folder");
  }
}
