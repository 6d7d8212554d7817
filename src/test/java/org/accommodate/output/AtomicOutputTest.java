package org.accommodate.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.IssueOptions;
import org.accommodate.Letters;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed write tells the user: the option that named the file, the file, and the system's reason. */
class AtomicOutputTest {
  @Test
  void theSystemsReasonFollowsTheFileName() {
    assertEquals(": no space left on device", AtomicOutput.why(new IOException("No space left on device")));
    assertEquals(": read-only file system", AtomicOutput.why(new FileSystemException("/out/letter.pdf", null, "Read-only file system")));
    assertEquals(": permission denied", AtomicOutput.why(new AccessDeniedException("/out/letter.pdf")));
    // No reason, or one that is only a path again: nothing to add to a message naming the file.
    assertEquals("", AtomicOutput.why(new NoSuchFileException("/out/letter.pdf")));
    assertEquals("", AtomicOutput.why(new IOException("/out/letter.pdf")));
    assertEquals("", AtomicOutput.why(new IOException()));
  }

  // A batch names its letters itself: a letter it cannot write is blamed on --out-dir, which the
  // user gave, not on -o, which they did not; before the work starts and when it is published.
  @Test
  void aLetterThatCannotBeWrittenNamesTheOptionTheUserGave(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path request = Fixtures.write(dir, "request.yaml", Fixtures.request());
    Path out = dir.resolve("out");
    var options = new IssueOptions(null, false, false, null, false, false, List.of(), null, true, out);
    var key = new Letters.LoadedKey(letters.demoKeys().keySource().load());

    InputException early = assertThrows(InputException.class,
        () -> letters.make(letters.readRequest(request), letters.demoProfile(), key, options));
    assertTrue(early.getMessage().startsWith("--out-dir: the folder for " + out.resolve("letter-")), early.getMessage());

    Files.createDirectories(out);
    Letters.Made made = letters.make(letters.readRequest(request), letters.demoProfile(), key, options);
    Files.delete(out);  // gone before the letter is written
    InputException late = assertThrows(InputException.class, made::publish);
    assertTrue(late.getMessage().startsWith("--out-dir: cannot write " + out.resolve("letter-")), late.getMessage());
    assertTrue(Files.notExists(out));
  }
}
