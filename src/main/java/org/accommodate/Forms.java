package org.accommodate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.accommodate.output.AtomicOutput;
import org.accommodate.pdf.PdfComposer;
import org.accommodate.privacy.AuthorizationForm;
import org.accommodate.privacy.PrivacyReview;
import org.accommodate.request.Category;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.FormRequest;
import org.accommodate.request.Language;
import org.accommodate.request.RequestReader;
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

  /** The part of the request file the form is filled from. */
  public FormRequest read(Path file) {
    return requests.readForForm(letters.requestBytes(file), file.toString());
  }

  /** As above, from a request streamed in; {@code display} names it in messages. */
  public FormRequest read(java.io.InputStream in, String display) {
    return requests.readForForm(requests.bytes(in, display), display);
  }

  /**
   * The form in {@code language}, or, when null, in the patient's language (the request's
   * patient_copy), else the letter's; what the letter will print from it is scanned as the
   * letter's inputs are (WARN findings pass only with {@code acceptWarnings}).
   */
  public byte[] pdf(FormRequest request, ClinicProfile profile, Language language, boolean acceptWarnings) {
    if (request.discloses().contains(Category.TREATMENT_TYPE)) {
      // domain.md §2.2: no letter states the kind of treatment; the form would ask the patient
      // to allow what no letter needs.
      throw new PrivacyRefusalException("authorization.discloses: treatment-type is never in a letter;"
          + " leave it out, so that the patient is not asked to allow it");
    }
    PrivacyReview.enforce(new PrivacyReview(profile).scanForForm(request, profile), acceptWarnings);
    Language chosen = chosenLanguage(request, language);
    var model = AuthorizationForm.model(request, profile, chosen, LocalDate.now(letters.clock()),
        PdfComposer.extraFamilies(profile.fonts().size()));
    return letters.composer().composePages(TemplateRenderer.renderForm(model, chosen), profile.fonts());
  }

  /** The language {@link #pdf} fills the form in. */
  public static Language chosenLanguage(FormRequest request, Language language) {
    return language != null ? language : request.patientLanguage() != null ? request.patientLanguage() : request.language();
  }

  /**
   * Writes the form to {@code output} (relative to the working folder), whole or not at all;
   * {@code option} is the one that named it, for messages.
   */
  public Path write(FormRequest request, ClinicProfile profile, Language language, boolean acceptWarnings,
      Path output, boolean force, String option) {
    Path target = letters.resolve(output);
    AtomicOutput.checkWritable(target, force, option);
    byte[] pdf = pdf(request, profile, language, acceptWarnings);
    try {
      AtomicOutput.write(target, pdf, force);
    } catch (IOException e) {
      throw InputException.io(option + ": cannot write " + target, e);
    }
    return target;
  }
}
