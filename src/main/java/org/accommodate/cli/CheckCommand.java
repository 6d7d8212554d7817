package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.accommodate.Letters;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.privacy.PrivacyReview;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.LetterRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate check REQUEST: validation and privacy review; writes nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate a request and its authorization, and print what a letter would disclose. Writes nothing.",
    footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST", description = "The request file.")
  Path request;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--accept-warnings", description = "Treat WARN findings as accepted (as letter would with this option).")
  boolean acceptWarnings;

  @picocli.CommandLine.Mixin TemplateOptions templates;

  private final Context context;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    org.accommodate.Letters letters = templates.letters(context).prepare();
    LetterRequest parsed = letters.readRequest(request);
    ClinicProfile clinic = letters.readProfile(profile);
    Letters.Review review = letters.check(parsed, clinic);
    AuthorizedModel model = review.model();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Authorization OK: template %s, covers %s.%n", model.templateId(),
        String.join(", ", model.categories().stream().map(c -> c.keyword()).sorted().toList()));
    Manifests.print(out, model.manifest(), review.findings());
    out.printf("Term lists: %s. The finished PDF is scanned again when the letter is made.%n", review.termLists());
    out.flush();
    model.advisories().forEach(a -> spec.commandLine().getErr().println("warning: " + a));
    PrivacyReview.enforce(review.findings(), acceptWarnings);
    return ExitCodes.OK;
  }
}
