package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.accommodate.AccommodateException;
import org.accommodate.batch.Batch;
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

/** accommodate check REQUEST|DIR...: validation and privacy review; writes nothing. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Validate a request and its authorization, and print what a letter would disclose. Writes nothing.",
    footer = ExitCodes.HELP)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST|DIR", arity = "1..*",
      description = "The request file; or several, or folders of them, to check before a batch.")
  List<Path> requests;

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
    Letters letters = templates.letters(context).prepare();
    List<Path> files = letters.requestFiles(requests);
    if (files.size() > 1) {
      return checkAll(letters, files);
    }
    // One file, named in messages as the user gave it.
    boolean named = requests.size() == 1 && !Files.isDirectory(letters.resolve(requests.get(0)));
    LetterRequest parsed = letters.readRequest(named ? requests.get(0) : files.get(0));
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

  // Before a batch: one line per request, ok or FAIL and why (the field, never its
  // content), a count, and the worst exit code, as batch would report them; no key is needed.
  private int checkAll(Letters letters, List<Path> files) {
    ClinicProfile clinic = letters.readProfile(profile);
    PrintWriter out = spec.commandLine().getOut();
    int worst = ExitCodes.OK;
    int ready = 0;
    for (Path file : files) {
      Path shown = letters.shown(file);
      try {
        Letters.Review review = letters.check(letters.readRequest(shown), clinic);
        PrivacyReview.enforce(review.findings(), acceptWarnings);
        out.printf("ok    %s (template %s)%n", shown, review.model().templateId());
        review.model().advisories().forEach(a -> spec.commandLine().getErr().println("warning: " + shown + ": " + a));
        ready++;
      } catch (AccommodateException e) {
        out.printf("FAIL  %s: %s%n", shown, e.getMessage());
        worst = Batch.worse(worst, e.exitCode());
      }
    }
    out.printf("%d requests: %d ready for a letter, %d would fail.%n", files.size(), ready, files.size() - ready);
    return worst;
  }
}
