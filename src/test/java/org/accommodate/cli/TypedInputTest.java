package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TypedInputTest {
  @Test
  void saysOnceHowToEndWhatIsTypedAndPassesItOn() throws Exception {
    StringWriter err = new StringWriter();
    TypedInput in = new TypedInput(new ByteArrayInputStream("patient: x\n".getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(err));
    assertEquals("", err.toString(), "nothing before a command reads");
    assertEquals("patient: x\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(-1, in.read());
    assertEquals("Reading the request from the terminal; end it with Ctrl-D on a line of its own.\n", err.toString());
  }
}
