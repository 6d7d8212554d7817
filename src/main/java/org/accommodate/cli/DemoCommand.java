package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.accommodate.IssuedLetter;
import org.accommodate.Letters;
import org.accommodate.batch.Batch;
import org.accommodate.keys.KeySource;
import org.accommodate.request.ClinicProfile;
import org.accommodate.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate demo: a signed example letter with demo keys, then its verification. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Write a signed example letter (built-in request and profile) and verify it.",
        "With --letters N, write N example letters through the batch pipeline instead.",
        "Demo keys are created under keys/demo/ on first use; their letters say SPECIMEN."},
    footer = ExitCodes.HELP)
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the letter (default: demo-letter.pdf).")
  Path output = Path.of("demo-letter.pdf");

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: the built-in demo profile).")
  Path profile;

  @Option(names = "--force", description = "Replace an existing output file.")
  boolean force;

  @Option(names = "--explain", description = "Print the disclosure manifest.")
  boolean explain;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan (recorded).")
  boolean acceptWarnings;

  @Option(names = "--language", paramLabel = "LANG", description = "The example letter's language: en (default) or es.")
  String language = "en";

  @Option(names = "--png", description = "Also write the page as an image (FILE with .png).")
  boolean png;

  @Option(names = "--patient-copy", paramLabel = "LANG", description = "Also write the patient's copy in this"
      + " language (en or es), as letter does; with --letters, every demo request asks for one.")
  String patientCopy;

  @Option(names = "--letters", paramLabel = "N",
      description = "Write N example letters, as 'batch' does, into --out-dir (requests in its requests/ folder).")
  int count = 1;

  @Option(names = "--out-dir", paramLabel = "DIR", description = "Where --letters writes (default: demo-letters).")
  Path outDir = Path.of("demo-letters");

  @Option(names = "--authorization-form", description = "Write the authorization form the demo patient would sign"
      + " instead of a letter (demo-authorization-form.pdf, or -o FILE), in the --patient-copy language if given.")
  boolean authorizationForm;

  @Mixin KeyOptions keys;

  @Mixin SigningOptions signing;

  @Mixin TemplateOptions templates;

  private final Context context;

  DemoCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Letters letters = templates.letters(context).prepare(true);
    PrintWriter out = spec.commandLine().getOut();
    boolean fresh = !keys.given() && !letters.demoKeys().exist();
    ClinicProfile clinic = profile == null ? null : letters.readProfile(profile);
    KeySource source = keys.given() ? keys.source(context, clinic) : null;
    org.accommodate.request.Language chosen = org.accommodate.request.Language.ofOption(language, "--language");
    org.accommodate.request.Language copy = patientCopy == null ? null
        : org.accommodate.request.Language.ofOption(patientCopy, "--patient-copy");
    if (count < 1) {
      throw new org.accommodate.InputException("--letters: must be at least 1");
    }
    // --out-dir alone, or --letters 1, asks for the batch form too: never ignore what was typed.
    var given = spec.commandLine().getParseResult();
    if (authorizationForm) {
      return authorizationForm(letters, clinic, chosen, copy, given);
    }
    if (count > 1 || given.hasMatchedOption("--letters") || given.hasMatchedOption("--out-dir")) {
      for (String single : List.of("-o", "--png", "--explain")) {
        if (given.hasMatchedOption(single)) {
          throw new org.accommodate.InputException(single + ": only for a single demo letter; --letters names its"
              + " letters after their IDs in --out-dir, with manifest.json");
        }
      }
      return batch(letters, clinic, source, fresh, out, chosen, copy);
    }
    Letters.WithCopy made = letters.demo().issue(signing.options(context, output, force, acceptWarnings), source, clinic, chosen, copy);
    IssuedLetter issued = made.letter();
    if (fresh) {
      out.printf("Created demo keys in %s (password \"demo\"; not for real letters).%n",
          letters.demoKeys().directory());
    }
    out.printf("Signed letter %s written to %s%n", issued.id(), issued.path());
    if (made.patientCopy() != null) {
      out.printf("Patient's copy written to %s%n", made.patientCopy());
    }
    if (png) {
      out.printf("Page image written to %s%n", letters.writePageImage(issued.path(), force));
    }
    if (explain) {
      Manifests.print(out, issued.manifest(), issued.findings());
    }
    Manifests.report(spec.commandLine().getErr(), issued);
    out.println();
    List<Path> anchors = keys.given() ? List.of() : List.of(letters.demoKeys().caCertificate());
    List<Path> crls = keys.given() ? List.of() : List.of(letters.demo().freshCrl());
    VerificationReport report = letters.verify(issued.path(), anchors, crls);
    VerifySummary.human(out, report);
    if (!keys.given()) {
      out.printf("%nCheck it yourself: %s verify %s --trust %s --crl %s%n", context.selfCommand(),
          Context.shellWord(issued.path().toString()), Context.shellWord(letters.demoKeys().caCertificate().toString()),
          Context.shellWord(crls.get(0).toString()));
    }
    return VerifySummary.exitCode(report.verdict());
  }

  // The form, not a letter: nothing is signed, so the options about letters are refused by name.
  private int authorizationForm(Letters letters, ClinicProfile clinic, org.accommodate.request.Language language,
      org.accommodate.request.Language copy, picocli.CommandLine.ParseResult given) {
    for (String letterOnly : List.of("--letters", "--out-dir", "--png", "--explain", "--accept-warnings")) {
      if (given.hasMatchedOption(letterOnly)) {
        throw new org.accommodate.InputException(letterOnly + ": only for demo letters; --authorization-form writes"
            + " the form the patient signs before any letter");
      }
    }
    Path file = given.hasMatchedOption("-o") ? output : Path.of("demo-authorization-form.pdf");
    org.accommodate.Forms.Written written = letters.demo().authorizationForm(clinic, language, copy, file, force);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Authorization form (%s) written to %s; its scope code: %s%n", written.form().language().keyword(),
        letters.shown(written.file()), written.form().code());
    out.printf("For a patient of yours: %s authorization-form REQUEST (a request to fill in: %s templates show ID"
        + " --example)%n", context.selfCommand(), context.selfCommand());
    return ExitCodes.OK;
  }

  // Demo requests with their own references, signed as 'batch' signs: a quick look at batch
  // output, and the training run with which bin/accommodate prepares a batch start-up cache.
  private int batch(Letters letters, ClinicProfile clinic, KeySource source, boolean fresh, PrintWriter out,
      org.accommodate.request.Language language, org.accommodate.request.Language copy) {
    Path requests = letters.resolve(outDir).resolve("requests");
    org.accommodate.Demo demo = letters.demo();
    ClinicProfile chosen = clinic != null ? clinic : demo.profile();
    demo.writeRequests(count, requests, chosen, language, copy);
    List<Batch.Item> items = new Batch(letters).run(List.of(requests), outDir,
        source != null ? source : demo.keySource(), chosen,
        signing.options(context, null, force, acceptWarnings), Runtime.getRuntime().availableProcessors(), false,
        new Batch.Progress() {
          @Override
          public void finished(Batch.Item item) {}

          @Override
          public void interrupted(List<Batch.Item> all) {
            BatchCommand.reportStopped(spec.commandLine().getErr(), all, outDir);
          }
        });
    if (fresh) {
      out.printf("Created demo keys in %s (password \"demo\"; not for real letters).%n", letters.demoKeys().directory());
    }
    Manifests.report(spec.commandLine().getErr(), items);
    out.println(BatchCommand.summary(items, "demo letter", outDir));
    return Batch.worst(items);
  }
}
