package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import eu.europa.esig.dss.enumerations.Indication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.accommodate.Letters;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.EuDss;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing with a key that lives in a hardware token, through SoftHSM2 and the JDK's SunPKCS11. */
class Pkcs11CliTest {
  private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  private static final String PIN = "246813";

  private static String run(Path dir, Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    return process.exitValue() + ":" + output;
  }

  @Test
  void aLetterSignedInSoftHsmVerifiesAndPassesIndependentValidation(@TempDir Path dir) throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(Files.isRegularFile(LIBRARY), "apt-get install softhsm2");
    }
    // The letter is signed by a separate process on the real clock, so the keys are made on it too.
    new DemoKeys(dir.resolve("keys/demo"), java.time.Clock.systemUTC()).ensure(org.accommodate.keys.ClinicCa.KeyType.RSA_2048);
    Letters letters = Letters.create(java.time.Clock.systemUTC(), dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    // Dated today: the separate process signs on the real clock.
    Fixtures.write(dir, "request.yaml", Fixtures.request().replace("date: 2026-12-01\n", "")
        .replace("signed: 2026-11-30", "signed: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1))
        .replace("start: 2026-12-07", "start: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3))
        .replace("end: 2027-01-29", "end: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(40))
        .replace("expires: 2027-03-01", "expires: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(90)));
    Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + dir.resolve("tokens") + "\n"
        + "objectstore.backend = file\nlog.level = ERROR\n");
    Files.writeString(dir.resolve("pkcs11.cfg"), "name = SoftHSM\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");
    Map<String, String> env = Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString(), "TOKEN_PIN", PIN,
        PasswordSource.ENVIRONMENT_VARIABLE, PIN);

    String init = run(dir, env, List.of("softhsm2-util", "--init-token", "--free", "--label", "accommodate",
        "--pin", PIN, "--so-pin", "13572468"));
    assertTrue(init.startsWith("0:"), init);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    // The clinic copies its clinician's key into the token with keys import --pkcs11: the
    // PKCS#12 file's password as for any key command, the token's PIN from its own file.
    Fixtures.secret(dir, "pin.txt", PIN + "\n");
    Map<String, String> importing = Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString(),
        PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);
    List<String> keysImport = List.of(javaBin, "-cp", classpath, Main.class.getName(), "keys", "import", "--pkcs11",
        "pkcs11.cfg", "--keystore", "keys/demo/clinician.p12", "--pin-file", "pin.txt");
    String imported = run(dir, importing, keysImport);
    assertEquals("0:Copied the key and certificate chain of keys/demo/clinician.p12 into the token, labelled clinician\n"
        + "  Letters: accommodate letter REQUEST --pkcs11 pkcs11.cfg (the PIN comes as a key password does)\n"
        + "  The PKCS#12 file still holds the key: keep it offline as a backup, or delete it\n", imported);
    assertEquals("2:error: --key-alias: the token already holds an entry labelled clinician; choose another label\n",
        run(dir, importing, keysImport), "a label is never replaced");
    Fixtures.secret(dir, "wrong-pin.txt", "999999\n");
    List<String> wrong = new java.util.ArrayList<>(keysImport);
    wrong.set(wrong.size() - 1, "wrong-pin.txt");
    wrong.addAll(List.of("--key-alias", "second"));
    assertTrue(run(dir, importing, wrong).startsWith("4:error: --pkcs11: the token refused the PIN"));

    // Which key will sign, and until when: keys show reads the token's chain as letter does.
    String shown = run(dir, env, List.of(javaBin, "-cp", classpath, Main.class.getName(), "keys", "show", "--pkcs11",
        "pkcs11.cfg"));
    assertTrue(shown.startsWith("0:Subject:     CN=") && shown.contains("\nIssuer:      CN=Demo Clinic CA")
        && shown.contains("\nValid:       "), shown);
    assertFalse(shown.contains(PIN), "the PIN never appears in output");

    String letter = run(dir, env, List.of(javaBin, "-cp", classpath, Main.class.getName(), "letter", "request.yaml",
        "--pkcs11", "pkcs11.cfg", "-o", "token.pdf"));
    assertTrue(letter.startsWith("0:"), letter);
    assertFalse(letter.contains(PIN), "the PIN never appears in output");

    CliResult verify = CliResult.run(letters, "verify", "token.pdf", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out());
    var crl = CertificateAuthority.open(dir.resolve("keys/demo/ca.p12"), PasswordSource.fixed(DemoKeys.PASSWORD))
        .issueCrl(java.time.Instant.now());
    var reports = EuDss.validate(dir.resolve("token.pdf"), dir.resolve("keys/demo/ca.pem"), crl, java.time.Instant.now());
    assertEquals(Indication.TOTAL_PASSED, EuDss.indication(reports), reports.getXmlSimpleReport());

    String wrongPin = run(dir, Map.of("SOFTHSM2_CONF", dir.resolve("softhsm2.conf").toString(),
        PasswordSource.ENVIRONMENT_VARIABLE, "999999"), List.of(javaBin, "-cp", classpath, Main.class.getName(), "letter",
        "request.yaml", "--pkcs11", "pkcs11.cfg", "-o", "never.pdf"));
    assertTrue(wrongPin.startsWith("4:"), wrongPin);
    assertFalse(Files.exists(dir.resolve("never.pdf")));
  }
}
