package org.accommodate.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.accommodate.SigningException;
import org.accommodate.output.AtomicOutput;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Writes PKCS#12 files the modern way only: the JDK's PKCS12 store uses PBES2 (PBKDF2 with
 * HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC, which OpenSSL 3 reads without -legacy. Legacy
 * RC2/3DES files are read elsewhere but never written.
 */
final class Pkcs12Files {
  private Pkcs12Files() {}

  /**
   * The error for a keystore whose integrity check failed with {@code password}: the JDK reports
   * a damaged file as a wrong password, and a clinician would type the right one again and again.
   * When the password opens the file's private key, it was right and the file was changed.
   */
  static SigningException refused(String what, Path file, Secret password, IOException cause) {
    return opensItsKey(file, password.reveal())
        ? new SigningException(what + " " + file + ": the password is right, but the file was changed or damaged"
            + " (its integrity check fails); restore it from a copy", cause)
        : wrongPassword(what, file, cause);
  }

  static SigningException wrongPassword(String what, Path file, Throwable cause) {
    return new SigningException(what + " " + file + ": wrong password", cause);
  }

  /**
   * {@code attempt}'s result; a password typed at the prompt may be mistyped, so one that
   * {@code attempt} refuses with {@link WrongPassword} is asked for again, three tries in all, as
   * sudo and ssh allow, rather than the whole command typed again. One from a file or the
   * environment would be wrong again, and is refused at once.
   */
  static <T> T retrying(PasswordSource passwords, Supplier<T> attempt) {
    for (int tried = 1; ; tried++) {
      try {
        return attempt.get();
      } catch (WrongPassword e) {
        if (!passwords.prompts() || tried == PROMPTS) {
          throw e.reported;
        }
        passwords.say("Wrong password; try again.");
      }
    }
  }

  private static final int PROMPTS = 3;

  /** Carries a wrong password's refusal out of one attempt, to be asked again or reported. */
  static final class WrongPassword extends RuntimeException {
    final SigningException reported;

    WrongPassword(SigningException reported) {
      super(null, null, false, false);
      this.reported = reported;
    }
  }

  /** Whether {@link #refused} would blame the password rather than the file. */
  static boolean blamesThePassword(Path file, Secret password) {
    return !opensItsKey(file, password.reveal());
  }

  /** Whether the JDK refused a keystore for its password (its integrity check), not its format. */
  static boolean passwordRefused(IOException e) {
    return e.getCause() instanceof java.security.UnrecoverableKeyException
        || String.valueOf(e.getMessage()).contains("password");
  }

  // Whether a shrouded key bag of the file decrypts with the password into a private key.
  private static boolean opensItsKey(Path file, char[] password) {
    try {
      PKCS12PfxPdu pfx = new PKCS12PfxPdu(org.accommodate.SmallFiles.read(file, 1024 * 1024));
      // BouncyCastle's own provider: the JDK's PBKDF2 keys are refused by its AES cipher here.
      var decryptor = new JcePKCSPBEInputDecryptorProviderBuilder()
          .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(password);
      for (var info : pfx.getContentInfos()) {
        PKCS12SafeBagFactory bags = PKCSObjectIdentifiers.encryptedData.equals(info.getContentType())
            ? new PKCS12SafeBagFactory(info, decryptor) : new PKCS12SafeBagFactory(info);
        for (PKCS12SafeBag bag : bags.getSafeBags()) {
          if (bag.getBagValue() instanceof PKCS8EncryptedPrivateKeyInfo key) {
            return key.decryptPrivateKeyInfo(decryptor) != null;
          }
        }
      }
      return false;
    } catch (Exception e) {  // a wrong password, or a file too damaged to tell: say the usual
      return false;
    }
  }

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
