package org.accommodate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed or hostile input gets exit 5 or 2 and one line, without hanging. */
class HostileFileTest {
  private static void assertOneLineRefusal(Letters letters, Path file) {
    // A generous bound that only a hang or a runaway allocation would exceed; not a speed test.
    CliResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> CliResult.run(letters, "verify", file.toString()));
    assertTrue(result.exitCode() == 5 || result.exitCode() == 2 || result.exitCode() == 7,
        file.getFileName() + ": " + result.exitCode() + result.out() + result.err());
    assertTrue(result.err().strip().lines().count() <= 1, result.err());
    assertTrue(!result.err().contains("Exception"), result.err());
  }

  @Test
  void randomBytesAfterAPdfHeader(@TempDir Path dir) throws Exception {
    byte[] junk = new byte[200_000];
    new Random(42).nextBytes(junk);
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 9);
    Path file = Files.write(dir.resolve("random.pdf"), junk);
    assertOneLineRefusal(Fixtures.letters(dir), file);
  }

  @Test
  void aDeeplyNestedArray(@TempDir Path dir) throws Exception {
    String nested = "[".repeat(100_000) + "]".repeat(100_000);
    String pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /X " + nested + " >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    Path file = Files.writeString(dir.resolve("nested.pdf"), pdf);
    assertOneLineRefusal(Fixtures.letters(dir), file);
  }

  @Test
  void aCompressionBombStream(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(9))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 512; i++) {
        out.write(zeros);  // 512 MiB of zeros in well under a megabyte
      }
    }
    byte[] stream = compressed.toByteArray();
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    pdf.writeBytes(("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        + "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"
        + "4 0 obj\n<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
    pdf.writeBytes(stream);
    pdf.writeBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    Path file = Files.write(dir.resolve("bomb.pdf"), pdf.toByteArray());
    assertOneLineRefusal(Fixtures.letters(dir), file);
  }

  @Test
  void anEmptyFileIsAnInputError(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("empty.pdf"), new byte[0]);
    CliResult result = CliResult.run(Fixtures.letters(dir), "verify", file.toString());
    assertEquals(2, result.exitCode());
  }
}
