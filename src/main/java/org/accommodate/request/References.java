package org.accommodate.request;

import java.util.Locale;

/** The clinic's own references (authorizations, patients), compared as people type them. */
public final class References {
  private References() {}

  /** Case and spacing do not make two references different: "auth-2026-0117 " is AUTH-2026-0117. */
  public static String key(String reference) {
    return reference.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
  }
}
