package org.accommodate.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
  private static LetterRequest read(String yaml) {
    return new RequestReader(Fixtures.CLOCK).read(yaml.getBytes(StandardCharsets.UTF_8), "request.yaml");
  }

  private static String error(String yaml) {
    return assertThrows(InputException.class, () -> read(yaml)).getMessage();
  }

  // Windows tools (PowerShell 5's Out-File, Notepad's "Unicode") write UTF-16 with a byte-order
  // mark, as YAML allows; read as the same request. Other encodings are refused, by name only.
  @Test
  void utf16WithAByteOrderMarkReadsAsUtf8Does() {
    RequestReader reader = new RequestReader(Fixtures.CLOCK);
    String text = Fixtures.request().replace("Jordan Rivera", "Jordán Rivera");
    for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      byte[] bytes = ("\uFEFF" + text).getBytes(charset);
      assertEquals("Jordán Rivera", reader.read(bytes, "request.yaml").patient().name(), charset.name());
    }
    for (byte[] other : List.of(text.getBytes(StandardCharsets.ISO_8859_1), text.getBytes(StandardCharsets.UTF_16LE))) {
      assertEquals("request request.yaml: is not UTF-8 text (nor UTF-16 with a byte-order mark)",
          assertThrows(InputException.class, () -> reader.read(other, "request.yaml")).getMessage());
    }
  }

  @Test
  void readsTheDesignExample() {
    LetterRequest request = read(Fixtures.request());

    assertEquals("schedule-adjustment", request.templateId());
    assertEquals(DisclosureLevel.SCHEDULE_ONLY, request.level());
    assertEquals(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), request.unavailable().get(0).orderedDays());
    assertEquals(LocalTime.of(9, 0), request.unavailable().get(0).from());
    assertEquals(LocalDate.of(2027, 1, 29), request.period().lastDay());
    assertEquals("Human Resources", request.employer().attention());
    assertTrue(request.authorization().discloses().contains(Category.CARE_STATUS));
  }

  @Test
  void weeksEndTheDayBeforeTheSameWeekdayComesRound() {
    LetterRequest request = read(Fixtures.request().replace("end: 2027-01-29", "weeks: 8"));
    assertEquals(LocalDate.of(2027, 1, 31), request.period().endDate().orElseThrow());
  }

  @Test
  void defaultsTheLetterDateToToday() {
    LetterRequest request = read(Fixtures.request().replace("date: 2026-12-01\n", ""));
    assertEquals(LocalDate.of(2026, 12, 1), request.date());
  }

  @Test
  void acceptsFullAndShortWeekdayNamesInAnyCase() {
    LetterRequest request = read(Fixtures.request().replace("[MON, WED, FRI]", "[monday, Tue, SATURDAY]"));
    assertEquals(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.SATURDAY),
        request.unavailable().get(0).orderedDays());
  }

  @Test
  void refusesOverlappingBlocksOnTheSameDay() {
    String yaml = Fixtures.request().replace("    to: \"12:00\"\n",
        "    to: \"12:00\"\n  - days: [FRI]\n    from: \"11:00\"\n    to: \"13:00\"\n");
    assertEquals("unavailable[1]: overlaps unavailable[0]", error(yaml));
  }

  @Test
  void refusesPeriodsWithMoreThanOneEnding() {
    assertEquals("period: give exactly one of end, weeks or review",
        error(Fixtures.request().replace("end: 2027-01-29", "end: 2027-01-29\n  weeks: 4")));
  }

  @Test
  void refusesDuplicateKeys() {
    assertTrue(error(Fixtures.request().replace("language: en\n", "language: en\nlanguage: es\n"))
        .startsWith("request request.yaml: not valid YAML"));
  }

  @Test
  void refusesHealthFieldsByNameAtAnyDepth() {
    for (String field : new String[] {"medications", "notes", "diagnosis", "prognosis"}) {
      String message = error(Fixtures.request().replace("employer:\n", "employer:\n  " + field + ": x\n"));
      assertEquals("employer." + field + ": health details never belong in a request; remove this field"
          + " (a letter states work availability only)", message);
    }
  }

  @Test
  void aHealthFieldInAClinicProfileIsNamedAsTheProfiles() {
    byte[] profile = Fixtures.profile().replace("clinician:\n", "clinician:\n  diagnosis: x\n").getBytes(StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class,
        () -> new ProfileReader().read(profile, "clinic.yaml", java.nio.file.Path.of("")));
    assertEquals("profile.clinician.diagnosis: health details never belong in a clinic profile; remove this field"
        + " (a letter states work availability only)", e.getMessage());
  }

  // The phone HR may call to confirm a letter must be one; a name typed into it (or a leftover
  // placeholder) would be printed as the number to call.
  @Test
  void theClinicPhoneIsANumberAndNamesAreWords() {
    for (String[] change : new String[][] {{"phone: (555) 010-0123", "phone: call the front desk"},
        {"name: Sam Lee", "name: \"2026\""}, {"credential: MD", "credential: 42"}}) {
      byte[] profile = Fixtures.profile().replace(change[0], change[1]).getBytes(StandardCharsets.UTF_8);
      InputException e = assertThrows(InputException.class,
          () -> new ProfileReader().read(profile, "clinic.yaml", java.nio.file.Path.of("")), change[1]);
      assertTrue(e.getMessage().matches("profile\\.(clinic\\.phone: must be a phone number, such as \\(555\\) 010-0123"
          + "|clinician\\.(name|credential): must contain letters)"), e.getMessage());
    }
  }

  // A California clinic that has not said where it practises would issue letters without the
  // notice California law asks for; one that has, or a clinic elsewhere, is read as it says.
  @Test
  void aCaliforniaAddressNeedsTheJurisdictionSaid() {
    String california = Fixtures.profile().replace("\"Springfield, IL 62704\"", "\"Oakland, CA 94607\"");
    for (String unsaid : List.of(california, california.replace("Oakland, CA 94607", "Oakland, California"))) {
      InputException e = assertThrows(InputException.class, () -> profile(unsaid));
      assertEquals("profile.organization.jurisdiction: the clinic's address is in California; set jurisdiction:"
          + " US-CA under organization (California law adds a notice to each letter), or the state the clinic"
          + " practises in", e.getMessage());
    }
    assertTrue(profile(california + "organization:\n  jurisdiction: us-ca\n").inCalifornia());
    assertEquals("US-NV", profile(california + "organization:\n  jurisdiction: US-NV\n").jurisdiction());
    assertEquals("US", profile(Fixtures.profile()).jurisdiction());
    assertEquals("US", profile(Fixtures.profile().replace("12 River Road", "12 Calafia Road, Box CA 9")).jurisdiction());
    assertEquals("US", profile(Fixtures.profile().replace("12 River Road", "2500 S California Ave")).jurisdiction());
    for (String wrong : List.of("CA", "US-XX", "California", "USA")) {
      InputException e = assertThrows(InputException.class,
          () -> profile(Fixtures.profile() + "organization:\n  jurisdiction: " + wrong + "\n"));
      assertEquals("profile.organization.jurisdiction: must be US, or US- and a state's two-letter code such as US-CA",
          e.getMessage());
    }
  }

  private static ClinicProfile profile(String text) {
    return new ProfileReader().read(text.getBytes(StandardCharsets.UTF_8), "clinic.yaml", java.nio.file.Path.of(""));
  }

  // A file name no file system can hold (a lone surrogate, from a damaged export) is the
  // profile's error, not an internal one.
  @Test
  void aFileNameTheSystemCannotHoldIsNamedByField() {
    byte[] profile = Fixtures.profile().replace("keystore: keys/demo/clinician.p12", "keystore: \"\\ud800.p12\"")
        .getBytes(StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class,
        () -> new ProfileReader().read(profile, "clinic.yaml", java.nio.file.Path.of("")));
    assertEquals("profile.signing.keystore: is not a file name this system can use", e.getMessage());
  }

  @Test
  void refusesBidiOverridesThatCouldHideText() {
    assertTrue(error(Fixtures.request().replace("name: Jordan Rivera", "name: \"Jordan \u202eareviR\""))
        .startsWith("patient.name: contains control or text-direction override characters"));
  }

  @Test
  void recordsNeverPrintTheirContent() {
    LetterRequest request = read(Fixtures.request());
    for (Object value : new Object[] {request, request.patient(), request.employer(), request.authorization(),
        request.accommodation()}) {
      assertFalse(value.toString().contains("Jordan"), value.getClass().getSimpleName());
      assertFalse(value.toString().contains("Acme"), value.getClass().getSimpleName());
      assertFalse(value.toString().contains("MRN-0042"), value.getClass().getSimpleName());
      assertFalse(value.toString().contains("1:00 p.m."), value.getClass().getSimpleName());
    }
  }

  // A value typed into the wrong field: a name that is a number, a date or a time would be
  // printed as the patient's or the employer's name; a purpose of "0" is no purpose.
  @Test
  void namesAndThePurposeMustHaveLetters() {
    assertEquals("patient.name: must contain letters", error(Fixtures.request().replace("name: Jordan Rivera", "name: 42")));
    assertEquals("patient.name: must contain letters",
        error(Fixtures.request().replace("name: Jordan Rivera", "name: \"2026-12-07\"")));
    assertEquals("employer.organization: must contain letters",
        error(Fixtures.request().replace("organization: Acme Logistics", "organization: \"09:00\"")));
    assertEquals("authorization.purpose: must contain letters",
        error(Fixtures.request().replace("purpose: work schedule accommodation", "purpose: 0")));
    assertEquals("3M", read(Fixtures.request().replace("Acme Logistics", "3M")).employer().organization());
    assertEquals("Ζωή Παπαδοπούλου", read(Fixtures.request().replace("Jordan Rivera", "Ζωή Παπαδοπούλου")).patient().name());
  }

  // LocalDate reads years of five digits and negative ones; no letter concerns a date before 2000.
  @Test
  void datesHaveFourDigitYearsFrom2000() {
    for (String date : new String[] {"+10000-01-01", "-2026-11-30", "2026-11-30T00:00", "20261130", "2026-2-1"}) {
      assertEquals("authorization.signed: must be a date written as YYYY-MM-DD",
          error(Fixtures.request().replace("signed: 2026-11-30", "signed: \"" + date + "\"")), date);
    }
    assertEquals("authorization.signed: must be in the year 2000 or later",
        error(Fixtures.request().replace("signed: 2026-11-30", "signed: 0000-01-01")));
    assertEquals("authorization.signed: must be a date written as YYYY-MM-DD",
        error(Fixtures.request().replace("signed: 2026-11-30", "signed: 2026-02-30")));
  }

  // A zone is a tz database region: "CST" and "-06:00" name one side of daylight saving time.
  @Test
  void aTimeZoneIsARegionAndGoesWithTimes() {
    assertEquals("America/Chicago",
        read(Fixtures.request() + "time_zone: America/Chicago\n").timeZone().getId());
    for (String zone : new String[] {"CST", "\"-06:00\"", "Mars/Olympus", "42"}) {
      assertEquals("time_zone: must be a time zone name such as America/Chicago (the workplace's)",
          error(Fixtures.request() + "time_zone: " + zone + "\n"), zone);
    }
    String noTimes = Fixtures.withoutTimes(Fixtures.request());
    assertEquals("time_zone: only with unavailable times, which it is stated with",
        error(noTimes + "time_zone: America/Chicago\n"));
  }

  // The employer's ID for the employee is printed; the clinic's record number typed there
  // instead would be too, so the two may not be the same.
  @Test
  void anEmployeeIdIsAnIdAndNotTheClinicsReference() {
    String withId = Fixtures.request().replace("  reference: MRN-0042\n", "  reference: MRN-0042\n  employee_id: E-00412\n");
    assertEquals("E-00412", read(withId).patient().employeeId());
    assertEquals("patient.employee_id: is the same as patient.reference, the clinic's own ID, which is never printed;"
        + " give the employer's ID for the employee or leave it out", error(withId.replace("E-00412", "mrn-0042")));
    assertEquals("patient.employee_id: must be the employer's ID for the employee: letters, digits, spaces, dots,"
        + " slashes and dashes", error(withId.replace("E-00412", "\"E-1; diagnosis\"")));
  }

  // Only the month is ever printed, so a full date is read as its month; care cannot begin after the letter.
  @Test
  void theMonthCareBeganIsAMonthNoLaterThanTheLetter() {
    String since = Fixtures.request().replace("  reference: MRN-0042\n", "  reference: MRN-0042\n  under_care_since: 2026-03\n");
    assertEquals(java.time.YearMonth.of(2026, 3), read(since).patient().underCareSince());
    assertEquals(java.time.YearMonth.of(1998, 11), read(since.replace("2026-03", "1998-11-20")).patient().underCareSince());
    assertEquals(null, read(Fixtures.request()).patient().underCareSince());
    for (String wrong : java.util.List.of("March 2026", "2026-13", "2026-02-30", "26-03", "\"+2026-03\"", "202603")) {
      assertEquals("patient.under_care_since: must be a month written as YYYY-MM", error(since.replace("2026-03", wrong)), wrong);
    }
    assertEquals("patient.under_care_since: must be in the year 1900 or later", error(since.replace("2026-03", "1899-12")));
    assertEquals("patient.under_care_since: is after the letter date", error(since.replace("2026-03", "2027-01")));
  }

  @Test
  void episodesGiveHowOftenAndHowLongInDaysOrHours() {
    Episodes episodes = read(Fixtures.request() + "episodes: {times: 3, per: Month, hours: 4}\n").episodes();
    assertEquals(new Episodes(3, Episodes.Per.MONTH, 0, 4), episodes);
    assertEquals("episodes: give days or hours, how long each absence may last",
        error(Fixtures.request() + "episodes: {times: 3, per: month, days: 1, hours: 4}\n"));
    assertEquals("episodes: give days or hours, how long each absence may last",
        error(Fixtures.request() + "episodes: {times: 3, per: month}\n"));
    assertEquals("episodes.times: must be between 1 and 10", error(Fixtures.request() + "episodes: {times: 0, per: week, days: 1}\n"));
    assertEquals("episodes.per: must be one of week, month", error(Fixtures.request() + "episodes: {times: 1, per: year, days: 1}\n"));
  }

  // An authorization a representative signed is complete only with the representative's
  // authority to act for the patient (45 CFR 164.508(c)(1)(vi)).
  @Test
  void aRepresentativeSignsWithTheirAuthority() {
    String representative = Fixtures.request().replace("signed_by: patient", "signed_by: representative");
    assertEquals("authorization.authority: is required when signed_by is representative: the representative's"
        + " authority to act for the patient, as the authorization states it (45 CFR 164.508(c)(1)(vi))", error(representative));
    assertEquals("health care power of attorney", read(representative.replace("  signed_by: representative\n",
        "  signed_by: representative\n  authority: health care power of attorney\n")).authorization().authority());
    assertEquals("authorization.authority: only when signed_by is representative", error(Fixtures.request()
        .replace("  signed_by: patient\n", "  signed_by: patient\n  authority: parent\n")));
  }

  // Shorthand a clinician types for days gets a message that says how to write them.
  @Test
  void daysAreAListOfSingleWeekdays() {
    assertEquals("unavailable[0].days: must be a list of weekdays, such as [MON, WED, FRI]",
        error(Fixtures.request().replace("[MON, WED, FRI]", "MON")));
    for (String span : new String[] {"MON-FRI", "Weekdays", "mon - fri"}) {
      assertEquals("unavailable[0].days[0]: must be one weekday per entry; list each day, such as"
          + " [MON, TUE, WED, THU, FRI]", error(Fixtures.request().replace("[MON, WED, FRI]", "[" + span + "]")), span);
    }
    assertEquals(java.util.Set.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.WEDNESDAY, java.time.DayOfWeek.FRIDAY),
        read(Fixtures.request().replace("[MON, WED, FRI]", "[Mondays, wed, FRIDAY]")).unavailable().get(0).days(),
        "days as people write them: plural, short or whole, any case");
    assertEquals("unavailable[0].days[0]: must be a weekday such as MON or Monday",
        error(Fixtures.request().replace("[MON, WED, FRI]", "[Mons, WED]")));
  }
}
