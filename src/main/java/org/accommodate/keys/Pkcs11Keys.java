package org.accommodate.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.SigningException;

/**
 * A signing key that never leaves a smart card or hardware token, through the JDK's SunPKCS11
 * provider and a config file (name, library, slot). The token lists a private key only when a
 * certificate with the same CKA_ID sits beside it.
 */
public final class Pkcs11Keys implements KeySource {
  private final Path config;
  private final String alias;
  private final PasswordSource pins;

  public Pkcs11Keys(Path config, String alias, PasswordSource pins) {
    this.config = config;
    this.alias = alias;
    this.pins = pins;
  }

  @Override
  public boolean unlocksQuietly() {
    return !pins.prompts();
  }

  @Override
  public SigningKey load() {
    Provider provider = provider();
    try (Secret pin = pins.obtain("PIN for the token")) {
      KeyStore store = open(provider, pin);
      List<String> keys = keyLabels(store);
      String chosen;
      if (alias != null) {
        if (!keys.contains(alias)) {
          throw new SigningException("--key-alias: the token has no key with that label");
        }
        chosen = alias;
      } else if (keys.size() == 1) {
        chosen = keys.get(0);
      } else {
        throw new SigningException("--key-alias: the token holds " + keys.size() + " keys with certificates; name one");
      }
      Key key = store.getKey(chosen, null);
      Certificate[] certificates = store.getCertificateChain(chosen);
      if (!(key instanceof PrivateKey privateKey) || certificates == null) {
        throw new SigningException("--pkcs11: the token's entry has no private key and certificate");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : certificates) {
        chain.add((X509Certificate) certificate);
      }
      return new SigningKey(privateKey, chain, DemoKeys.isSpecimen(chain));
    } catch (GeneralSecurityException e) {
      throw new SigningException("--pkcs11: the token could not be read", e);
    }
  }

  /**
   * Copies {@code key} and its chain into the token under this source's label, the certificate
   * beside the key with the same CKA_ID as signing needs; refuses a label the token already holds.
   *
   * @return how many keys the token then holds
   */
  public int store(SigningKey key) {
    Provider provider = provider();
    try (Secret pin = pins.obtain("PIN for the token")) {
      KeyStore store = open(provider, pin);
      if (store.containsAlias(alias)) {
        throw new InputException("--key-alias: the token already holds an entry labelled " + alias
            + "; choose another label");
      }
      store.setKeyEntry(alias, key.privateKey(), null, key.chain().toArray(new Certificate[0]));
      return keyLabels(store).size();
    } catch (GeneralSecurityException e) {
      throw new SigningException("--pkcs11: the token did not take the key (it may accept only keys made on it)", e);
    }
  }

  // The token's provider, loaded (and installed, so that Signature objects find the token's keys)
  // before the PIN is asked for: a wrong config or library is said first.
  private Provider provider() {
    if (!Files.isRegularFile(config)) {
      throw new InputException("--pkcs11: no such config file " + config);
    }
    Provider provider;
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new SigningException("--pkcs11: this Java has no SunPKCS11 provider");
      }
      provider = base.configure(config.toString());
    } catch (RuntimeException e) {
      if (e instanceof SigningException signing) {
        throw signing;
      }
      throw new SigningException("--pkcs11: the token library could not be loaded (check 'library' in "
          + config.getFileName() + ", and SOFTHSM2_CONF for SoftHSM)", e);
    }
    Security.addProvider(provider);
    return provider;
  }

  // The token's key store, logged in with the PIN.
  private static KeyStore open(Provider provider, Secret pin) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS11", provider);
    try {
      store.load(null, pin.reveal());
    } catch (java.io.IOException e) {
      throw new SigningException("--pkcs11: the token refused the PIN, or no token is present", e);
    }
    return store;
  }

  private static List<String> keyLabels(KeyStore store) throws GeneralSecurityException {
    List<String> keys = new ArrayList<>();
    for (String name : Collections.list(store.aliases())) {
      if (store.isKeyEntry(name)) {
        keys.add(name);
      }
    }
    return keys;
  }
}
