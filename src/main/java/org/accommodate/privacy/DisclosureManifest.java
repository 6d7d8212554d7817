package org.accommodate.privacy;

import java.util.List;

/**
 * What a letter discloses and withholds, field by field, and why.
 *
 * @param entries one entry per request field or category, in reading order
 */
public record DisclosureManifest(List<Entry> entries) {
  public DisclosureManifest {
    entries = List.copyOf(entries);
  }

  /**
   * One line of the manifest.
   *
   * @param field the request field or category
   * @param disclosed whether the letter shows it
   * @param why the reason, naming the category or rule
   */
  public record Entry(String field, boolean disclosed, String why) {}

  /** The manifest as aligned text lines, for `check` and `--explain`. */
  public List<String> lines() {
    int width = entries.stream().mapToInt(e -> e.field().length()).max().orElse(0);
    return entries.stream()
        .map(e -> String.format("  %-" + width + "s  %-9s  %s", e.field(),
            e.disclosed() ? "disclosed" : "withheld", e.why()))
        .toList();
  }
}
