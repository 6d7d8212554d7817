package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorReporterTest {
  // An Error passes through picocli (a 4000 x 4000 logo once ran a batch out of its heap, and the
  // runtime printed its own stack trace): Main turns it into one line like any bug.
  @Test
  void theJvmRunningOutOfMemoryIsOneLineWithFramesOnlyOnRequest() {
    StringWriter plain = new StringWriter();
    OutOfMemoryError error = new OutOfMemoryError("Java heap space");
    assertEquals(ExitCodes.INTERNAL, new ErrorReporter().handleError(error, new PrintWriter(plain), new String[] {"batch"}));
    assertEquals(1, plain.toString().lines().count(), plain.toString());
    assertTrue(plain.toString().matches("error: internal error \\(reference [0-9a-f]{8}\\); Java ran out of memory;"
        + " rerun with --debug for details\\R"), plain.toString());

    StringWriter debug = new StringWriter();
    new ErrorReporter().handleError(new StackOverflowError(), new PrintWriter(debug), new String[] {"--debug", "batch"});
    assertTrue(debug.toString().contains("Java ran out of stack"), debug.toString());
    assertTrue(debug.toString().contains("java.lang.StackOverflowError\n    at "), debug.toString());
  }

  // What is missing, or given twice, is named first, as every other message names its field or
  // option; an option given without its value is not missing.
  @Test
  void missingArgumentsAreNamedAsOurMessagesNameThem(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    for (String[] expected : new String[][] {
        {"error: REQUEST: required (see 'accommodate letter --help')", "letter"},
        {"error: --clinician, --output: required (see 'accommodate keys issue --help')", "keys", "issue"},
        {"error: --out-dir, REQUEST: required (see 'accommodate batch --help')", "batch"},
        {"error: --out-dir: needs a value (DIR) (see 'accommodate batch --help')", "batch", "r.yaml", "--out-dir"},
        {"error: --out-dir: needs a value (DIR) (see 'accommodate batch --help')", "batch", "r.yaml", "--out-dir",
            "--force"},
        {"error: --workers: given more than once (see 'accommodate batch --help')", "batch", "r.yaml", "--out-dir",
            "o", "--workers", "2", "--workers", "3"}}) {
      CliResult result = CliResult.run(letters, Arrays.copyOfRange(expected, 1, expected.length));
      assertEquals(ExitCodes.USAGE, result.exitCode());
      assertEquals(expected[0], result.err().strip());
    }
  }
}
