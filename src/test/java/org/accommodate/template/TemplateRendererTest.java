package org.accommodate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.privacy.LetterFacts;
import org.accommodate.privacy.Minimizer;
import org.accommodate.request.Category;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.Language;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.ProfileReader;
import org.accommodate.request.RequestReader;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
  private static final EnumSet<Category> ALL = EnumSet.of(Category.IDENTITY, Category.CARE_STATUS,
      Category.SCHEDULE, Category.DURATION, Category.ACCOMMODATION);

  private static LetterRequest request(String yaml) {
    return new RequestReader(Fixtures.CLOCK).read(yaml.getBytes(StandardCharsets.UTF_8), "request.yaml");
  }

  private static ClinicProfile profile() {
    return new ProfileReader().read(Fixtures.profile().getBytes(StandardCharsets.UTF_8), "clinic.yaml", Path.of("."));
  }

  private static AuthorizedModel model(LetterRequest request, EnumSet<Category> needed) {
    return new Minimizer(org.accommodate.testing.Fixtures.CLOCK).minimize(request, profile(), needed, new LetterFacts("ABCD-EFGH-JKMN-PQRS", false));
  }

  @Test
  void rendersTheAvailabilitySentenceAndTheLetterId() {
    String xhtml = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped()).render(model(request(Fixtures.request()), ALL), Language.EN);

    assertTrue(xhtml.contains("From December 7, 2026 through January 29, 2027, Jordan Rivera is not available"
        + " for work at these times:"), xhtml);
    assertTrue(xhtml.contains("<th scope=\"col\">Days</th>"), xhtml);
    assertTrue(xhtml.contains("<td>Mondays, Wednesdays and Fridays</td><td>9:00 a.m. to 12:00 p.m.</td>"), xhtml);
    assertTrue(xhtml.contains("Letter ID: ABCD-EFGH-JKMN-PQRS"), xhtml);
    assertTrue(xhtml.contains("lang=\"en-US\""), xhtml);
    assertFalse(xhtml.contains("SPECIMEN"), "only demo keys get the specimen mark");
    assertFalse(xhtml.contains("1234567893"), "the NPI is never printed");
  }

  // A workplace in another zone than the clinic: every time says whose clock it is, in the
  // letter's language; a zone on standard time all year is not given the generic name that
  // would read as its neighbours' summer clock.
  @Test
  void theWorkplacesTimeZoneGoesWithEveryTime() {
    TemplateRenderer renderer = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped());
    String chicago = Fixtures.request() + "time_zone: America/Chicago\n";
    assertTrue(renderer.render(model(request(chicago), ALL), Language.EN)
        .contains("<td>9:00 a.m. to 12:00 p.m. (Central Time)</td>"));
    String spanish = chicago.replace("language: en", "language: es");
    assertTrue(renderer.render(model(request(spanish), ALL), Language.ES)
        .contains("<td>9:00\u00a0a.\u00a0m. a 12:00\u00a0p.\u00a0m. (hora central)</td>"));
    String phoenix = Fixtures.request() + "time_zone: America/Phoenix\n";
    assertTrue(renderer.render(model(request(phoenix), ALL), Language.EN)
        .contains("<td>9:00 a.m. to 12:00 p.m. (Mountain Standard Time)</td>"));
  }

  // "Since" is the month and year alone, in the letter's language, in every shipped template;
  // without it the care statement is as before.
  @Test
  void theMonthCareBeganGoesWithTheCareStatementWhenGiven() {
    TemplateRenderer renderer = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped());
    String since = Fixtures.request().replace("  reference: MRN-0042\n", "  reference: MRN-0042\n  under_care_since: 2025-09-14\n");
    String english = renderer.render(model(request(since), ALL), Language.EN);
    assertTrue(english.contains("<p>Jordan Rivera has been under my professional care since September 2025. "), english);
    assertFalse(english.contains("September 14"), english);
    String spanish = renderer.render(model(request(since.replace("language: en", "language: es")), ALL), Language.ES);
    assertTrue(spanish.contains("<p>Jordan Rivera está bajo mi atención profesional desde septiembre de 2025. "), spanish);
    assertTrue(renderer.render(model(request(Fixtures.request()), ALL), Language.EN)
        .contains("<p>Jordan Rivera is under my professional care. "));
    for (java.nio.file.Path template : java.util.List.of("leave", "remote-work", "return-to-work", "return-with-restrictions",
        "schedule-adjustment").stream().map(id -> java.nio.file.Path.of("templates", id)).toList()) {
      for (String language : java.util.List.of("en", "es")) {
        assertTrue(readString(template.resolve(language + ".ftlx")).contains("care.since"), template + " " + language);
      }
    }
  }

  private static String readString(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // HR matches a letter to the employee by the employer's own ID when the patient gives it;
  // without one the heading is the name alone.
  @Test
  void theEmployeeIdStandsBesideTheNameWhenGiven() {
    TemplateRenderer renderer = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped());
    String withId = Fixtures.request().replace("  reference: MRN-0042\n", "  reference: MRN-0042\n  employee_id: E-00412\n");
    assertTrue(renderer.render(model(request(withId), ALL), Language.EN)
        .contains("<h1>Re: Work schedule adjustment — Jordan Rivera (employee ID E-00412)</h1>"));
    assertTrue(renderer.render(model(request(withId.replace("language: en", "language: es")), ALL), Language.ES)
        .contains("<h1>Asunto: Adaptación del horario de trabajo — Jordan Rivera (número de empleado E-00412)</h1>"));
    assertTrue(renderer.render(model(request(Fixtures.request()), ALL), Language.EN)
        .contains("<h1>Re: Work schedule adjustment — Jordan Rivera</h1>"));
  }

  // Intermittent leave may be absences that cannot be scheduled (FMLA's episodic flare-ups): how
  // often and how long at most, alone or after the table of fixed times, in both languages.
  @Test
  void absencesAtShortNoticeSayHowOftenAndHowLong() {
    TemplateRenderer renderer = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped());
    String intermittent = Fixtures.request().replace("type: shifted-hours", "type: intermittent-leave");
    String alone = Fixtures.withoutTimes(intermittent) + "episodes: {times: 2, per: month, days: 1}\n";
    String en = renderer.render(model(request(alone), ALL), Language.EN);
    assertTrue(en.contains("<p>From December 7, 2026 through January 29, 2027, Jordan Rivera may need to be away from"
        + " work at short notice, up to twice a month, for up to 1 day each time.</p>"), en);
    assertFalse(en.contains("<table"), en);
    String es = renderer.render(model(request(alone.replace("language: en", "language: es")), ALL), Language.ES);
    assertTrue(es.contains("puede necesitar ausentarse del trabajo con poca antelación, hasta 2 veces al mes, hasta 1 día"
        + " cada vez.</p>"), es);
    String both = intermittent + "episodes: {times: 1, per: week, hours: 4}\n";
    String table = renderer.render(model(request(both), ALL), Language.EN);
    assertTrue(table.contains("</table>\n<p>Jordan Rivera may also need to be away from work at short notice, up to once"
        + " a week, for up to 4 hours each time.</p>"), table);
  }

  @Test
  void escapesMarkupInRequestFields() {
    String yaml = Fixtures.request().replace("name: Jordan Rivera", "name: \"Jordan <b>Rivera</b> & Co\"");
    String xhtml = new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped()).render(model(request(yaml), ALL), Language.EN);

    assertTrue(xhtml.contains("Jordan &lt;b&gt;Rivera&lt;/b&gt; &amp; Co"), xhtml);
    assertFalse(xhtml.contains("<b>Rivera"));
  }

  @Test
  void refusesATemplateThatNeedsDataOutsideTheModel() {
    EnumSet<Category> withoutSchedule = EnumSet.copyOf(ALL);
    withoutSchedule.remove(Category.SCHEDULE);
    AuthorizedModel model = model(request(Fixtures.request()), withoutSchedule);

    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new TemplateRenderer(org.accommodate.template.TemplateCatalog.shipped()).render(model, Language.EN));
    assertTrue(refusal.getMessage().startsWith("template 'schedule-adjustment' failed at line"), refusal.getMessage());
    assertEquals(3, refusal.exitCode());
  }

  @Test
  void theModelHoldsOnlyTheCategoriesTheTemplateNeeds() {
    AuthorizedModel model = model(request(Fixtures.request()), EnumSet.of(Category.IDENTITY));

    assertTrue(model.view().containsKey("identity"));
    assertFalse(model.view().containsKey("schedule"));
    assertFalse(model.view().containsKey("accommodation"));
    assertFalse(model.view().toString().contains("MRN-0042"), "patient reference never reaches a template");
    assertFalse(model.view().toString().contains("AUTH-2026-0142"), "authorization reference never reaches a template");
  }
}
