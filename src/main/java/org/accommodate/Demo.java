package org.accommodate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.ClinicCa;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.KeySource;
import org.accommodate.keys.PasswordSource;
import org.accommodate.output.AtomicOutput;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.Language;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.ProfileReader;

/**
 * The demo: a built-in request and clinic profile, and demo keys made on first use, so that the
 * whole pipeline can be run before anything is set up. Its letters are marked SPECIMEN.
 */
public final class Demo {
  private static final String FOLDER = "org/accommodate/demo/";

  private final Letters letters;

  Demo(Letters letters) {
    this.letters = letters;
  }

  /**
   * Issues the demo letter in {@code language}, with the patient's copy in {@code copyLanguage}
   * beside it (none when null); the demo keys and profile stand in for those not given.
   */
  public Letters.WithCopy issue(IssueOptions options, KeySource keys, ClinicProfile profile, Language language,
      Language copyLanguage) {
    KeySource source = keys != null ? keys : keySource();
    ClinicProfile chosen = profile != null ? profile : profile();
    return letters.issue(request(language, chosen), chosen, source, options, copyLanguage, "--patient-copy");
  }

  /**
   * The demo request in English or Spanish (its free text too); its authorization meets the laws
   * the profile it goes with asks for (a Part 2 consent for a Part 2 program, California's form
   * for a California clinic).
   */
  public LetterRequest request(Language language, ClinicProfile profile) {
    return letters.readBuiltIn(requestText(language, profile).getBytes(StandardCharsets.UTF_8), "demo-request.yaml");
  }

  private String requestText(Language language, ClinicProfile profile) {
    boolean spanish = language == Language.ES;
    LocalDate today = LocalDate.now(letters.clock());
    LocalDate start = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    return Letters.resource(FOLDER + "request.yaml")
        .replace("{START}", start.toString())
        .replace("{SIGNED}", today.minusDays(2).toString())
        .replace("{EXPIRES}", start.plusWeeks(8).plusDays(30).toString())
        .replace("{LANGUAGE}", language.keyword())
        .replace("{REGIMES}", "[hipaa" + (profile.part2Program() ? ", part2" : "")
            + (profile.inCalifornia() ? ", ca-cmia" : "") + "]")
        .replace("{DETAILS}", spanish ? "Comenzar a trabajar a la 1:00 p. m. esos días y terminar a las 9:30 p. m."
            : "Start work at 1:00 p.m. on these days and work until 9:30 p.m.");
  }

  /**
   * Writes {@code count} copies of the demo request (demo-0001.yaml, …) into {@code folder}, each
   * with its own patient and authorization reference: the input of a batch of demo letters, in
   * {@code language}, each asking for the patient's copy in {@code copyLanguage} when not null.
   */
  public void writeRequests(int count, Path folder, ClinicProfile profile, Language language, Language copyLanguage) {
    String text = requestText(language, profile)
        + (copyLanguage == null ? "" : "patient_copy: " + copyLanguage.keyword() + "\n");
    try {
      Files.createDirectories(folder);
      for (int i = 1; i <= count; i++) {
        String number = String.format("%04d", i);
        Files.writeString(folder.resolve("demo-" + number + ".yaml"), text
            .replace("MRN-0042", "MRN-" + number).replace("AUTH-DEMO-0001", "AUTH-DEMO-" + number));
      }
    } catch (IOException e) {
      throw new InputException("--letters: cannot write the demo requests", e);
    }
  }

  /**
   * Writes the authorization form the demo patient would sign (see {@link Forms}) to {@code
   * output}: in {@code copyLanguage}, the patient's, when given, else in {@code language}.
   */
  public Forms.Written authorizationForm(ClinicProfile profile, Language language, Language copyLanguage, Path output,
      boolean force) {
    ClinicProfile chosen = profile != null ? profile : profile();
    Forms forms = letters.forms();
    byte[] request = requestText(language, chosen).getBytes(StandardCharsets.UTF_8);
    return forms.write(forms.readBuiltIn(request, "demo-request.yaml"), chosen, copyLanguage, false, output, force, "-o");
  }

  /** The demo keys (made on first use) as a key source. */
  public KeySource keySource() {
    DemoKeys demo = letters.demoKeys();
    demo.ensure(ClinicCa.KeyType.RSA_3072);
    return demo.keySource();
  }

  /** The demo clinic's profile. */
  public ClinicProfile profile() {
    return new ProfileReader().read(Letters.resource(FOLDER + "clinic.yaml").getBytes(StandardCharsets.UTF_8),
        "demo-clinic.yaml", letters.workDir());
  }

  /** The demo CA issues a fresh CRL into keys/demo/ca.crl, so demo letters show a revocation check. */
  public Path freshCrl() {
    DemoKeys demo = letters.demoKeys();
    CertificateAuthority authority = CertificateAuthority.open(demo.directory().resolve(DemoKeys.CA_KEYSTORE),
        PasswordSource.fixed(DemoKeys.PASSWORD));
    Path file = authority.defaultCrlFile();
    try {
      AtomicOutput.write(file, authority.issueCrl(letters.clock().instant()).getEncoded(), true);
    } catch (IOException | java.security.cert.CRLException e) {
      throw new SigningException("the demo CA could not write its CRL", e);
    }
    return file;
  }
}
