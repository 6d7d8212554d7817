package org.accommodate.keys;

/** Where the signing key comes from: a PKCS#12 file today, a hardware token later. */
@FunctionalInterface
public interface KeySource {
  SigningKey load();

  /** Whether {@link #load} asks nobody anything (no prompt), so it may run beside other work. */
  default boolean unlocksQuietly() {
    return false;
  }
}
