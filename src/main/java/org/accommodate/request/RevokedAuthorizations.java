package org.accommodate.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.accommodate.InputException;

/**
 * The authorizations patients have revoked in writing (45 CFR 164.508(b)(5)), as the clinic
 * keeps them: a text file named by the profile, one reference per line, {@code #} starting a
 * comment ("AUTH-2026-0117  # revoked by letter, 2026-12-03"). A letter under a known revoked
 * authorization is refused (164.508(b)(2)).
 */
public final class RevokedAuthorizations {
  // A list grows by a line per revocation; a file far larger than that is not one.
  private static final long MAX_BYTES = 4L * 1024 * 1024;

  private RevokedAuthorizations() {}

  /** The references in {@code file}, each {@linkplain #key normalized}; {@code field} names it in messages. */
  static Set<String> read(Path file, String field) {
    byte[] bytes;
    try {
      bytes = org.accommodate.SmallFiles.read(file, MAX_BYTES);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException(field + ": " + file + " is larger than 4 MB; it should hold one reference per line");
    } catch (IOException e) {
      throw InputException.io(field + ": cannot read " + file, e);
    }
    String text = Documents.utf8(bytes, field + ": " + file + " is not UTF-8 text");
    Set<String> references = new HashSet<>();
    text.lines().forEach(line -> {
      int comment = line.indexOf('#');
      String reference = References.key(comment < 0 ? line : line.substring(0, comment));
      if (!reference.isEmpty()) {
        references.add(reference);
      }
    });
    return Set.copyOf(references);
  }
}
