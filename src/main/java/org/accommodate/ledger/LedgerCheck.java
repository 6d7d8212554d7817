package org.accommodate.ledger;

import java.util.List;

/**
 * What ledger verification found.
 *
 * @param intact every line is a valid entry in its place in the chain
 * @param entries the entries that verified (all of them when intact)
 * @param badLine the first bad line (0 when intact)
 * @param problem what is wrong with it (null when intact)
 */
public record LedgerCheck(boolean intact, List<LedgerEntry> entries, int badLine, String problem) {
  public LedgerCheck {
    entries = List.copyOf(entries);
  }

  static LedgerCheck ok(List<LedgerEntry> entries) {
    return new LedgerCheck(true, entries, 0, null);
  }

  static LedgerCheck damaged(List<LedgerEntry> entries, int line, String problem) {
    return new LedgerCheck(false, entries, line, problem);
  }
}
