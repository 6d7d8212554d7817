package org.accommodate.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.accommodate.Crockford;
import org.accommodate.request.Category;

/**
 * A short code for the scope an authorization form states — patient, recipient, purpose,
 * categories, last day — printed on the form and typed back into the request once the patient
 * has signed (authorization.form_code), so that a request edited since the form was printed, or
 * mistyped from it, is found before a letter goes out. A check against slips, not a secret: it
 * is a hash of what the form already shows. Case, accents, punctuation and spacing do not count,
 * as for the recipient's name.
 */
public final class ScopeCode {
  private ScopeCode() {}

  /** XXXX-XXXX: the first 40 bits of the scope's SHA-256, in Crockford's base 32. */
  public static String of(String patientName, String recipient, String purpose, Set<Category> discloses,
      LocalDate expires) {
    String scope = String.join("\n", "accommodate authorization scope 1",
        AuthorizationCheck.normalizedName(patientName), AuthorizationCheck.normalizedName(recipient),
        AuthorizationCheck.normalizedName(purpose),
        discloses.stream().map(Category::keyword).sorted().collect(Collectors.joining(",")), expires.toString());
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long bits = 0;
    for (int i = 0; i < 5; i++) {
      bits = (bits << 8) | (hash[i] & 0xff);
    }
    StringBuilder code = new StringBuilder(9);
    for (int i = 7; i >= 0; i--) {
      code.append(Crockford.digit((int) (bits >>> (5 * i)) & 31));
      if (i == 4) {
        code.append('-');
      }
    }
    return code.toString();
  }
}
