package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.accommodate.Letters;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.accommodate.testing.LocalTsa;
import org.accommodate.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeStampCliTest {
  @Test
  void aTimeStampedLetterVerifiesAsBaselineT(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      CliResult demo = CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "-o", "t.pdf");
      assertEquals(ExitCodes.OK, demo.exitCode(), demo.err());
      assertTrue(demo.out().contains("proven by a trusted time-stamp"), demo.out());
    }
    CliResult json = CliResult.run(letters, "verify", "t.pdf", "--json", "--trust", "keys/demo/ca.pem");
    assertEquals(ExitCodes.OK, json.exitCode(), json.out());
    JsonNode signature = new ObjectMapper().readTree(json.out()).get("signatures").get(0);
    assertEquals("B-T", signature.get("level").asText());
    assertEquals(Fixtures.CLOCK.instant().toString(), signature.get("timestampTime").asText());

    String pdfsig = Tools.run("pdfsig", dir.resolve("t.pdf").toString());
    assertTrue(pdfsig.contains("Signature is Valid."), pdfsig);
  }

  @Test
  void anUntrustedTimeStampIsNotProofAndTheLevelStaysB(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      assertEquals(ExitCodes.OK, CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "-o", "t.pdf").exitCode());
    }
    CliResult result = CliResult.run(letters, "verify", "t.pdf", "--json");
    JsonNode signature = new ObjectMapper().readTree(result.out()).get("signatures").get(0);
    assertEquals("B-B", signature.get("level").asText(), "never more than proven");
    assertTrue(signature.get("timestampTime").isNull());
  }

  @Test
  void aRefusingTimeStampAuthorityIsASigningErrorAndWritesNothing(@TempDir Path dir) throws Exception {
    Letters letters = Fixtures.letters(dir);
    try (LocalTsa tsa = LocalTsa.start(dir.resolve("keys/demo"), Fixtures.CLOCK)) {
      for (LocalTsa.Mode mode : new LocalTsa.Mode[] {LocalTsa.Mode.REJECT, LocalTsa.Mode.HTTP_ERROR}) {
        tsa.mode(mode);
        CliResult result = CliResult.run(letters, "demo", "--tsa", tsa.url().toString(), "-o", "t.pdf");
        assertEquals(ExitCodes.SIGNING, result.exitCode(), mode + ": " + result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("error: --tsa:"), result.err());
        assertFalse(Files.exists(dir.resolve("t.pdf")));
      }
    }
  }

  @Test
  void anUnreachableTimeStampAuthorityNeverFallsBackToBaselineB(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    CliResult result = CliResult.run(letters, "demo", "--tsa", "http://127.0.0.1:9/tsa", "-o", "t.pdf");

    assertEquals(ExitCodes.SIGNING, result.exitCode(), result.err());
    assertFalse(Files.exists(dir.resolve("t.pdf")));
    assertEquals("error: --tsa: cannot connect to 127.0.0.1:9 (nothing answers there)", result.err().strip());
  }

  // A time-stamp authority named by something other than an http(s) URL is the option's error,
  // before any key is unlocked; a batch reported it once per letter, as a signing failure.
  @Test
  void aTimeStampAuthorityThatIsNoUrlIsAUsageError(@TempDir Path dir) {
    Letters letters = Fixtures.letters(dir);
    for (String url : new String[] {"x", "file:///etc/passwd", "tsa.example.org", "ftp://tsa.example.org/"}) {
      CliResult result = CliResult.run(letters, "demo", "--tsa", url, "-o", "t.pdf");
      assertEquals(ExitCodes.USAGE, result.exitCode(), url + ": " + result.err());
      assertEquals("error: --tsa: must be an http or https URL, such as http://tsa.example.org/\n", result.err());
      assertFalse(Files.exists(dir.resolve("t.pdf")));
    }
  }
}
