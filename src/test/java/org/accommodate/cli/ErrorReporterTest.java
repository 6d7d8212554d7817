package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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
}
