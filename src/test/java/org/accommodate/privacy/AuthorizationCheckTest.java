package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
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

  private static LetterRequest request(String yaml) {
    return new RequestReader(Fixtures.CLOCK).read(yaml.getBytes(StandardCharsets.UTF_8), "request.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACME Logistics", "Acme  Logistics.", "acme logistics", "Ácme Logistics"})
  void matchesTheRecipientDespiteCaseAccentsPunctuationAndSpacing(String recipient) {
    LetterRequest request = request(Fixtures.request().replace("recipient: Acme Logistics", "recipient: \"" + recipient + "\""));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Line Manager", "Store manager", "Shift Supervisor", "Team Lead", "Jefe de turno"})
  void refusesToAddressASupervisorOrManager(String attention) {
    LetterRequest request = request(Fixtures.request().replace("attention: Human Resources", "attention: " + attention));
    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new AuthorizationCheck().check(request, NEEDED));
    assertEquals(3, refusal.exitCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"HR Manager", "Human Resources Manager", "Leave Administrator", "Benefits Manager"})
  void allowsHumanResourcesRoles(String attention) {
    LetterRequest request = request(Fixtures.request().replace("attention: Human Resources", "attention: " + attention));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED));
  }

  @Test
  void namesEveryMissingCategory() {
    LetterRequest request = request(Fixtures.request().replace("discloses: [identity, care-status, schedule, duration, accommodation]",
        "discloses: [identity]"));
    PrivacyRefusalException refusal = assertThrows(PrivacyRefusalException.class,
        () -> new AuthorizationCheck().check(request, EnumSet.of(Category.IDENTITY, Category.SCHEDULE, Category.DURATION)));
    assertEquals("authorization.discloses: does not cover schedule, duration (needed by template 'schedule-adjustment')",
        refusal.getMessage());
  }

  @Test
  void anAuthorizationExpiringOnTheLetterDateIsStillValid() {
    LetterRequest request = request(Fixtures.request().replace("expires: 2027-03-01", "expires: 2026-12-01")
        .replace("end: 2027-01-29", "end: 2026-12-01").replace("start: 2026-12-07", "start: 2026-12-01"));
    assertDoesNotThrow(() -> new AuthorizationCheck().check(request, NEEDED));
  }
}
