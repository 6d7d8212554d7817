package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.accommodate.privacy.AuthorizedModel;
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

  private final Context context;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    LetterRequest parsed = context.letters().readRequest(request);
    ClinicProfile clinic = context.letters().readProfile(profile);
    AuthorizedModel model = context.letters().check(parsed, clinic);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Request OK: template %s, authorization covers %s.%n", model.templateId(),
        String.join(", ", model.categories().stream().map(c -> c.keyword()).sorted().toList()));
    Manifests.print(out, model.manifest());
    return ExitCodes.OK;
  }
}
