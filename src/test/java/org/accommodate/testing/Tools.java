package org.accommodate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the independent command-line tools the acceptance checks name (poppler-utils). */
public final class Tools {
  private Tools() {}

  /**
   * A TrueType font with CJK glyphs (Debian's IPA Gothic), for profile-font tests; in CI a missing
   * font fails the test, elsewhere it skips.
   */
  public static Path cjkFont() {
    return font("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "fonts-ipafont-gothic");
  }

  /** A TrueType collection (.ttc) with Chinese glyphs: Debian's WenQuanYi Zen Hei. */
  public static Path fontCollection() {
    return font("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "fonts-wqy-zenhei");
  }

  /** An OpenType font with PostScript (CFF) outlines: Debian's Inconsolata. */
  public static Path postScriptOutlineFont() {
    return font("/usr/share/fonts/truetype/inconsolata/Inconsolata.otf", "fonts-inconsolata");
  }

  // An installed font; in CI a missing font fails the test, elsewhere it skips.
  private static Path font(String file, String debianPackage) {
    Path font = Path.of(file);
    if (System.getenv("CI") == null) {
      assumeTrue(Files.isRegularFile(font), "apt-get install " + debianPackage);
    }
    return font;
  }

  /** Output and exit code of a tool; in CI a missing tool fails the test, elsewhere it skips. */
  public static String run(String... command) {
    boolean present = Files.isExecutable(Path.of("/usr/bin", command[0]));
    if (System.getenv("CI") == null) {
      assumeTrue(present, command[0] + " is not installed (apt-get install poppler-utils)");
    }
    try {
      List<String> args = new ArrayList<>(List.of(command));
      Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return output;
    } catch (IOException e) {
      throw new AssertionError(command[0] + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
