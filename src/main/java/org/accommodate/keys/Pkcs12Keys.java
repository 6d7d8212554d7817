package org.accommodate.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.accommodate.InputException;
import org.accommodate.SigningException;

/** Loads a signing key and its chain from a PKCS#12 file. */
public final class Pkcs12Keys implements KeySource {
  private final Path file;
  private final String named;
  private final String alias;
  private final PasswordSource passwords;

  public Pkcs12Keys(Path file, String alias, PasswordSource passwords) {
    this(file, "--keystore", alias, passwords);
  }

  /** {@code named} is where the file was named, for messages: an option or a profile field. */
  public Pkcs12Keys(Path file, String named, String alias, PasswordSource passwords) {
    this.file = file;
    this.named = named;
    this.alias = alias;
    this.passwords = passwords;
  }

  @Override
  public boolean unlocksQuietly() {
    return !passwords.prompts();
  }

  @Override
  public SigningKey load() {
    if (!Files.isRegularFile(file)) {
      throw new InputException(named + (Files.exists(file) ? ": not a regular file " : ": no such file ") + file);
    }
    return Pkcs12Files.retrying(passwords, this::loadOnce);
  }

  private SigningKey loadOnce() {
    try (Secret password = passwords.obtain("Password for " + file.getFileName())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password.reveal());
      } catch (IOException e) {
        // The JDK reports a wrong password as an IOException whose cause is unrecoverable.
        if (Pkcs12Files.passwordRefused(e)) {
          if (Pkcs12Files.blamesThePassword(file, password)) {
            throw new Pkcs12Files.WrongPassword(Pkcs12Files.wrongPassword("keystore", file, e));
          }
          throw Pkcs12Files.refused("keystore", file, password, e);
        }
        throw new SigningException("keystore " + file + ": not a readable PKCS#12 file", e);
      }
      String chosen = chooseAlias(store);
      Key key = store.getKey(chosen, password.reveal());
      if (!(key instanceof PrivateKey privateKey)) {
        throw new SigningException("keystore " + file + ": entry '" + chosen + "' holds no private key");
      }
      List<X509Certificate> chain = new ArrayList<>();
      Certificate[] certificates = store.getCertificateChain(chosen);
      if (certificates == null) {
        throw new SigningException("keystore " + file + ": entry '" + chosen + "' has no certificate");
      }
      for (Certificate certificate : certificates) {
        chain.add((X509Certificate) certificate);
      }
      return new SigningKey(privateKey, chain, DemoKeys.isSpecimen(chain));
    } catch (UnrecoverableKeyException e) {
      throw new Pkcs12Files.WrongPassword(Pkcs12Files.wrongPassword("keystore", file, e));
    } catch (GeneralSecurityException e) {
      throw new SigningException("keystore " + file + ": cannot be read", e);
    }
  }

  private String chooseAlias(KeyStore store) throws GeneralSecurityException {
    List<String> keys = new ArrayList<>();
    for (String name : Collections.list(store.aliases())) {
      if (store.isKeyEntry(name)) {
        keys.add(name);
      }
    }
    if (alias != null) {
      if (!keys.contains(alias)) {
        throw new SigningException("--key-alias: keystore " + file + " has no key entry with that alias");
      }
      return alias;
    }
    if (keys.size() != 1) {
      throw new SigningException("--key-alias: keystore " + file + " holds " + keys.size()
          + " keys; name one with --key-alias");
    }
    return keys.get(0);
  }
}
