package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.accommodate.Letters;
import org.accommodate.cli.ExitCodes;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.LocalTsa;
import org.accommodate.testing.VeraPdf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/** veraPDF on signed letters: PDF/A-2a (archival, accessible) and PDF/UA-1 with zero failed rules. */
class ConformanceTest {
  private static Path dir;

  @BeforeAll
  static void signLetters(@TempDir Path temp) throws Exception {
    dir = temp;
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
    return VeraPdf.failures(file, flavour);
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
