package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.accommodate.IssuedLetter;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate letter REQUEST: one signed letter. */
@Command(name = "letter", mixinStandardHelpOptions = true,
    description = "Produce one signed letter from a request file (YAML or JSON).",
    footer = ExitCodes.HELP)
final class LetterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", description = "The request file, or - to read it from standard input.")
  Path request;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the signed PDF: a file, or a folder to hold letter-ID.pdf (default: letter-ID.pdf"
          + " here; - for standard output).")
  Path output;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--force", description = "Replace an existing output file.")
  boolean force;

  @Option(names = "--explain", description = "Print the disclosure manifest: what the letter says and what it withholds.")
  boolean explain;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan (the categories are recorded).")
  boolean acceptWarnings;

  @Option(names = "--png", description = "Also write the page as an image (FILE with .png).")
  boolean png;

  @Option(names = "--patient-copy", paramLabel = "LANG", description = "Also write the patient's copy in this"
      + " language (en or es): the same disclosed content and letter ID, unsigned and marked as the patient's"
      + " (FILE-copy-LANG.pdf); overrides the request's patient_copy.")
  String patientCopy;

  @Mixin KeyOptions keys;

  @Mixin SigningOptions signing;

  @picocli.CommandLine.Mixin TemplateOptions templates;

  private final Context context;

  LetterCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    boolean piped = output != null && Context.isStdin(output);
    if (piped && png) {
      throw new org.accommodate.InputException("--png: needs a file; -o - writes the letter to standard output");
    }
    org.accommodate.request.Language chosen = patientCopy == null ? null
        : org.accommodate.request.Language.ofOption(patientCopy, "--patient-copy");
    if (piped && chosen != null) {
      throw new org.accommodate.InputException("--patient-copy: needs a file; -o - writes the letter to standard output");
    }
    java.io.OutputStream stdout = piped ? context.pdfOutput("letter") : null;
    org.accommodate.Letters letters = templates.letters(context).prepare(true);
    LetterRequest parsed = context.readRequest(letters, request);
    // The option overrides the request's own patient_copy.
    org.accommodate.request.Language copyLanguage = chosen != null ? chosen : parsed.patientCopy();
    String copyField = chosen != null ? "--patient-copy" : "patient_copy";
    if (piped && copyLanguage != null) {
      throw new org.accommodate.InputException("patient_copy: the request asks for the patient's copy, which needs"
          + " a file; -o - writes the letter alone to standard output: give -o FILE");
    }
    ClinicProfile clinic = letters.readProfile(profile);
    if (piped) {
      // Standard output carries the PDF alone; everything said goes to standard error.
      IssuedLetter issued = org.accommodate.Letters.publishTo(letters.make(parsed, clinic, keys.source(context, clinic),
          signing.options(context, null, force, acceptWarnings)), stdout);
      PrintWriter err = spec.commandLine().getErr();
      err.printf("Signed letter %s written to standard output%s%n", issued.id(), signing.level());
      if (explain) {
        Manifests.print(err, issued.manifest(), issued.findings());
      }
      Manifests.report(err, issued);
      return ExitCodes.OK;
    }
    org.accommodate.Letters.WithCopy made = letters.issue(parsed, clinic, keys.source(context, clinic),
        signing.options(context, output, force, acceptWarnings), copyLanguage, copyField);
    IssuedLetter issued = made.letter();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Signed letter %s written to %s%s%n", issued.id(), issued.path(), signing.level());
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
    return ExitCodes.OK;
  }
}
