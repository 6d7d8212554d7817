package org.accommodate.cli;

import java.io.PrintWriter;
import org.accommodate.privacy.DisclosureManifest;

/** Prints a disclosure manifest. */
final class Manifests {
  private Manifests() {}

  static void print(PrintWriter out, DisclosureManifest manifest) {
    out.println("Disclosure manifest:");
    manifest.lines().forEach(out::println);
  }
}
