package org.accommodate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.accommodate.keys.ClinicKeys;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.KeyPolicy;
import org.accommodate.keys.KeySource;
import org.accommodate.keys.SigningKey;
import org.accommodate.keys.Unlocking;
import org.accommodate.ledger.Ledger;
import org.accommodate.ledger.LedgerEntry;
import org.accommodate.output.AtomicOutput;
import org.accommodate.pdf.FontCoverage;
import org.accommodate.pdf.PageImage;
import org.accommodate.pdf.PdfComposer;
import org.accommodate.pdf.PdfExposure;
import org.accommodate.privacy.PrivacyReview;
import org.accommodate.privacy.ScanFinding;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.privacy.LetterFacts;
import org.accommodate.privacy.Minimizer;
import org.accommodate.privacy.SensitiveTermScanner;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.ProfileReader;
import org.accommodate.request.RequestReader;
import org.accommodate.sign.DocumentTimeStamper;
import org.accommodate.sign.PadesSigner;
import org.accommodate.sign.ValidationData;
import org.accommodate.sign.TimeStampClient;
import org.accommodate.template.TemplateCatalog;
import org.accommodate.template.TemplateManifest;
import org.accommodate.template.TemplateRenderer;
import org.accommodate.verify.SignatureVerifier;
import org.accommodate.verify.TrustAnchors;
import org.accommodate.verify.VerificationReport;

/**
 * The core API: request → privacy → template → pdf → sign → output. The CLI and the tests call
 * it; it prints nothing.
 */
public final class Letters {
  /** The profile looked for in the working directory when --profile is not given. */
  public static final String DEFAULT_PROFILE = "clinic.yaml";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Path workDir;
  // Reading the catalog and setting up FreeMarker are left to the first command that needs them
  // (verify, ledger and keys never do).
  private final Supplier<TemplateCatalog> catalogSource;
  private TemplateCatalog catalog;
  private final RequestReader requests;
  private final Minimizer minimizer;
  private TemplateRenderer renderer;
  private PdfComposer composer;  // font loading is not free; only letters need it

  private Letters(Clock clock, Path workDir, Supplier<TemplateCatalog> catalogSource) {
    this.clock = clock;
    this.minimizer = new Minimizer(clock);
    this.workDir = workDir.toAbsolutePath();
    this.catalogSource = catalogSource;
    this.requests = new RequestReader(clock);
  }

  public static Letters create(Clock clock, Path workDir) {
    return new Letters(clock, workDir, TemplateCatalog::shipped);
  }

  /** The same tool with a clinic's own template folder added (validated now); null: unchanged. */
  public Letters withTemplates(Path folder) {
    if (folder == null) {
      return this;
    }
    TemplateCatalog extended = catalog().with(resolve(folder));
    return new Letters(clock, workDir, () -> extended);
  }

  private synchronized TemplateCatalog catalog() {
    if (catalog == null) {
      catalog = catalogSource.get();
    }
    return catalog;
  }

  private synchronized TemplateRenderer renderer() {
    if (renderer == null) {
      renderer = new TemplateRenderer(catalog());
    }
    return renderer;
  }

  /**
   * Starts, on another thread, the set-up every letter needs whatever its request says (the
   * shipped term lists, the template catalog), so that in a fresh process it overlaps with
   * reading the request and the profile. Optional: everything is also made on first use.
   */
  public Letters prepare() {
    return prepare(false);
  }

  /**
   * As {@link #prepare()}; with {@code rendering}, the same thread then renders a fixed page of
   * no one's data and reads it back, so a command that will make a PDF finds the renderer's and
   * the extractor's classes loaded and initialized and the fonts cut when its letter arrives
   * (cold letter 0.94 -> 0.86 s, median of 8 interleaved runs on 2 cores).
   */
  public Letters prepare(boolean rendering) {
    Thread thread = new Thread(() -> {
      org.accommodate.privacy.SensitiveTermScanner.standard();
      renderer();
      if (rendering) {
        composer().warmUp();
      }
    }, "prepare");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** One template's manifest. */
  public TemplateManifest template(String id) {
    return catalog().find(id);
  }

  /** The template a request names, else the catalog's for its accommodation type. */
  public TemplateManifest templateFor(String id, org.accommodate.request.AccommodationType type) {
    return id != null ? catalog().find(id) : catalog().forType(type);
  }

  public Clock clock() {
    return clock;
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(Path path) {
    return workDir.resolve(path);
  }

  /** {@code file} as the user would write it here: relative under the working folder, else absolute. */
  public Path shown(Path file) {
    Path here = workDir.toAbsolutePath().normalize();
    Path absolute = resolve(file).toAbsolutePath().normalize();
    return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
  }

  /** Where keys revoke and keys crl leave the clinic CA's and the demo CA's revocation lists. */
  public List<Path> localRevocationLists() {
    return List.of(ClinicKeys.caKeystore(resolve(Path.of("keys"))).resolveSibling("ca.crl"),
        demoKeys().directory().resolve("ca.crl"));
  }

  public DemoKeys demoKeys() {
    return new DemoKeys(workDir.resolve("keys").resolve("demo"), clock);
  }

  public Path defaultTrustDirectory() {
    return workDir.resolve("keys").resolve("trusted");
  }

  /**
   * A request to fill in for template {@code id}: its fields, its categories already listed in
   * the authorization, and the laws the clinic's form must meet when {@code profile} (may be null)
   * says it is a Part 2 program or Californian. Its placeholders are refused until replaced.
   */
  public String exampleRequest(String id, ClinicProfile profile) {
    TemplateManifest manifest = template(id);
    return org.accommodate.request.ExampleRequest.yaml(manifest.id(), manifest.title(),
        manifest.types().stream().sorted().toList(), manifest.categories(), manifest.languages().get(0),
        profile != null && profile.part2Program(), profile != null && profile.inCalifornia());
  }

  public List<TemplateManifest> templates() {
    return catalog().list();
  }

  public LetterRequest readRequest(Path file) {
    return readRequest(requestBytes(file), file);
  }

  /**
   * A request file's bytes: a batch hashes what it parses ({@link #readRequest(byte[], Path)}),
   * so that a resumed batch knows a request it has already answered.
   */
  public byte[] requestBytes(Path file) {
    return requests.bytes(resolve(file), file.toString());
  }

  /** The request in {@code document}, read from {@code file}. */
  public LetterRequest readRequest(byte[] document, Path file) {
    return withTemplate(requests.read(document, file.toString(), resolve(file).toAbsolutePath().getParent()));
  }

  /**
   * A request streamed in (an EHR export piped to standard input, so that no file holds it);
   * {@code display} is how messages name the stream ("on standard input").
   */
  public LetterRequest readRequest(java.io.InputStream in, String display) {
    return withTemplate(requests.read(requests.bytes(in, display), display, workDir.toAbsolutePath()));
  }

  /** A request without a template gets the catalog's template for its accommodation type. */
  private LetterRequest withTemplate(LetterRequest request) {
    return request.templateId() != null ? request
        : request.withTemplate(catalog().forType(request.accommodation().type()).id());
  }

  /** Whether {@link #readProfile} has a profile to read: one named, or clinic.yaml here. */
  public boolean hasProfile(Path file) {
    return file != null || Files.isRegularFile(workDir.resolve(DEFAULT_PROFILE));
  }

  /** The profile named, else clinic.yaml in the working directory. */
  public ClinicProfile readProfile(Path file) {
    Path chosen = file != null ? resolve(file) : workDir.resolve(DEFAULT_PROFILE);
    if (!hasProfile(file)) {
      throw new InputException("--profile: no clinic profile; create " + DEFAULT_PROFILE
          + " here or pass --profile FILE");
    }
    return new ProfileReader().read(chosen, file != null ? file.toString() : DEFAULT_PROFILE);
  }

  /**
   * Validates the request and authorization, scans every printed input, and returns what the
   * letter would disclose with the findings; refuses only on invalid authorization.
   */
  public Review check(LetterRequest parsed, ClinicProfile profile) {
    LetterRequest request = withTemplate(parsed);
    String id = newLetterId();
    AuthorizedModel model = authorize(request, profile, new LetterFacts(id, false));
    checkPrintable(request, profile);
    // Filled at every density a letter may use (no PDF is made): a clinic template that asks for
    // data outside the model fails here as it would in the letter, not after check said ok.
    fillEveryDensity(model, request.language(), profile);
    org.accommodate.request.Language copy = request.patientCopy();
    if (copy != null) {
      LetterRequest copied = request.withLanguage(copy);
      AuthorizedModel copyModel = authorize(copied, profile, new LetterFacts(id, false, true, true), "patient_copy");
      checkPrintable(copied, profile);
      fillEveryDensity(copyModel, copy, profile);
    }
    PrivacyReview review = new PrivacyReview(profile);
    return new Review(model, review.scanInputs(request, profile), review.listVersions());
  }

  // The text every letter must carry is looked for too, so check fails a template without it.
  private void fillEveryDensity(AuthorizedModel model, org.accommodate.request.Language language, ClinicProfile profile) {
    List<String> fonts = PdfComposer.extraFamilies(profile.fonts().size());
    for (String density : List.of("normal", "compact", "dense")) {
      String xhtml = renderer().render(model, language, density, fonts);
      PrivacyReview.requirePrinted(model.templateId(), PdfComposer.bodyText(xhtml), model.requiredText());
    }
  }

  /**
   * What check found.
   *
   * @param model the minimized model and its manifest
   * @param findings scanner findings on the inputs
   * @param termLists the term list versions used
   */
  public record Review(AuthorizedModel model, List<ScanFinding> findings, String termLists) {
    public Review {
      findings = List.copyOf(findings);
    }
  }

  /** Produces, signs and writes one letter. */
  public IssuedLetter issue(LetterRequest parsed, ClinicProfile profile, KeySource keys, IssueOptions options) {
    return make(parsed, profile, keys, options).publish();
  }

  /**
   * The same, with the patient's copy in {@code copyLanguage} beside the letter when it is not
   * null (see {@link #patientCopy}); {@code field} is the option or request field that asked.
   */
  public WithCopy issue(LetterRequest parsed, ClinicProfile profile, KeySource keys, IssueOptions options,
      org.accommodate.request.Language copyLanguage, String field) {
    Made made = make(parsed, profile, keys, options);
    PatientCopy copy = copyLanguage == null ? null
        : patientCopy(made, parsed, profile, copyLanguage, field, options.acceptWarnings());
    return new WithCopy(made.publish(copy), copy == null ? null : copy.file());
  }

  /** A letter issued, and its patient's copy (null when none was asked for). */
  public record WithCopy(IssuedLetter letter, Path patientCopy) {}

  /**
   * A letter made, signed and scanned, not yet recorded in the ledger nor written: {@link
   * #publish} does both, in that order. A batch hands it to a writing thread so that workers
   * make the next letter while the disk syncs.
   */
  public static final class Made {
    private final Path target;
    private final String option;  // the option that named the target, for messages
    private final byte[] signed;
    private final boolean force;
    private final Ledger ledger;
    private final LedgerEntry unplaced;
    private final IssuedLetter letter;

    private Made(Path target, String option, byte[] signed, boolean force, Ledger ledger, LedgerEntry unplaced,
        IssuedLetter letter) {
      this.target = target;
      this.option = option;
      this.signed = signed;
      this.force = force;
      this.ledger = ledger;
      this.unplaced = unplaced;
      this.letter = letter;
    }

    /** The letter as made: its ID, file, hash and advice, before its ledger entry. */
    public IssuedLetter letter() {
      return letter;
    }

    /**
     * Writes the patient's copy (none when null), then records and writes the letter as {@link
     * #publish()} does, all in one step that a stopped process finishes or never begins; a letter
     * that cannot be written takes its copy with it.
     */
    public IssuedLetter publish(PatientCopy copy) {
      if (copy == null) {
        return publish();
      }
      boolean[] copyWritten = new boolean[1];
      try (AtomicOutput.Pending copyFile = copy.prepare()) {
        // Inside the letter's guarded step: a Ctrl-C between the two would leave a copy whose
        // ID no letter has.
        return publish(() -> {
          try {
            copyFile.publish(copy.force);
          } catch (IOException e) {
            throw copy.notWritten(e);
          }
          copyWritten[0] = true;
        });
      } catch (IOException e) {
        throw copy.notWritten(e);
      } catch (RuntimeException e) {
        if (copyWritten[0]) {
          copy.remove();
        }
        throw e;
      }
    }

    /** Records the letter in the ledger, then writes it under its name (see {@link #issue}). */
    public IssuedLetter publish() {
      return publish(() -> { });
    }

    // {@code first} runs in the guarded step before the ledger entry.
    private IssuedLetter publish(AtomicOutput.Step first) {
      LedgerEntry[] entry = new LedgerEntry[1];
      // The ledger entry is on disk before the letter appears under its name: no letter leaves
      // the office unaccounted for. Ctrl-C lets both finish or neither begin (AtomicOutput).
      try (AtomicOutput.Pending pending = AtomicOutput.prepare(target, signed)) {
        pending.publish(force, () -> {
          first.run();
          if (ledger != null) {
            entry[0] = ledger.append(unplaced);
          }
        });
      } catch (IOException e) {
        // The entry stays: the ledger is append-only. It says which letter reached no one.
        throw InputException.io(option + ": cannot write " + target + (entry[0] == null ? ""
            : " (ledger entry " + entry[0].seq() + " records letter " + letter.id() + ", which reached no one)"), e);
      }
      return letter.recorded(entry[0]);
    }
  }

  /**
   * Records the made letter in the ledger, then writes it to {@code out} (standard output, for a
   * program that files it away itself), so that no file in the office holds it.
   */
  public static IssuedLetter publishTo(Made made, java.io.OutputStream out) {
    LedgerEntry entry = made.ledger == null ? null : made.ledger.append(made.unplaced);
    try {
      out.write(made.signed);
      out.flush();
    } catch (IOException e) {
      // The entry stays: the ledger is append-only. It says which letter reached no one.
      throw InputException.io("-o -: standard output was closed before the letter was written"
          + (entry == null ? "" : "; ledger entry " + entry.seq() + " records letter " + made.letter.id()
          + ", which reached no one"), e);
    }
    return new IssuedLetter(made.letter.id(), null, made.letter.sha256(), made.letter.manifest(),
        made.letter.specimen(), made.letter.findings(), made.letter.acceptedWarnings(), made.letter.advisories(), entry);
  }

  /** Everything {@link #issue} does but recording and writing the letter. */
  public Made make(LetterRequest parsed, ClinicProfile profile, KeySource keys, IssueOptions options) {
    LetterRequest request = withTemplate(parsed);
    boolean force = options.force();
    boolean acceptWarnings = options.acceptWarnings();
    Path given = options.output() != null ? resolve(options.output()) : null;
    // -o naming a folder puts letter-ID.pdf in it, as cp does with a folder.
    Path intoFolder = given != null && Files.isDirectory(given) ? given : null;
    Path target = intoFolder != null ? null : given;
    // The option that places the file, for messages: a batch's letters are named by --out-dir.
    String option = target == null && options.outputDir() != null ? "--out-dir" : "-o";
    if (target != null) {
      AtomicOutput.checkWritable(target, force);
    }
    TemplateManifest manifest = supported(request);
    Ledger ledger = ledger(options, profile);
    PrivacyReview review = new PrivacyReview(profile);
    List<ScanFinding> findings = new ArrayList<>(review.scanInputs(request, profile));
    // Refuse on the inputs before the key is unlocked or anything is rendered.
    PrivacyReview.enforce(findings, acceptWarnings);
    checkPrintable(request, profile);
    String id = newLetterId();
    // The model is the same for every key but for the SPECIMEN mark of demo keys; building it
    // first refuses a bad authorization before anyone is asked for a password.
    AuthorizedModel model = minimizer.minimize(request, profile, manifest.categories(), new LetterFacts(id, false));
    Unlocking unlocking = Unlocking.start(keys);
    // A key already at hand (batch, or unlocked at a prompt) says now whether letters are
    // specimens; one still unlocking is assumed a clinic key, and a demo key renders again.
    boolean specimen = unlocking.done() && unlocking.key().specimen();
    if (specimen) {
      model = minimizer.minimize(request, profile, manifest.categories(), new LetterFacts(id, true));
    }
    Supplier<String> block = () -> PadesSigner.appearanceCharacters(unlocking.key());
    PdfComposer.Rendered rendered = render(model, request, profile, block);
    SigningKey key = unlocking.key();
    KeyPolicy.checkUsable(key, clock.instant());
    KeyPolicy.checkHolder(key, profile.clinicianName());
    if (!(keys instanceof LoadedKey)) {  // a batch's key was checked once, before its folder was made
      KeyPolicy.checkNotRevoked(key, localRevocationLists());
    }
    if (options.ltv()) {
      options.revocationLists().prepare(key, this);
    }
    String expiry = KeyPolicy.expiryWarning(key, clock.instant());
    if (key.specimen() != specimen) {
      model = minimizer.minimize(request, profile, manifest.categories(), new LetterFacts(id, key.specimen()));
      rendered = render(model, request, profile, block);
    }
    byte[] pdf = rendered.pdf();
    PadesSigner signer = (options.tsa() == null ? new PadesSigner()
        : new PadesSigner(new TimeStampClient(options.tsa(), clock))).withBlockFonts(profile.fonts());
    Instant signingTime = clock.instant();
    // What the employer will see is read from the signer's document, unless later revisions
    // (validation data, a document time-stamp) change the file again.
    Map<String, String> exposed = new LinkedHashMap<>();
    boolean finalAfterSigning = !options.ltv() && !options.lta();
    byte[] signed = signer.sign(pdf, key, signingTime, rendered.signatureBox(), request.language().keyword(),
        document -> {
          if (finalAfterSigning) {
            exposed.putAll(PdfExposure.of(document));
          }
        });
    if (options.ltv()) {
      signed = ValidationData.addSecurityStore(signed, LongTermData.certificates(key, signed),
          LongTermData.crls(key, signed, options.revocationLists(), this));
    }
    if (options.lta()) {
      signed = new DocumentTimeStamper(new TimeStampClient(options.tsa(), clock)).stamp(signed);
    }
    if (target == null) {
      Path folder = intoFolder != null ? intoFolder : options.outputDir() != null ? resolve(options.outputDir()) : workDir;
      target = folder.resolve("letter-" + id + ".pdf");
      AtomicOutput.checkWritable(target, force, option);
    }
    // Scan what the employer will actually see: the signed file and its name.
    if (!finalAfterSigning) {
      exposed.putAll(PdfExposure.of(signed));
    }
    exposed.put("output file name", target.getFileName().toString());
    exposed.put(PrivacyReview.SIGNATURE_BLOCK, String.join("\n", PadesSigner.appearanceText(key, signingTime, request.language().keyword())));
    PrivacyReview.requirePrinted(model.templateId(), exposed.get("letter text"), model.requiredText());
    findings.addAll(review.scanOutput(exposed, model.exemptText()));
    Set<String> accepted = PrivacyReview.enforce(findings, acceptWarnings);
    String hash = Ledger.sha256(signed);
    LedgerEntry unplaced = ledger == null ? null : new LedgerEntry(0,
        signingTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), id, manifest.id(),
        request.language().keyword(), request.employer().organization(),
        model.categories().stream().map(c -> c.keyword()).sorted().toList(), request.authorization().reference(),
        request.authorization().documentSha256(), request.patient().reference(), Ledger.sha256(certificateBytes(key)),
        hash, List.copyOf(accepted), null, null);
    List<String> advice = new ArrayList<>(model.advisories());
    if (expiry != null) {
      advice.add(expiry);
    }
    if (!target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
      // Viewers, mail programs and HR's file shares go by the ending; the name is not signed.
      advice.add(option + ": " + target.getFileName() + " does not end in .pdf, by which viewers and mail programs"
          + " know a PDF; rename it (the signature does not cover the name)");
    }
    return new Made(target, option, signed, force, ledger, unplaced,
        new IssuedLetter(id, target, hash, model.manifest(), key.specimen(), findings, accepted, advice, null));
  }

  /**
   * An unsigned DRAFT of exactly what the employer would see (or the patient's copy in another
   * language, with the same disclosed content), after the same privacy checks; nothing is signed.
   *
   * @return the files written and the advice the letter would print
   */
  public Draft preview(LetterRequest parsed, ClinicProfile profile, Path output, boolean force,
      boolean acceptWarnings, org.accommodate.request.Language patientLanguage, boolean png) {
    return preview(parsed, profile, output, force, acceptWarnings, patientLanguage, png, null);
  }

  /**
   * The same, written to {@code stream} instead of a file when it is not null (standard output,
   * for a program that shows the draft itself): no file then holds it, and the draft has no files.
   */
  public Draft preview(LetterRequest parsed, ClinicProfile profile, Path output, boolean force,
      boolean acceptWarnings, org.accommodate.request.Language patientLanguage, boolean png,
      java.io.OutputStream stream) {
    Reviewed reviewed = reviewedDraft(parsed, profile, patientLanguage, "--patient-language", acceptWarnings);
    String id = newLetterId();
    Path named = Path.of("draft-" + id + ".pdf");
    Path given = output == null ? null : resolve(output);
    Path target = stream != null ? null : given == null ? resolve(named)
        : Files.isDirectory(given) ? given.resolve(named) : given;
    if (target != null) {
      AtomicOutput.checkWritable(target, force);
    }
    Path image = png && target != null ? target.resolveSibling(target.getFileName().toString().replaceFirst("(?i)\\.pdf$", "") + ".png") : null;
    if (image != null) {
      AtomicOutput.checkWritable(image, force);
    }
    DraftPdf draft = draftPdf(reviewed, profile, new LetterFacts(id, false, true, patientLanguage != null),
        target == null ? null : target.getFileName().toString(), acceptWarnings);
    byte[] pdf = draft.pdf();
    if (target == null) {
      try {
        stream.write(pdf);
        stream.flush();
      } catch (IOException e) {
        throw InputException.io("-o -: standard output was closed before the draft was written", e);
      }
      return new Draft(List.of(), draft.model().advisories(), draft.accepted());
    }
    try {
      AtomicOutput.write(target, pdf, force);
      if (image != null) {
        AtomicOutput.write(image, PageImage.png(pdf), force);
      }
    } catch (IOException e) {
      throw InputException.io("-o: cannot write " + target, e);
    }
    return new Draft(image != null ? List.of(target, image) : List.of(target), draft.model().advisories(),
        draft.accepted());
  }

  /**
   * The patient's copy of a made letter, not yet written: the same disclosed content in {@code
   * language}, unsigned, marked as the patient's and carrying the letter's ID, after the same
   * checks as a draft, to go beside the letter (FILE-copy-LANG.pdf). Made before the letter is
   * published, so that a copy that cannot be made (a longer language past the page, a file
   * already there without --force) stops the letter with nothing recorded.
   *
   * @param field the option or request field that asked for it, which messages name
   */
  public PatientCopy patientCopy(Made made, LetterRequest parsed, ClinicProfile profile,
      org.accommodate.request.Language language, String field, boolean acceptWarnings) {
    Path file = copyBeside(made.target, language);
    AtomicOutput.checkWritable(file, made.force, field);
    Reviewed reviewed = reviewedDraft(parsed, profile, language, field, acceptWarnings);
    byte[] pdf = draftPdf(reviewed, profile, new LetterFacts(made.letter.id(), false, true, true),
        file.getFileName().toString(), acceptWarnings).pdf();
    return new PatientCopy(file, pdf, field, made.force);
  }

  /**
   * A patient's copy made with its letter; {@link Made#publish(PatientCopy)} writes it. It is not
   * a disclosure to the employer, and has no ledger entry of its own.
   */
  public static final class PatientCopy {
    private final Path file;
    private final byte[] pdf;
    private final String field;
    private final boolean force;

    private PatientCopy(Path file, byte[] pdf, String field, boolean force) {
      this.file = file;
      this.pdf = pdf;
      this.field = field;
      this.force = force;
    }

    /** Where it goes: beside its letter. */
    public Path file() {
      return file;
    }

    private AtomicOutput.Pending prepare() throws IOException {
      return AtomicOutput.prepare(file, pdf);
    }

    private InputException notWritten(IOException e) {
      return new InputException(field + ": cannot write " + file + InputException.reason(e) + " (the letter was not issued)", e);
    }

    // The copy of a letter that never reached its name would carry an ID no letter has.
    private void remove() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // the letter's own error is the one to report
      }
    }
  }

  /**
   * A draft's request (in the patient's language, if given), the template that covers it, and
   * what the scan found in its inputs.
   */
  private record Reviewed(LetterRequest request, TemplateManifest manifest, List<ScanFinding> findings) {}

  private Reviewed reviewedDraft(LetterRequest parsed, ClinicProfile profile,
      org.accommodate.request.Language patientLanguage, String languageField, boolean acceptWarnings) {
    LetterRequest request = withTemplate(parsed);
    if (patientLanguage != null) {
      request = request.withLanguage(patientLanguage);
    }
    TemplateManifest manifest = supported(request, patientLanguage != null ? languageField : "language");
    List<ScanFinding> findings = new PrivacyReview(profile).scanInputs(request, profile);
    PrivacyReview.enforce(findings, acceptWarnings);
    checkPrintable(request, profile);
    return new Reviewed(request, manifest, findings);
  }

  private record DraftPdf(byte[] pdf, AuthorizedModel model, Set<String> accepted) {}

  // Renders an unsigned draft and checks what it shows, as a letter is checked.
  private DraftPdf draftPdf(Reviewed reviewed, ClinicProfile profile, LetterFacts facts, String fileName,
      boolean acceptWarnings) {
    LetterRequest request = reviewed.request();
    PrivacyReview review = new PrivacyReview(profile);
    List<ScanFinding> findings = new ArrayList<>(reviewed.findings());
    AuthorizedModel model = minimizer.minimize(request, profile, reviewed.manifest().categories(), facts);
    byte[] pdf = render(model, request, profile).pdf();
    Map<String, String> exposed = new LinkedHashMap<>(PdfExposure.of(pdf));
    if (fileName != null) {
      exposed.put("output file name", fileName);
    }
    PrivacyReview.requirePrinted(model.templateId(), exposed.get("letter text"), model.requiredText());
    findings.addAll(review.scanOutput(exposed, model.exemptText()));
    return new DraftPdf(pdf, model, PrivacyReview.enforce(findings, acceptWarnings));
  }

  /**
   * A draft as written.
   *
   * @param files the PDF, and the page image when asked for
   * @param advice what the signed letter would print as warnings (the same review made it)
   * @param acceptedWarnings categories of WARN findings let through by --accept-warnings
   */
  public record Draft(List<Path> files, List<String> advice, Set<String> acceptedWarnings) {}

  /** Writes the first page of a letter as a PNG next to it (same name, .png). */
  public Path writePageImage(Path pdf, boolean force) {
    Path image = pdf.resolveSibling(pdf.getFileName().toString().replaceFirst("(?i)\\.pdf$", "") + ".png");
    AtomicOutput.checkWritable(image, force);
    try {
      AtomicOutput.write(image, PageImage.png(Files.readAllBytes(pdf)), force);
    } catch (IOException e) {
      throw new InputException("--png: cannot write " + image, e);
    }
    return image;
  }

  // letter.pdf -> letter-copy-es.pdf, beside the letter (a file name says nothing of care).
  private static Path copyBeside(Path letter, org.accommodate.request.Language language) {
    String name = letter.getFileName().toString().replaceFirst("(?i)\\.pdf$", "");
    return letter.resolveSibling(name + "-copy-" + language.keyword() + ".pdf");
  }

  /** The demo: its built-in request and profile, and the demo keys, made on first use. */
  public Demo demo() {
    return new Demo(this);
  }

  /** The authorization form for the patient to sign, filled from a request. */
  public Forms forms() {
    return new Forms(this);
  }

  /** A request from bytes that are no file of the user's (the demo's own). */
  LetterRequest readBuiltIn(byte[] document, String name) {
    return withTemplate(requests.read(document, name));
  }

  Path workDir() {
    return workDir;
  }

  /** Verifies one file against the given anchors (default: keys/trusted/ if it exists). */
  public VerificationReport verify(Path pdf, List<Path> trust) {
    return verify(pdf, trust, List.of());
  }

  /** As above, with extra CRL files for revocation checks. */
  public VerificationReport verify(Path pdf, List<Path> trust, List<Path> crls) {
    return verifier(trust, crls).apply(pdf);
  }

  /**
   * A verifier for many files: the anchors and CRLs are read once. It may be called from several
   * threads at once (each call is independent; the anchors are immutable).
   */
  public Function<Path, VerificationReport> verifier(List<Path> trust, List<Path> crls) {
    return verifier(trust, crls, false);
  }

  /**
   * As above; with {@code revocationRequired}, a signer without current revocation data is NOT
   * TRUSTED rather than trusted with a warning.
   */
  public Function<Path, VerificationReport> verifier(List<Path> trust, List<Path> crls, boolean revocationRequired) {
    return verifier(trust, crls, revocationRequired, null);
  }

  /** As above; a file named {@code -} is read from {@code stdin} when it is not null. */
  public Function<Path, VerificationReport> verifier(List<Path> trust, List<Path> crls, boolean revocationRequired,
      java.io.InputStream stdin) {
    return verifier(trust, List.of(), crls, revocationRequired, stdin);
  }

  /**
   * As above; {@code fingerprints} are SHA-256 fingerprints of CA certificates to trust when a
   * letter carries them (verify --trust-fingerprint).
   */
  public Function<Path, VerificationReport> verifier(List<Path> trust, List<String> fingerprints, List<Path> crls,
      boolean revocationRequired, java.io.InputStream stdin) {
    List<Path> sources = new ArrayList<>();
    trust.forEach(t -> sources.add(resolve(t)));
    if (sources.isEmpty() && fingerprints.isEmpty() && Files.isDirectory(defaultTrustDirectory())) {
      TrustAnchors.checkImplicitFolder(defaultTrustDirectory());
      sources.add(defaultTrustDirectory());
    }
    List<Path> crlFiles = new ArrayList<>();
    crls.forEach(c -> crlFiles.add(resolve(c)));
    TrustAnchors anchors = TrustAnchors.load(sources).withCrls(crlFiles).withFingerprints(fingerprints);
    SignatureVerifier verifier = new SignatureVerifier(revocationRequired);
    return pdf -> stdin != null && pdf.toString().equals("-") ? verifier.verify(pdf, stdin, anchors, clock.instant())
        : verifier.verify(resolve(pdf), anchors, clock.instant());
  }

  private AuthorizedModel authorize(LetterRequest request, ClinicProfile profile, LetterFacts facts) {
    return authorize(request, profile, facts, "language");
  }

  // languageField: the option or field that chose the request's language, for messages.
  private AuthorizedModel authorize(LetterRequest request, ClinicProfile profile, LetterFacts facts,
      String languageField) {
    TemplateManifest manifest = supported(request, languageField);
    return minimizer.minimize(request, profile, manifest.categories(), facts);
  }

  /** Every printed field can be drawn by the letter's fonts and fits the letter's lines. */
  private static void checkPrintable(LetterRequest request, ClinicProfile profile) {
    Map<String, String> printed = PrivacyReview.printedFields(request, profile);
    FontCoverage.check(printed, profile.fonts());
    org.accommodate.pdf.LineBreaks.checkFits(printed);
  }

  /** The template exists and covers this request's language, type and level. */
  private TemplateManifest supported(LetterRequest request) {
    return supported(request, "language");
  }

  // languageField: the option or field that chose the language (a patient's copy has its own).
  private TemplateManifest supported(LetterRequest request, String languageField) {
    TemplateManifest manifest = catalog().find(request.templateId());
    if (!manifest.languages().contains(request.language())) {
      throw new InputException(languageField + ": template '" + manifest.id() + "' has no "
          + request.language().keyword() + " version yet");
    }
    if (!manifest.types().contains(request.accommodation().type())) {
      // Name the template that does, since the request's template line is usually copied along.
      String covering = catalog().list().stream().filter(m -> m.types().contains(request.accommodation().type()))
          .map(m -> "'" + m.id() + "'").findFirst().map(id -> "; template " + id + " does, or leave template out").orElse("");
      throw new InputException("accommodation.type: template '" + manifest.id() + "' does not cover "
          + request.accommodation().type().keyword() + covering);
    }
    boolean printsSchedule = manifest.categories().contains(org.accommodate.request.Category.SCHEDULE);
    boolean intermittent = request.accommodation().type() == org.accommodate.request.AccommodationType.INTERMITTENT_LEAVE;
    if (request.episodes() != null && !intermittent) {
      throw new InputException("episodes: only for intermittent-leave (absences that cannot be scheduled ahead)");
    }
    if (printsSchedule && request.unavailable().isEmpty() && request.episodes() == null) {
      throw new InputException((intermittent ? "unavailable or episodes: one" : "unavailable:") + " is required by template '"
          + manifest.id() + "'");
    }
    if (!printsSchedule && (!request.unavailable().isEmpty() || request.episodes() != null)) {
      throw new InputException((request.unavailable().isEmpty() ? "episodes" : "unavailable") + ": template '"
          + manifest.id() + "' prints no schedule; remove it");
    }
    boolean restrictions = request.accommodation().type() == org.accommodate.request.AccommodationType.RTW_WITH_RESTRICTIONS;
    if (restrictions && request.workRestrictions() == null) {
      throw new InputException("work_restrictions: is required for rtw-with-restrictions");
    }
    if (!restrictions && request.workRestrictions() != null) {
      throw new InputException("work_restrictions: only for rtw-with-restrictions");
    }
    if (!manifest.levels().contains(request.level())) {
      throw new InputException("level: template '" + manifest.id() + "' supports only "
          + String.join(", ", manifest.levels().stream().map(l -> l.keyword()).sorted().toList()));
    }
    return manifest;
  }

  /** A key unlocked once for many letters: one password prompt or token login per batch. */
  public record LoadedKey(SigningKey key) implements KeySource {
    @Override
    public SigningKey load() {
      return key;
    }
  }

  /**
   * The request files to read: files as given, and each folder's {@code *.yaml}, {@code *.yml}
   * and {@code *.json} files in name order, each file once however it was named.
   */
  public List<Path> requestFiles(List<Path> inputs) {
    return new InputFiles(this::resolve).requests(inputs);
  }

  /** The PDFs to verify: files as given, and each folder's {@code *.pdf} files in name order. */
  public List<Path> pdfFiles(List<Path> inputs) {
    return new InputFiles(this::resolve).pdfs(inputs);
  }

  /** The ledger the options or the profile name, checked usable; null only with --no-ledger. */
  private Ledger ledger(IssueOptions options, ClinicProfile profile) {
    if (options.noLedger()) {
      return null;
    }
    Path file = ledgerFile(options, profile);
    if (file == null) {
      throw new InputException("--ledger: no disclosure ledger configured; set ledger: in the profile, pass"
          + " --ledger FILE, or --no-ledger to issue a letter that is not recorded");
    }
    Ledger ledger = new Ledger(file);
    ledger.checkAppendable();
    return ledger;
  }

  // The ledger --ledger names, else the profile's; null when neither names one.
  private Path ledgerFile(IssueOptions options, ClinicProfile profile) {
    return options.ledger() != null ? resolve(options.ledger()) : profile.ledger();
  }

  private static byte[] certificateBytes(SigningKey key) {
    try {
      return key.certificate().getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new SigningException("signing certificate: cannot be encoded", e);
    }
  }

  /** The ledger at {@code file} (relative to the working directory) or the profile's. */
  public Ledger ledgerAt(Path file, ClinicProfile profile) {
    Path chosen = file != null ? resolve(file) : profile == null ? null : profile.ledger();
    if (chosen == null) {
      throw new InputException("--ledger: name the ledger file, or set ledger: in the profile");
    }
    return new Ledger(chosen);
  }

  /**
   * The ledger entries, among {@code letterIds}, of letters the ledger records: for a resumed
   * batch, letters recorded by a run killed before it wrote their files. Empty without a ledger.
   */
  public List<org.accommodate.ledger.LedgerEntry> recorded(java.util.Set<String> letterIds, IssueOptions options,
      ClinicProfile profile) {
    Path file = options.noLedger() || letterIds.isEmpty() ? null : ledgerFile(options, profile);
    if (file == null || !Files.exists(file)) {
      return List.of();
    }
    return new Ledger(file).entries().stream().filter(e -> letterIds.contains(e.letterId())).toList();
  }

  /** Defers the ledger's checkpoints to {@link #checkpointLedger} (see {@link Ledger#deferCheckpoints}). */
  public void deferLedgerCheckpoints(IssueOptions options, ClinicProfile profile) {
    Path file = options.noLedger() ? null : ledgerFile(options, profile);
    if (file != null) {
      new Ledger(file).deferCheckpoints();
    }
  }

  /** Leaves a checkpoint on the ledger these options record into, if any (see {@link Ledger#checkpoint}). */
  public void checkpointLedger(IssueOptions options, ClinicProfile profile) {
    Path file = options.noLedger() ? null : ledgerFile(options, profile);
    if (file != null) {
      new Ledger(file).checkpoint();
    }
  }

  /** Renders at normal density, then denser settings while the letter would run past one page. */
  private PdfComposer.Rendered render(AuthorizedModel model, LetterRequest request, ClinicProfile profile) {
    return render(model, request, profile, () -> "");
  }

  // signatureBlock: the characters the signature block may draw, included in the letter's font.
  private PdfComposer.Rendered render(AuthorizedModel model, LetterRequest request, ClinicProfile profile,
      Supplier<String> signatureBlock) {
    PdfComposer.TooLong tooLong = null;
    List<String> fonts = PdfComposer.extraFamilies(profile.fonts().size());
    for (String density : List.of("normal", "compact", "dense")) {
      try {
        return composer().compose(renderer().render(model, request.language(), density, fonts), profile.fonts(),
            signatureBlock);
      } catch (PdfComposer.TooLong e) {
        tooLong = e;
      }
    }
    throw tooLong;
  }

  synchronized PdfComposer composer() {
    if (composer == null) {
      composer = new PdfComposer();
    }
    return composer;
  }

  /** 80 random bits in Crockford base32, XXXX-XXXX-XXXX-XXXX: never derived from patient data. */
  static String newLetterId() {
    // About one draw in a hundred spells a listed abbreviation and is drawn again.
    SensitiveTermScanner terms = SensitiveTermScanner.standard();
    String id;
    do {
      id = randomId();
    } while (terms.spelledIn(id));
    return id;
  }

  private static String randomId() {
    StringBuilder id = new StringBuilder(19);
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        id.append('-');
      }
      id.append(Crockford.digit(RANDOM.nextInt(32)));
    }
    return id.toString();
  }


  static String resource(String name) {
    try (var in = Letters.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
