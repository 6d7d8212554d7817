package org.accommodate.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.nio.file.Path;
import org.accommodate.output.AtomicOutput;

/**
 * Writes PKCS#12 files the modern way only: the JDK's PKCS12 store uses PBES2 (PBKDF2 with
 * HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC, which OpenSSL 3 reads without -legacy. Legacy
 * RC2/3DES files are read elsewhere but never written.
 */
final class Pkcs12Files {
  private Pkcs12Files() {}

  static void write(Path file, String alias, PrivateKey key, Certificate[] chain, Secret password, boolean force)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, key, password.reveal(), chain);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    store.store(bytes, password.reveal());
    if (!force) {
      AtomicOutput.checkWritable(file, false);
    }
    AtomicOutput.write(file, bytes.toByteArray(), force);
  }
}
