package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.List;
import org.accommodate.IssuedLetter;
import org.accommodate.privacy.DisclosureManifest;
import org.accommodate.privacy.ScanFinding;

/** Prints a disclosure manifest, scanner findings and advice: field paths and rules, never text. */
final class Manifests {
  private Manifests() {}

  static void print(PrintWriter out, DisclosureManifest manifest, List<ScanFinding> findings) {
    out.println("Disclosure manifest:");
    manifest.lines().forEach(out::println);
    if (findings.isEmpty()) {
      out.println("Sensitive-term scan: nothing found.");
    } else {
      out.println("Sensitive-term scan:");
      findings.forEach(f -> out.println("  " + f.describe()));
    }
  }

  /** Advice and accepted warnings go to standard error, so scripts reading stdout are not disturbed. */
  static void report(PrintWriter err, IssuedLetter issued) {
    issued.advisories().forEach(a -> err.println("warning: " + a));
    if (!issued.acceptedWarnings().isEmpty()) {
      err.println("note: accepted warnings recorded for categories: " + String.join(", ", issued.acceptedWarnings()));
    }
    err.flush();
  }
}
