package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.accommodate.AccommodateException;
import org.accommodate.Forms;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.batch.Batch;
import org.accommodate.privacy.AuthorizationForm;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.FormRequest;
import org.accommodate.request.Language;
import org.accommodate.request.Regime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * accommodate authorization-form REQUEST|DIR...: the form each patient signs, filled from the
 * request; several go into a folder, each named after its scope code.
 */
@Command(name = "authorization-form", mixinStandardHelpOptions = true,
    header = "Write the authorization form for the patient to sign, filled from a request.",
    description = "Write the authorization (and, for a Part 2 program, consent) form the patient signs before"
        + " the letter, filled from the request: who shares, who receives, what the letter may say, the purpose"
        + " and the last day, with the patient's rights; in 14-point type for a California clinic. The request's"
        + " signature fields (reference, signed, signed_by) may still be empty or hold the example's placeholders."
        + " Given several requests or a folder (a cohort starting together), --out-dir takes one form each,"
        + " named after its scope code. Needs no key; records nothing.",
    footer = ExitCodes.HELP)
final class AuthorizationFormCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST|DIR", arity = "1..*",
      description = "The request file (- reads it from standard input); or several, or folders of them, with --out-dir.")
  List<Path> requests;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the form: a file, or a folder to hold form-CODE.pdf (default:"
          + " authorization-form.pdf); - writes it to standard output.")
  Path output;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "Write each form into this folder as form-CODE.pdf (its scope code), never a patient's name.")
  Path outDir;

  @Option(names = "--language", paramLabel = "LANG",
      description = "The form's language, en or es (default: the patient's, from patient_copy, else the letter's).")
  String language;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--force", description = "Replace existing files.")
  boolean force;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan.")
  boolean acceptWarnings;

  @picocli.CommandLine.Mixin TemplateOptions templates;

  private final Context context;

  AuthorizationFormCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    Language chosen = language == null ? null : Language.ofOption(language, "--language");
    if (output != null && outDir != null) {
      throw new InputException("-o: names one form's file; --out-dir names the folder for forms named after their"
          + " scope codes: give one of them");
    }
    // A terminal as standard output is refused before any work.
    java.io.OutputStream stdout = output != null && Context.isStdin(output) ? context.pdfOutput("authorization-form")
        : null;
    Letters letters = templates.letters(context);
    boolean piped = Context.stdinAlone(requests, "REQUEST", "a request", "read");
    List<Path> files = piped ? requests : letters.requestFiles(requests);
    boolean many = files.size() > 1 || requests.stream().anyMatch(r -> Files.isDirectory(letters.resolve(r)));
    if (many && stdout != null) {
      throw new InputException("-o -: standard output holds one form; for several requests give --out-dir");
    }
    if (many && outDir == null) {
      throw new InputException("--out-dir: needed for several requests or a folder: each form goes there as"
          + " form-CODE.pdf");
    }
    if (outDir != null && !Files.isDirectory(letters.resolve(outDir))) {
      throw new InputException("--out-dir: " + outDir + " is not a folder; create it first");
    }
    if (many) {
      return writeAll(letters, files, chosen);
    }
    Forms forms = letters.forms();
    FormRequest request = piped ? forms.read(context.stdin(), Context.STDIN) : forms.read(requests.get(0));
    ClinicProfile clinic = letters.readProfile(profile);
    PrintWriter err = spec.commandLine().getErr();
    if (stdout != null) {
      Forms.Form form = forms.make(request, clinic, chosen, acceptWarnings);
      stdout.write(form.pdf());
      stdout.flush();
      err.printf("Authorization form (%s) written to standard output; its scope code: %s%n", form.language().keyword(),
          form.code());
      form.advice().forEach(a -> err.println("warning: " + a));
      return ExitCodes.OK;
    }
    // -o naming a folder takes the form under the name --out-dir gives it, as letter -o DIR does.
    Path folder = outDir != null ? outDir : output != null && Files.isDirectory(letters.resolve(output)) ? output : null;
    Path target = folder != null ? folder.resolve(fileName(request)) : output != null ? output : Forms.DEFAULT_OUTPUT;
    Forms.Written written = forms.write(request, clinic, chosen, acceptWarnings, target, force,
        outDir != null ? "--out-dir" : "-o");
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Authorization form (%s) written to %s%n", written.form().language().keyword(), letters.shown(written.file()));
    out.printf("Print it for the patient to sign and give them a copy. Then complete the request's authorization:"
        + " reference, signed, signed_by, document (the signed form's scan) and form_code: %s (the scope code the"
        + " form shows, which check compares with the request), and run check.%n", written.form().code());
    written.form().advice().forEach(a -> err.println("warning: " + a));
    return ExitCodes.OK;
  }

  // A cohort's forms: one line each, as check prints for several requests; a bad request does not
  // stop the others. Requests of the same scope (two letters for one patient under one
  // authorization) share one form: the first writes it, the others are checked and pointed to it.
  private int writeAll(Letters letters, List<Path> files, Language chosen) {
    ClinicProfile clinic = letters.readProfile(profile);
    Forms forms = letters.forms();
    PrintWriter out = spec.commandLine().getOut();
    int worst = ExitCodes.OK;
    int written = 0;
    int sharing = 0;
    Map<String, Shared> thisRun = new HashMap<>();
    for (Path file : files) {
      String shown = TerminalText.oneLine(letters.shown(file));
      try {
        FormRequest request = forms.read(file);
        String name = fileName(request);
        Shared earlier = thisRun.get(name);
        if (earlier != null) {
          Forms.Checked form = forms.check(request, clinic, chosen, acceptWarnings);
          if (!request.regimes().equals(earlier.regimes())) {
            throw new InputException("authorization.regimes: the same scope as " + earlier.shown() + ", whose form "
                + name + " meets other laws; one signed form covers both requests: give both the same regimes");
          }
          if (form.language() != earlier.language()) {
            throw new InputException((request.patientLanguage() != null ? "patient_copy" : "language")
                + ": the same scope as " + earlier.shown() + ", whose form " + name + " is in "
                + earlier.language().keyword() + ": one signed form covers both requests; for a copy in "
                + form.language().keyword() + ", write it on its own with -o FILE --language " + form.language().keyword());
          }
          out.printf("ok    %s: %s (%s), the same form as %s's, form_code: %s%n", shown, name,
              form.language().keyword(), earlier.shown(), form.code());
          form.advice().forEach(a -> spec.commandLine().getErr().println("warning: " + shown + ": " + a));
          sharing++;
          continue;
        }
        Forms.Written made = forms.write(request, clinic, chosen, acceptWarnings, outDir.resolve(name),
            force, "--out-dir");
        thisRun.put(name, new Shared(shown, made.form().language(), request.regimes()));
        out.printf("ok    %s: %s (%s), form_code: %s%n", shown, made.file().getFileName(),
            made.form().language().keyword(), made.form().code());
        made.form().advice().forEach(a -> spec.commandLine().getErr().println("warning: " + shown + ": " + a));
        written++;
      } catch (AccommodateException e) {
        out.printf("FAIL  %s: %s%n", shown, TerminalText.oneLine(Batch.unmentioned(file, e.getMessage())));
        worst = Batch.worse(worst, e.exitCode());
      }
    }
    out.printf("%s written to %s%s, %d failed.%n", Counts.of(written, "form"), letters.shown(letters.resolve(outDir)),
        sharing == 0 ? "" : " (" + Counts.of(sharing, "more request") + " sharing one of them)",
        files.size() - written - sharing);
    return worst;
  }

  // The request that wrote a form of this run, the form's language and the laws it meets.
  private record Shared(String shown, Language language, Set<Regime> regimes) {}

  // Named after its scope code: a request's own file name may be the patient's.
  private static String fileName(FormRequest request) {
    return "form-" + AuthorizationForm.code(request) + ".pdf";
  }
}
