package org.accommodate.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF's failed rules for a file, as "clause-test: message" lines. */
public final class VeraPdf {
  static {
    VeraGreenfieldFoundryProvider.initialise();
  }

  private VeraPdf() {}

  public static Set<String> failures(Path file, PDFAFlavour flavour) throws Exception {
    try (InputStream in = Files.newInputStream(file);
         var parser = Foundries.defaultInstance().createParser(in, flavour)) {
      ValidationResult result = Foundries.defaultInstance().createValidator(flavour, false).validate(parser);
      Set<String> failed = new TreeSet<>();
      for (TestAssertion assertion : result.getTestAssertions()) {
        if (assertion.getStatus() == TestAssertion.Status.FAILED) {
          failed.add(assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber()
              + ": " + assertion.getMessage());
        }
      }
      if (result.isCompliant() != failed.isEmpty()) {
        throw new AssertionError("veraPDF disagrees with itself");
      }
      return failed;
    }
  }
}
