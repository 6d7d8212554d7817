package org.accommodate.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
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

  // openhtmltopdf 1.1.31 wraps every box in an empty background artifact with an indirect property
  // dictionary of its own; the letter must carry neither the empty sequences nor the orphaned
  // dictionaries, while the page footer (a pagination artifact with text) stays.
  @ParameterizedTest
  @ValueSource(strings = {"b.pdf", "part2.pdf"})
  void noEmptyArtifactsNorOrphanedProperties(String file) throws Exception {
    try (PDDocument document = Loader.loadPDF(dir.resolve(file).toFile())) {
      PDPage page = document.getPage(0);
      List<Object> tokens = new ArrayList<>(new PDFStreamParser(page).parse());
      Set<COSName> referenced = new HashSet<>();
      int artifacts = 0;
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i) instanceof Operator op && op.getName().equals("BDC")) {
          if (COSName.ARTIFACT.equals(tokens.get(i - 2))) {
            artifacts++;
            boolean empty = tokens.get(i + 1) instanceof Operator next && next.getName().equals("EMC");
            assertTrue(!empty, "an empty artifact sequence is left at token " + i);
          }
          if (tokens.get(i - 1) instanceof COSName properties) {
            referenced.add(properties);
          }
        }
      }
      assertTrue(artifacts > 0, "the footer and the borders are still marked as artifacts");
      Set<COSName> listed = new HashSet<>();
      page.getResources().getPropertiesNames().forEach(listed::add);
      assertEquals(referenced, listed);
    }
  }
}
