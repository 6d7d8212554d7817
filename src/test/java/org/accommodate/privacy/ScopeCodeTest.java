package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.accommodate.request.Category;
import org.junit.jupiter.api.Test;

/** The scope code printed on signed forms: it must never change for the same scope. */
class ScopeCodeTest {
  private static final Set<Category> CATEGORIES = EnumSet.of(Category.IDENTITY, Category.SCHEDULE);
  private static final LocalDate EXPIRES = LocalDate.of(2027, 3, 31);

  // Computed independently (Python's hashlib over the same canonical text): forms already signed
  // carry this code, so the way it is made is fixed.
  @Test
  void theCodeOfAScopeIsFixed() {
    assertEquals("D4Y0-NPRE", ScopeCode.of("Jordan Rivera", "Acme Logistics", "work schedule accommodation", CATEGORIES,
        EXPIRES));
  }

  @Test
  void onlyWhatTheFormSaysCounts() {
    String code = ScopeCode.of("Jordan Rivera", "Acme Logistics", "work schedule accommodation", CATEGORIES, EXPIRES);
    assertEquals(code, ScopeCode.of("JORDAN  RIVERA", "Acme Logistics.", "Work schedule accommodation", CATEGORIES, EXPIRES));
    assertNotEquals(code, ScopeCode.of("Jordan Rivera", "Acme Logistics", "work schedule accommodation", CATEGORIES,
        EXPIRES.plusDays(1)));
    assertNotEquals(code, ScopeCode.of("Jordan Rivera", "Acme Freight", "work schedule accommodation", CATEGORIES, EXPIRES));
    assertNotEquals(code, ScopeCode.of("Jordan Rivera", "Acme Logistics", "work schedule accommodation",
        EnumSet.of(Category.IDENTITY, Category.SCHEDULE, Category.WORK_RESTRICTIONS), EXPIRES));
    assertNotEquals(code, ScopeCode.of("Jordan Rivero", "Acme Logistics", "work schedule accommodation", CATEGORIES, EXPIRES));
  }
}
