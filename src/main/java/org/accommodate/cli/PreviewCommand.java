package org.accommodate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.accommodate.Letters;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.Language;
import org.accommodate.request.LetterRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate preview REQUEST: an unsigned DRAFT of exactly what the employer will see. */
@Command(name = "preview", mixinStandardHelpOptions = true,
    header = "Write an unsigned DRAFT of a letter, to see what the employer will see.",
    description = "Write an unsigned DRAFT of the letter, after the same privacy checks, so the "
        + "clinician and the patient can see what the employer will see. Needs no key.",
    footer = ExitCodes.HELP)
final class PreviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", description = "The request file, or - to read it from standard input.")
  Path request;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the draft: a file, or a folder to hold draft-ID.pdf (default: draft-ID.pdf here);"
          + " - writes it to standard output.")
  Path output;

  @Option(names = "--png", description = "Also write the page as an image (FILE with .png).")
  boolean png;

  @Option(names = "--patient-language", paramLabel = "LANG",
      description = "The patient's copy in this language (en or es), with the same disclosed content.")
  String patientLanguage;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--force", description = "Replace existing files.")
  boolean force;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan.")
  boolean acceptWarnings;

  @Mixin TemplateOptions templates;

  private final Context context;

  PreviewCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    boolean piped = output != null && Context.isStdin(output);
    if (piped && png) {
      throw new org.accommodate.InputException("--png: needs a file; -o - writes the draft to standard output");
    }
    java.io.OutputStream stdout = piped ? context.pdfOutput("draft") : null;
    Letters letters = templates.letters(context).prepare(true);
    LetterRequest parsed = context.readRequest(letters, request);
    ClinicProfile clinic = letters.readProfile(profile);
    Language language = patientLanguage == null ? null : Language.ofOption(patientLanguage, "--patient-language");
    Letters.Draft draft = letters.preview(parsed, clinic, output, force, acceptWarnings, language, png, stdout);
    String what = language == null ? "Draft" : "Patient's copy";
    if (piped) {
      spec.commandLine().getErr().printf("%s written to standard output%n", what);
    }
    draft.files().forEach(f -> spec.commandLine().getOut().printf("%s written to %s%n", what, f));
    if (language == null && parsed.patientCopy() != null) {
      // The copy the letter will come with can be looked at before signing too.
      spec.commandLine().getErr().printf("note: the request asks for the patient's copy in %1$s;"
          + " --patient-language %1$s shows it%n", parsed.patientCopy().keyword());
    }
    // The same advice the signed letter would print, so that it can be acted on before signing.
    Manifests.report(spec.commandLine().getErr(), draft.advice(), draft.acceptedWarnings(),
        "warnings accepted for categories (the signed letter's ledger entry records them): ");
    return ExitCodes.OK;
  }
}
