package org.accommodate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.accommodate.output.AtomicOutput;
import org.accommodate.pdf.PdfComposer;
import org.accommodate.privacy.AuthorizationCheck;
import org.accommodate.privacy.AuthorizationForm;
import org.accommodate.privacy.Minimizer;
import org.accommodate.privacy.PrivacyReview;
import org.accommodate.request.Category;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.FormRequest;
import org.accommodate.request.Language;
import org.accommodate.request.RequestReader;
import org.accommodate.template.TemplateManifest;
import org.accommodate.template.TemplateRenderer;

/**
 * The authorization form a patient signs before a letter is written, filled from the same
 * request, so that the signed form allows what the letter needs and nothing it never says. It is
 * not a disclosure: nothing is signed or recorded.
 */
public final class Forms {
  /** Where the form goes when no file is named. */
  public static final Path DEFAULT_OUTPUT = Path.of("authorization-form.pdf");

  private final Letters letters;
  private final RequestReader requests;

  Forms(Letters letters) {
    this.letters = letters;
    this.requests = new RequestReader(letters.clock());
  }

  /**
   * A form made, not yet written.
   *
   * @param language the language it is in
   * @param code its scope code, for the request's authorization.form_code
   * @param advice what the clinician should know before the patient signs (categories the letter
   *     never prints)
   */
  public record Form(byte[] pdf, Language language, String code, List<String> advice) {}

  /** The part of the request file the form is filled from. */
  public FormRequest read(Path file) {
    return requests.readForForm(letters.requestBytes(file), file.toString());
  }

  /** The same from bytes that are no file of the user's (the demo's request). */
  FormRequest readBuiltIn(byte[] request, String name) {
    return requests.readForForm(request, name);
  }

  /** As above, from a request streamed in; {@code display} names it in messages. */
  public FormRequest read(java.io.InputStream in, String display) {
    return requests.readForForm(requests.bytes(in, display), display);
  }

  /**
   * The form in {@code language}, or, when null, in the patient's language (the request's
   * patient_copy), else the letter's. It must allow every category the letter's template prints
   * (a form that does not would have to be signed again), and what the letter will print from it
   * is scanned as the letter's inputs are (WARN findings pass only with {@code acceptWarnings}).
   */
  public Form make(FormRequest request, ClinicProfile profile, Language language, boolean acceptWarnings) {
    Checked checked = check(request, profile, language, acceptWarnings);
    var model = AuthorizationForm.model(request, profile, checked.language(), LocalDate.now(letters.clock()),
        PdfComposer.extraFamilies(profile.fonts().size()));
    byte[] pdf = letters.composer().composePages(TemplateRenderer.renderForm(model, checked.language()),
        profile.fonts());
    return new Form(pdf, checked.language(), checked.code(), checked.advice());
  }

  /** What {@link #check} found: the form's language, scope code and advice. */
  public record Checked(Language language, String code, List<String> advice) {}

  /**
   * Everything {@link #make} refuses, refused, without rendering: for a request whose form
   * another request of the same scope has just written.
   */
  public Checked check(FormRequest request, ClinicProfile profile, Language language, boolean acceptWarnings) {
    fitsTheLetter(request);
    List<String> advice = covers(request);
    PrivacyReview.enforce(new PrivacyReview(profile).scanForForm(request, profile), acceptWarnings);
    Language chosen = language != null ? language
        : request.patientLanguage() != null ? request.patientLanguage() : request.language();
    return new Checked(chosen, AuthorizationForm.code(request), advice);
  }

  // The letter's check, done before the patient signs: a form for another recipient than the
  // letter's employer, or ending before the letter's period does, would have to be signed again.
  private static void fitsTheLetter(FormRequest request) {
    if (request.employer() != null && !AuthorizationCheck.normalizedName(request.recipient())
        .equals(AuthorizationCheck.normalizedName(request.employer()))) {
      throw new PrivacyRefusalException("authorization.recipient: does not name employer.organization; the letter"
          + " could not go out under this form: make them the same before the patient signs");
    }
    if (request.lastDay() != null && request.lastDay().isAfter(request.expires())) {
      throw new PrivacyRefusalException("authorization.expires: comes before the end of period; the letter could"
          + " not go out under this form: give it a later last day, or shorten the period, before the patient signs");
    }
  }

  // The categories the letter will print against those the form would allow.
  private List<String> covers(FormRequest request) {
    if (request.discloses().contains(Category.TREATMENT_TYPE)) {
      // domain.md §2.2: no letter states the kind of treatment; the form would ask the patient
      // to allow what no letter needs.
      throw new PrivacyRefusalException("authorization.discloses: treatment-type is never in a letter;"
          + " leave it out, so that the patient is not asked to allow it");
    }
    if (request.templateId() == null && request.accommodationType() == null) {
      throw new InputException("accommodation.type: is required, to know the letter's template and what the form"
          + " must allow (or name the template)");
    }
    TemplateManifest template = letters.templateFor(request.templateId(), request.accommodationType());
    Set<Category> needed = Minimizer.needed(template.categories(), request.level());
    EnumSet<Category> missing = EnumSet.copyOf(needed);
    missing.removeAll(request.discloses());
    if (!missing.isEmpty()) {
      throw new PrivacyRefusalException("authorization.discloses: does not cover " + keywords(missing)
          + " (needed by template '" + template.id() + "'); add it before the patient signs, or the letter will be"
          + " refused");
    }
    EnumSet<Category> extra = EnumSet.copyOf(request.discloses());
    extra.removeAll(needed);
    return extra.isEmpty() ? List.of() : List.of("authorization.discloses: lists " + keywords(extra) + ", which template '"
        + template.id() + "' does not print; leave " + (extra.size() == 1 ? "it" : "them") + " out, so that the patient"
        + " allows only what the letter says");
  }

  private static String keywords(Set<Category> categories) {
    return categories.stream().map(Category::keyword).collect(Collectors.joining(", "));
  }

  /** A form written, and where. */
  public record Written(Path file, Form form) {}

  /**
   * Writes the form to {@code output} (relative to the working folder), whole or not at all;
   * {@code option} is the one that named it, for messages. The name is checked before the form
   * is made.
   */
  public Written write(FormRequest request, ClinicProfile profile, Language language, boolean acceptWarnings,
      Path output, boolean force, String option) {
    Path target = letters.resolve(output);
    AtomicOutput.checkWritable(target, force, option);
    Form form = make(request, profile, language, acceptWarnings);
    try {
      AtomicOutput.write(target, form.pdf(), force);
    } catch (IOException e) {
      throw InputException.io(option + ": cannot write " + target, e);
    }
    return new Written(target, form);
  }
}
