package org.accommodate.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FreeTextTest {
  // A clinician's free text ends its sentence in the letter, once.
  @Test
  void freeTextGetsAFullStopOnlyWhenItHasNone() {
    assertEquals("Start work at 1:00 p.m. on these days.", Minimizer.sentence("Start work at 1:00 p.m. on these days"));
    assertEquals("Start work at 1:00 p.m.", Minimizer.sentence("Start work at 1:00 p.m."));
    assertEquals("Can you start later?", Minimizer.sentence("Can you start later?  \n"));
    assertEquals("No lifting (over 20 pounds.)", Minimizer.sentence("No lifting (over 20 pounds.)"));
    assertEquals("Iniciar a las 13:00 «cuando sea posible».", Minimizer.sentence("Iniciar a las 13:00 «cuando sea posible»"));
    assertEquals("Start at noon…", Minimizer.sentence("Start at noon…"));
    assertEquals("", Minimizer.sentence(null));
    assertEquals("", Minimizer.sentence("  "));
  }
}
