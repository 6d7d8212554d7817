package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.accommodate.Letters;
import org.accommodate.cli.ExitCodes;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.LocalTsa;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** veraPDF on signed letters: PDF/A-2a (archival, accessible) and PDF/UA-1 with zero failed rules. */
class ConformanceTest {
  private static Path dir;

  @BeforeAll
  static void signLetters(@TempDir Path temp) throws Exception {
    dir = temp;
    VeraGreenfieldFoundryProvider.initialise();
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "part2.yaml", Fixtures.profile() + "organization:\n  part2_program: true\n");
    run(letters, "demo", "-o", "b.pdf");
    run(letters, "demo", "-o", "part2.pdf", "--profile", "part2.yaml");
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      run(letters, "demo", "-o", "lta.pdf", "--tsa", tsa.url().toString(), "--lta");
    }
  }

  private static void run(Letters letters, String... args) {
    CliResult result = CliResult.run(letters, args);
    assertEquals(ExitCodes.OK, result.exitCode(), result.err());
  }

  private static Set<String> failures(Path file, PDFAFlavour flavour) throws Exception {
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
      assertTrue(result.isCompliant() == failed.isEmpty());
      return failed;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"b.pdf", "part2.pdf", "lta.pdf"})
  void signedLettersArePdfA2a(String file) throws Exception {
    assertEquals(Set.of(), failures(dir.resolve(file), PDFAFlavour.PDFA_2_A));
  }

  @ParameterizedTest
  @ValueSource(strings = {"b.pdf", "part2.pdf", "lta.pdf"})
  void signedLettersArePdfUa1(String file) throws Exception {
    assertEquals(Set.of(), failures(dir.resolve(file), PDFAFlavour.PDFUA_1));
  }
}
