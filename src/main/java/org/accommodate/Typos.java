package org.accommodate;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Near misses between what someone typed and the names the tool knows (commands, options, the
 * fields of a request), for "did you mean" hints that repeat only names of our own.
 */
public final class Typos {
  private Typos() {}

  /**
   * The known names {@code typed} is a typo of, closest first: at most a third of a name's letters
   * apart (one for short names), compared without regard to case.
   */
  public static List<String> nearMisses(String typed, Collection<String> names, int limit) {
    String folded = typed.toLowerCase(java.util.Locale.ROOT);
    return names.stream()
        .filter(name -> distance(name.toLowerCase(java.util.Locale.ROOT), folded) <= Math.max(1, name.length() / 3))
        .sorted(Comparator.comparingInt((String name) -> distance(name.toLowerCase(java.util.Locale.ROOT), folded))
            .thenComparing(Comparator.naturalOrder()))
        .limit(limit).toList();
  }

  /** Edits (insert, delete, replace) between two short names. */
  static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }
}
