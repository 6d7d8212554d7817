package org.accommodate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.accommodate.Forms;
import org.accommodate.privacy.AuthorizationForm;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.FormRequest;
import org.accommodate.request.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** accommodate authorization-form REQUEST: the form the patient signs, filled from the request. */
@Command(name = "authorization-form", mixinStandardHelpOptions = true,
    header = "Write the authorization form for the patient to sign, filled from a request.",
    description = "Write the authorization (and, for a Part 2 program, consent) form the patient signs before"
        + " the letter, filled from the request: who shares, who receives, what the letter may say, the purpose"
        + " and the last day, with the patient's rights; in 14-point type for a California clinic. The request's"
        + " signature fields (reference, signed, signed_by) may still be empty or hold the example's placeholders."
        + " Needs no key; records nothing.",
    footer = ExitCodes.HELP)
final class AuthorizationFormCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", description = "The request file, or - to read it from standard input.")
  Path request;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Where to write the form (default: authorization-form.pdf); - writes it to standard output.")
  Path output;

  @Option(names = "--language", paramLabel = "LANG",
      description = "The form's language, en or es (default: the patient's, from patient_copy, else the letter's).")
  String language;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--force", description = "Replace an existing file.")
  boolean force;

  @Option(names = "--accept-warnings", description = "Go on past WARN findings of the privacy scan.")
  boolean acceptWarnings;

  private final Context context;

  AuthorizationFormCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws java.io.IOException {
    Language chosen = language == null ? null : Language.ofOption(language, "--language");
    boolean piped = output != null && Context.isStdin(output);
    java.io.OutputStream stdout = piped ? context.pdfOutput("authorization-form") : null;
    Forms forms = context.letters().forms();
    FormRequest form = Context.isStdin(request) ? forms.read(context.stdin(), Context.STDIN) : forms.read(request);
    ClinicProfile clinic = context.letters().readProfile(profile);
    Language written = Forms.chosenLanguage(form, chosen);
    var out = spec.commandLine().getOut();
    if (piped) {
      stdout.write(forms.pdf(form, clinic, chosen, acceptWarnings));
      stdout.flush();
      spec.commandLine().getErr().printf("Authorization form (%s) written to standard output%n", written.keyword());
      return ExitCodes.OK;
    }
    Path file = forms.write(form, clinic, chosen, acceptWarnings, output != null ? output : Forms.DEFAULT_OUTPUT, force);
    out.printf("Authorization form (%s) written to %s%n", written.keyword(), context.letters().shown(file));
    out.printf("Print it for the patient to sign and give them a copy. Then complete the request's authorization:"
        + " reference, signed, signed_by, document (the signed form's scan) and form_code: %s (the scope code the"
        + " form shows, which check compares with the request), and run check.%n", AuthorizationForm.code(form));
    return ExitCodes.OK;
  }
}
