package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTextTest {
  private static final String ESC = "\u001b";

  private static String printed(String text) {
    StringWriter terminal = new StringWriter();
    PrintWriter safe = TerminalText.wrap(new PrintWriter(terminal));
    safe.print(text);
    safe.flush();
    return terminal.toString();
  }

  @Test
  void escapeSequencesAndDirectionOverridesNeverReachTheTerminal() {
    assertEquals("a\uFFFD[2Jb", printed("a" + ESC + "[2Jb"));                // clear the screen
    assertEquals("\uFFFD]0;title\uFFFD", printed(ESC + "]0;title\u0007"));     // retitle the window
    assertEquals("\uFFFD[8mhidden", printed(ESC + "[8mhidden"));               // conceal
    assertEquals("\uFFFD[30;1mdark", printed(ESC + "[30;1mdark"));             // black text: a known style beside it
    assertEquals("r\uFFFD\uFFFD\uFFFDx", printed("r\r\b\u009bx"));             // carriage return, backspace, C1 CSI
    assertEquals("letter-\uFFFDfdp.exe", printed("letter-\u202efdp.exe"));     // right-to-left override
    assertEquals("\uFFFDa\uFFFD", printed("\u2067a\u2069"));                   // isolates
    assertEquals("one\n\ttwo ✓ 名 ש\r\n", printed("one\n\ttwo ✓ 名 ש\r\n"));
  }

  @Test
  void picocliHelpKeepsItsStyles() {
    String help = "Usage: " + ESC + "[1maccommodate check" + ESC + "[21m" + ESC + "[0m [" + ESC + "[33m-hV" + ESC + "[39m"
        + ESC + "[0m] " + ESC + "[3mREQUEST" + ESC + "[23m" + ESC + "[0m " + ESC + "[1;31merror" + ESC + "[m";
    assertEquals(help, printed(help));
  }

  @Test
  void aFileNameCannotDriveTheTerminal(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile());
    Path folder = Files.createDirectories(dir.resolve("x" + ESC + "[2J" + ESC + "]0;pwned\u0007"));
    Files.writeString(folder.resolve("request\u202elmay.yaml"), "patient: [unclosed\n");
    CliResult result = CliResult.run(letters, "check", dir.relativize(folder).resolve("request\u202elmay.yaml").toString());
    assertEquals(ExitCodes.USAGE, result.exitCode(), result.err());
    assertTrue(result.err().contains("request\uFFFDlmay.yaml: not valid YAML"), result.err());
    CliResult missing = CliResult.run(letters, "check", dir.relativize(folder).resolve("nothing.yaml").toString());
    assertTrue(missing.err().contains("x\uFFFD[2J\uFFFD]0;pwned\uFFFD"), missing.err());
    for (CliResult run : new CliResult[] {result, missing}) {
      assertFalse(run.err().contains(ESC) || run.err().contains("\u202e") || run.err().contains("\u0007"), run.err());
    }
  }
}
