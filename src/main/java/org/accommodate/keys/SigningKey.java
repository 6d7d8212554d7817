package org.accommodate.keys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, ready to sign.
 *
 * @param privateKey the key (may live in a token and never leave it)
 * @param chain the signer certificate first, then its issuers
 * @param specimen whether this is a demo key whose letters must say they are not valid
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain, boolean specimen) {
  public SigningKey {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty chain");
    }
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    return "SigningKey[" + certificate().getSubjectX500Principal().getName() + "]";
  }
}
