package org.accommodate.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.accommodate.request.Language;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failed read or write tells the user: the option that named the file, the file, and the system's reason. */
class AtomicOutputTest {
  private static String io(IOException e) {
    return InputException.io("-o: cannot write /out/letter.pdf", e).getMessage();
  }

  @Test
  void theSystemsReasonFollowsTheFileName() {
    assertEquals("-o: cannot write /out/letter.pdf: no space left on device", io(new IOException("No space left on device")));
    assertEquals("-o: cannot write /out/letter.pdf: read-only file system",
        io(new FileSystemException("/out/letter.pdf", null, "Read-only file system")));
    assertEquals("-o: cannot write /out/letter.pdf: permission denied", io(new AccessDeniedException("/out/letter.pdf")));
    assertEquals("-o: cannot write /out/letter.pdf: no such file or folder", io(new NoSuchFileException("/out/letter.pdf")));
    // No reason, or one that is only a path again: nothing to add to a message naming the file.
    assertEquals("-o: cannot write /out/letter.pdf", io(new IOException("/out/letter.pdf")));
    assertEquals("-o: cannot write /out/letter.pdf", io(new IOException()));
  }

  // A batch names its letters itself: a letter it cannot write is blamed on --out-dir, which the
  // user gave, not on -o, which they did not; before the work starts and when it is published.
  @Test
  void aLetterThatCannotBeWrittenNamesTheOptionTheUserGave(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path request = Fixtures.write(dir, "request.yaml", Fixtures.request());
    Path out = dir.resolve("out");
    var options = new IssueOptions(null, false, false, null, false, false, null, null, true, out);
    var key = new Letters.LoadedKey(letters.demoKeys().keySource().load());

    InputException early = assertThrows(InputException.class,
        () -> letters.make(letters.readRequest(request), letters.demo().profile(), key, options));
    assertTrue(early.getMessage().startsWith("--out-dir: the folder for " + out.resolve("letter-")), early.getMessage());

    Files.createDirectories(out);
    Letters.Made made = letters.make(letters.readRequest(request), letters.demo().profile(), key, options);
    Files.delete(out);  // gone before the letter is written
    InputException late = assertThrows(InputException.class, made::publish);
    assertTrue(late.getMessage().startsWith("--out-dir: cannot write " + out.resolve("letter-")), late.getMessage());
    assertTrue(Files.notExists(out));
  }

  // The patient's copy appears in the letter's own publication: a letter that cannot be written
  // takes its copy with it (its ID would name no letter), and a file that took the copy's name
  // meanwhile stops the letter and stays as it was.
  @Test
  void aLetterAndItsPatientsCopyAreWrittenTogetherOrNotAtAll(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    Path request = Fixtures.write(dir, "request.yaml", Fixtures.request());
    var options = new IssueOptions(dir.resolve("out.pdf"), false, false, null, false, false, null, null, true, null);
    var key = new Letters.LoadedKey(letters.demoKeys().keySource().load());
    var parsed = letters.readRequest(request);
    var profile = letters.demo().profile();

    Letters.Made made = letters.make(parsed, profile, key, options);
    Letters.PatientCopy copy = letters.patientCopy(made, parsed, profile, Language.ES, "patient_copy", false);
    Files.createDirectory(dir.resolve("out.pdf"));  // the letter's name is taken before it is written
    InputException late = assertThrows(InputException.class, () -> made.publish(copy));
    assertEquals("-o: cannot write " + dir.resolve("out.pdf") + ": a file of that name appeared meanwhile; it is not replaced",
        late.getMessage());
    assertTrue(Files.notExists(copy.file()), "the copy of a letter never written is removed");
    Files.delete(dir.resolve("out.pdf"));

    Letters.Made second = letters.make(parsed, profile, key, options);
    Letters.PatientCopy secondCopy = letters.patientCopy(second, parsed, profile, Language.ES, "patient_copy", false);
    Files.writeString(secondCopy.file(), "not ours");  // the copy's name is taken meanwhile
    InputException taken = assertThrows(InputException.class, () -> second.publish(secondCopy));
    assertEquals("patient_copy: cannot write " + secondCopy.file() + ": a file of that name appeared meanwhile; it is not"
        + " replaced (the letter was not issued)", taken.getMessage());
    assertEquals("not ours", Files.readString(secondCopy.file()));
    assertTrue(Files.notExists(dir.resolve("out.pdf")), "no letter without its copy");

    Files.delete(secondCopy.file());
    Letters.Made third = letters.make(parsed, profile, key, options);
    third.publish(letters.patientCopy(third, parsed, profile, Language.ES, "patient_copy", false));
    assertTrue(Files.isRegularFile(dir.resolve("out.pdf")) && Files.isRegularFile(dir.resolve("out-copy-es.pdf")));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary file is left");
    }
  }

  // A process killed outright while writing (kill -9, power lost) leaves its hidden temporary file,
  // a whole letter of health information. The next write into that folder removes it once it is
  // an hour old, and never a fresh one another process may still be writing.
  @Test
  void theNextWriteRemovesWhatAKilledWriteAbandoned(@TempDir Path dir) throws IOException {
    Path abandoned = Files.writeString(dir.resolve(".accommodate-123.part"), "a letter");
    Files.setLastModifiedTime(abandoned, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
    Path fresh = Files.writeString(dir.resolve(".accommodate-456.part"), "being written");
    Path unrelated = Files.writeString(dir.resolve("notes.part"), "not ours");

    AtomicOutput.write(dir.resolve("letter.pdf"), new byte[] {1, 2, 3}, false);

    assertTrue(Files.notExists(abandoned));
    assertTrue(Files.exists(fresh) && Files.exists(unrelated));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("letter.pdf")));
  }
}
