package org.accommodate.ledger;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate process for the ledger tests: appends N entries, or with "pause" writes half of one
 * line, says so on stdout, and waits to be killed mid-append.
 */
public final class LedgerAppender {
  private LedgerAppender() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String mode = args[1];
    if (mode.equals("pause")) {
      Ledger ledger = new Ledger(file, (channel, bytes) -> {
        channel.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2));
        channel.force(true);
        System.out.println("PAUSED");
        System.out.flush();
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      ledger.append(entry("PAUSE"));
      return;
    }
    int count = Integer.parseInt(mode);
    Ledger ledger = new Ledger(file);
    for (int i = 0; i < count; i++) {
      ledger.append(entry(args[2] + "-" + i));
    }
  }

  static LedgerEntry entry(String id) {
    return new LedgerEntry(0, "2026-12-01T15:00:00Z", id, "schedule-adjustment", "en", "Acme Logistics",
        List.of("identity", "schedule"), "AUTH-1", null, "MRN-1", "00".repeat(32), "11".repeat(32), List.of(), null, null);
  }
}
