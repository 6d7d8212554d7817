package org.accommodate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.accommodate.AccommodateException;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.batch.Batch;
import org.accommodate.batch.SharedForms;
import java.util.concurrent.Callable;
import org.accommodate.Letters;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.privacy.DisclosureManifest;
import org.accommodate.privacy.ScanFinding;
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
  private static final ObjectMapper JSON = JsonOutput.JSON;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REQUEST|DIR", arity = "1..*",
      description = "The request file (- reads it from standard input); or several, or folders of them, to check before a batch.")
  List<Path> requests;

  @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
  Path profile;

  @Option(names = "--accept-warnings", description = "Treat WARN findings as accepted (as letter would with this option).")
  boolean acceptWarnings;

  @Option(names = "--json", description = "One JSON object per request, one per line: ready or not, why, and what it"
      + " would disclose (field names and categories, never their content).")
  boolean json;

  @picocli.CommandLine.Mixin TemplateOptions templates;

  private final Context context;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Letters letters = templates.letters(context).prepare();
    boolean piped = Context.stdinAlone(requests, "REQUEST", "a request", "checked");
    List<Path> files = piped ? requests : letters.requestFiles(requests);
    if (json) {
      return checkJson(letters, files);
    }
    if (files.size() > 1) {
      return checkAll(letters, files);
    }
    // One file, named in messages as the user gave it.
    boolean named = requests.size() == 1 && !Files.isDirectory(letters.resolve(requests.get(0)));
    LetterRequest parsed = context.readRequest(letters, named ? requests.get(0) : files.get(0));
    ClinicProfile clinic = letters.readProfile(profile);
    Letters.Review review = letters.check(parsed, clinic);
    AuthorizedModel model = review.model();
    PrintWriter out = spec.commandLine().getOut();
    // Which form it was taken for: a Part 2 program's letter needs a Part 2 consent.
    String form = String.join(" and ", parsed.authorization().regimes().stream().sorted()
        .map(org.accommodate.request.Regime::label).toList());
    out.printf("Authorization OK (%s): template %s, covers %s%s.%n", form, model.templateId(),
        String.join(", ", model.categories().stream().map(c -> c.keyword()).sorted().toList()),
        clinic.revokedAuthorizations().isEmpty() ? ""
            : "; not on the clinic's list of revoked authorizations (" + clinic.revokedAuthorizations().size() + ")");
    if (parsed.authorization().documentSha256() != null) {
      out.printf("Signed form's file: SHA-256 %s (the ledger records it with the letter).%n",
          parsed.authorization().documentSha256());
    }
    if (parsed.authorization().formCode() != null) {
      out.printf("Scope code %s: the request states the scope the signed form prints.%n",
          parsed.authorization().formCode());
    }
    Manifests.print(out, model.manifest(), review.findings());
    if (parsed.patientCopy() != null) {
      out.printf("Patient's copy: in %s, written beside the letter (unsigned; the same content and letter ID).%n",
          parsed.patientCopy().keyword());
    }
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
    List<Read> reads = readAll(letters, files);
    Map<Integer, PrivacyRefusalException> shared = sharedForms(files, reads);
    for (int i = 0; i < files.size(); i++) {
      Checked checked = check(letters, clinic, reads.get(i), shared.get(i));
      if (checked.failure() == null) {
        out.printf("ok    %s (template %s)%n", TerminalText.oneLine(checked.shown()), checked.review().model().templateId());
        checked.review().model().advisories()
            .forEach(a -> spec.commandLine().getErr().println("warning: " + TerminalText.oneLine(checked.shown()) + ": " + a));
        ready++;
      } else {
        out.printf("FAIL  %s: %s%n", TerminalText.oneLine(checked.shown()),
            TerminalText.oneLine(Batch.unmentioned(checked.shown(), checked.failure().getMessage())));
        worst = Batch.worse(worst, checked.failure().exitCode());
      }
    }
    out.printf("%d requests: %d ready for a letter, %d would fail.%n", files.size(), ready, files.size() - ready);
    return worst;
  }

  // For an EHR export or a script: the same verdicts, one object per request as each is checked,
  // with the manifest and findings whenever the request got as far as a review (a refused one
  // shows what was found and where). Field names, categories and rules only, as everywhere.
  private int checkJson(Letters letters, List<Path> files) {
    ClinicProfile clinic = letters.readProfile(profile);
    PrintWriter out = spec.commandLine().getOut();
    int worst = ExitCodes.OK;
    List<Read> reads = readAll(letters, files);
    Map<Integer, PrivacyRefusalException> shared = sharedForms(files, reads);
    for (int i = 0; i < files.size(); i++) {
      Checked checked = check(letters, clinic, reads.get(i), shared.get(i));
      ObjectNode node = JSON.createObjectNode();
      node.put("file", checked.shown().toString());
      if (checked.failure() == null) {
        node.put("result", "ok");
        node.put("exitCode", ExitCodes.OK);
      } else {
        node.put("result", "FAIL");
        node.put("exitCode", checked.failure().exitCode());
        node.put("error", Batch.unmentioned(checked.shown(), checked.failure().getMessage()));
        worst = Batch.worse(worst, checked.failure().exitCode());
      }
      if (checked.review() != null) {
        describe(node, checked.request(), checked.review());
      }
      out.println(JsonOutput.line(node));
      out.flush();
    }
    return worst;
  }

  /** One request checked: its review when it got that far, and why a letter would fail, if it would. */
  private record Checked(Path shown, LetterRequest request, Letters.Review review, AccommodateException failure) {}

  /** One request as read: the request, or why it could not be read. */
  private record Read(Path shown, LetterRequest request, AccommodateException failure) {}

  // Each request read once, before any is checked: batch's refusal of requests giving one signed
  // form's file for different patients needs them all.
  private List<Read> readAll(Letters letters, List<Path> files) {
    List<Read> reads = new java.util.ArrayList<>();
    for (Path file : files) {
      Path shown = Context.isStdin(file) ? file : letters.shown(file);
      try {
        reads.add(new Read(shown, context.readRequest(letters, shown), null));
      } catch (AccommodateException e) {
        reads.add(new Read(shown, null, e));
      }
    }
    return reads;
  }

  private static Map<Integer, PrivacyRefusalException> sharedForms(List<Path> files, List<Read> reads) {
    return SharedForms.refusals(files, reads.stream().map(Read::request).toList());
  }

  private Checked check(Letters letters, ClinicProfile clinic, Read read, PrivacyRefusalException shared) {
    if (read.failure() != null) {
      return new Checked(read.shown(), null, null, read.failure());
    }
    Letters.Review review = null;
    try {
      review = letters.check(read.request(), clinic);
      PrivacyReview.enforce(review.findings(), acceptWarnings);
      return new Checked(read.shown(), read.request(), review, shared);
    } catch (AccommodateException e) {
      return new Checked(read.shown(), read.request(), review, e);
    }
  }

  private static void describe(ObjectNode node, LetterRequest request, Letters.Review review) {
    AuthorizedModel model = review.model();
    node.put("template", model.templateId());
    if (request.patientCopy() != null) {
      node.put("patientCopy", request.patientCopy().keyword());
    }
    if (request.authorization().documentSha256() != null) {
      node.put("authorizationSha256", request.authorization().documentSha256());
    }
    if (request.authorization().formCode() != null) {
      node.put("formCode", request.authorization().formCode());  // checked: it matches the request's scope
    }
    // The laws the authorization's form meets, as the human output names them.
    ArrayNode regimes = node.putArray("regimes");
    request.authorization().regimes().stream().map(r -> r.keyword()).sorted().forEach(regimes::add);
    ArrayNode categories = node.putArray("categories");
    model.categories().stream().map(c -> c.keyword()).sorted().forEach(categories::add);
    ArrayNode manifest = node.putArray("manifest");
    for (DisclosureManifest.Entry entry : model.manifest().entries()) {
      manifest.addObject().put("field", entry.field()).put("disclosed", entry.disclosed()).put("why", entry.why());
    }
    ArrayNode findings = node.putArray("findings");
    for (ScanFinding finding : review.findings()) {
      findings.addObject().put("field", finding.field()).put("category", finding.category())
          .put("severity", finding.severity().name()).put("rule", finding.rule());
    }
    ArrayNode warnings = node.putArray("warnings");
    model.advisories().forEach(warnings::add);
    node.put("termLists", review.termLists());
  }
}
