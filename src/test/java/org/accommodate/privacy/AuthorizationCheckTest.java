package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.accommodate.InputException;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.request.Category;
import org.accommodate.request.LetterRequest;
import org.accommodate.request.RequestReader;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AuthorizationCheckTest {
  private static final EnumSet<Category> NEEDED = EnumSet.of(Category.IDENTITY, Category.SCHEDULE);

  private static final java.time.LocalDate TODAY = java.time.LocalDate.now(Fixtures.CLOCK);

  private static LetterRequest request(String yaml) {
    return new RequestReader(Fixtures.CLOCK).read(yaml.getBytes(StandardCharsets.UTF_8), "request.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACME Logistics", "Acme  Logistics.", "acme logistics", "Ácme Logistics"})
  void matchesTheRecipientDespiteCaseAccentsPunctuationAndSpacing(String recipient) {
    LetterRequest request = request(Fixtures.request().replace("recipient: Acme Logistics", "recipient: \"" + recipient + "\""));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED, TODAY, java.util.Set.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Line Manager", "Store manager", "Shift Supervisor", "Team Lead", "Jefe de turno",
      "Shift Lead", "Crew Chief", "Charge Nurse", "Head Chef", "Operations Director", "Líder de equipo",
      "Encargado de almacén", "Capataz"})
  void refusesToAddressASupervisorOrManager(String attention) {
    LetterRequest request = request(Fixtures.request().replace("attention: Human Resources", "attention: " + attention));
    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new AuthorizationCheck().check(request, NEEDED, TODAY, java.util.Set.of()));
    assertEquals(3, refusal.exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HR Manager", "Human Resources Manager", "Leave Administrator", "Benefits Manager",
      "HR Director", "Head of People", "Directora de Recursos Humanos", "Disability Program Director",
      "Occupational Health Manager", "Jefa de Recursos Humanos", "Jefe de Personal"})
  void allowsHumanResourcesRoles(String attention) {
    LetterRequest request = request(Fixtures.request().replace("attention: Human Resources", "attention: " + attention));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED, TODAY, java.util.Set.of()));
  }

  @Test
  void namesEveryMissingCategory() {
    LetterRequest request = request(Fixtures.request().replace("discloses: [identity, care-status, schedule, duration, accommodation]",
        "discloses: [identity]"));
    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new AuthorizationCheck().check(request, EnumSet.of(Category.IDENTITY, Category.SCHEDULE, Category.DURATION), TODAY, java.util.Set.of()));
    assertEquals("authorization.discloses: does not cover schedule, duration (needed by template 'schedule-adjustment')",
        refusal.getMessage());
  }

  @Test
  void anAuthorizationExpiringOnTheLetterDateIsStillValid() {
    LetterRequest request = request(Fixtures.request().replace("expires: 2027-03-01", "expires: 2026-12-01")
        .replace("end: 2027-01-29", "end: 2026-12-01").replace("start: 2026-12-07", "start: 2026-12-01"));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED, TODAY, java.util.Set.of()));
  }

  // The disclosure happens the day the letter is issued, whatever date it bears.
  @Test
  void aLetterDatedBackIsStillCheckedAgainstTheDayItIsIssued() {
    String backdated = Fixtures.request().replace("date: 2026-12-01", "date: 2026-11-20").replace("signed: 2026-11-30", "signed: 2026-11-15")
        .replace("expires: 2027-03-01", "expires: 2026-11-28").replace("start: 2026-12-07", "start: 2026-11-23")
        .replace("end: 2027-01-29", "end: 2026-11-27");
    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new AuthorizationCheck().check(request(backdated), NEEDED, TODAY, java.util.Set.of()));
    assertEquals("authorization.expires: the authorization has expired (the letter is dated earlier, but it is"
        + " disclosed today); ask the patient to sign a new one", refusal.getMessage());
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request(backdated.replace("expires: 2026-11-28",
        "expires: 2026-12-01")), NEEDED, TODAY, java.util.Set.of()));
  }

  // Found by hand: a period over before the letter's date (a year mistyped) made a letter
  // "requesting" an arrangement already past.
  @Test
  void aPeriodOverBeforeTheLettersDateIsRefused() {
    String past = Fixtures.request().replace("start: 2026-12-07", "start: 2025-12-07").replace("end: 2027-01-29",
        "end: 2026-01-29");
    InputException refused = assertThrows(InputException.class,
        () -> new AuthorizationCheck().check(request(past), NEEDED, TODAY, java.util.Set.of()));
    assertEquals("period: is over before the letter's date; a letter asks for an arrangement still to come: check"
        + " the year", refused.getMessage());
    String ongoing = Fixtures.request().replace("start: 2026-12-07", "start: 2026-11-02").replace("end: 2027-01-29",
        "end: 2026-12-01");
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request(ongoing), NEEDED, TODAY, java.util.Set.of()),
        "begun before the letter and ending on its date");
  }

  // A letter dated ahead would be checked against a day that has not come: here an authorization
  // not yet signed.
  @Test
  void aLetterDatedAheadIsRefused() {
    String ahead = Fixtures.request().replace("date: 2026-12-01", "date: 2026-12-20").replace("signed: 2026-11-30", "signed: 2026-12-15");
    InputException refused = assertThrows(InputException.class,
        () -> new AuthorizationCheck().check(request(ahead), NEEDED, TODAY, java.util.Set.of()));
    assertEquals(2, refused.exitCode());
    assertEquals("date: is after today; a letter bears the day it is issued or an earlier one", refused.getMessage());
  }
}
