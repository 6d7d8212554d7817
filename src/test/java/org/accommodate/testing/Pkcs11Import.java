package org.accommodate.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;

/**
 * Run in its own JVM (SoftHSM2 reads SOFTHSM2_CONF from the environment): copies a key and its
 * chain from a PKCS#12 file into the token, the certificate beside the key with the same CKA_ID.
 */
public final class Pkcs11Import {
  private Pkcs11Import() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    Path p12 = Path.of(args[1]);
    char[] p12Password = args[2].toCharArray();
    char[] pin = System.getenv("TOKEN_PIN").toCharArray();
    Provider provider = Security.getProvider("SunPKCS11").configure(config.toString());
    Security.addProvider(provider);
    KeyStore source = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      source.load(in, p12Password);
    }
    KeyStore token = KeyStore.getInstance("PKCS11", provider);
    token.load(null, pin);
    PrivateKey key = (PrivateKey) source.getKey("clinician", p12Password);
    token.setKeyEntry("clinician", key, null, source.getCertificateChain("clinician"));
    System.out.println("IMPORTED");
  }
}
