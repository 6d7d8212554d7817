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

  /**
   * A batch's advice, once per distinct text with the number of letters it concerns (the same
   * schedule shape or key expiry would otherwise repeat for every letter), and its accepted WARN
   * categories; which letters, manifest.json says.
   */
  static void report(PrintWriter err, java.util.List<org.accommodate.batch.Batch.Item> items) {
    java.util.Map<String, Integer> advice = new java.util.LinkedHashMap<>();
    java.util.Map<String, Integer> accepted = new java.util.TreeMap<>();
    for (org.accommodate.batch.Batch.Item item : items) {
      if (item.exitCode() == 0 && !item.earlier()) {  // an earlier run printed its own
        item.letter().warnings().advice().forEach(a -> advice.merge(a, 1, Integer::sum));
        item.letter().warnings().accepted().forEach(a -> accepted.merge(a, 1, Integer::sum));
      }
    }
    advice.forEach((text, count) -> err.println("warning (" + Counts.of(count, "letter") + "): " + text));
    accepted.forEach((category, count) ->
        err.println("note: accepted warnings recorded for category " + category + " (" + Counts.of(count, "letter") + ")"));
    err.flush();
  }

  /** Advice and accepted warnings go to standard error, so scripts reading stdout are not disturbed. */
  static void report(PrintWriter err, IssuedLetter issued) {
    report(err, issued.advisories(), issued.acceptedWarnings(), "accepted warnings recorded for categories: ");
  }

  static void report(PrintWriter err, java.util.Collection<String> advice, java.util.Collection<String> accepted,
      String acceptedLead) {
    advice.forEach(a -> err.println("warning: " + a));
    if (!accepted.isEmpty()) {
      err.println("note: " + acceptedLead + String.join(", ", new java.util.TreeSet<>(accepted)));
    }
    err.flush();
  }
}
