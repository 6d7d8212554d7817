package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accommodate.Letters;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example request and clinic profile, copied as a clinician would copy them, give a
 * signed letter: a README whose examples have drifted from what the tool accepts fails here.
 */
class ReadmeExampleCliTest {

  // The YAML blocks of the README's section "An example request": the request, then the profile.
  private static List<String> exampleBlocks() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n## An example request\n");
    int end = readme.indexOf("\n## ", start + 1);
    assertTrue(start >= 0 && end > start, "README has its section 'An example request'");
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(start, end));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertEquals(2, blocks.size(), "a request and a profile");
    return blocks;
  }

  @Test
  void theReadmesExampleRequestAndProfileMakeASignedLetter(@TempDir Path dir) throws IOException {
    List<String> blocks = exampleBlocks();
    Letters letters = Fixtures.letters(dir);
    Fixtures.write(dir, "request.yaml", blocks.get(0));
    Fixtures.write(dir, "clinic.yaml", blocks.get(1));
    Map<String, String> env = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, "Readme-key-pass-1",
        PasswordSource.CA_ENVIRONMENT_VARIABLE, "Readme-ca-pass-22");

    CliResult check = CliResult.run(letters, "check", "request.yaml");
    assertEquals(ExitCodes.OK, check.exitCode(), check.err());

    // The clinic's CA and its clinician's key, where keys init puts them and the profile looks.
    CliResult init = CliResult.run(letters, env, "keys", "init", "--org", "Riverside Health Partners",
        "--clinician", "Sam Lee", "--key-type", "ec-p256");
    assertEquals(ExitCodes.OK, init.exitCode(), init.err());

    CliResult letter = CliResult.run(letters, env, "letter", "request.yaml", "-o", "letter.pdf");
    assertEquals(ExitCodes.OK, letter.exitCode(), letter.err());
    assertTrue(Files.readString(dir.resolve("ledger.jsonl")).contains("\"recipient\":\"Acme Logistics\""),
        "recorded in the ledger the profile names");
    CliResult verify = CliResult.run(letters, "verify", "letter.pdf");
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
  }
}
