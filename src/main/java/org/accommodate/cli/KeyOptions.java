package org.accommodate.cli;

import java.nio.file.Path;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.keys.KeySource;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.Pkcs11Keys;
import org.accommodate.keys.Pkcs12Keys;
import org.accommodate.request.ClinicProfile;
import picocli.CommandLine.Option;

/** Where the signing key comes from; the password never travels as an option value. */
final class KeyOptions {
  @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12 file with the clinician's key (default: the profile's signing.keystore).")
  Path keystore;

  @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Key entry (or token label) to use when there are several.")
  String alias;

  @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "Sign with a key on a smart card or token (SunPKCS11 config file); the PIN comes like a password.")
  Path pkcs11;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the key password (else the ACCOMMODATE_KEY_PASSWORD variable, else a prompt).")
  Path passwordFile;

  boolean given() {
    return keystore != null || pkcs11 != null;
  }

  KeySource source(Context context, ClinicProfile profile) {
    Letters letters = context.letters();
    if (pkcs11 != null) {
      if (keystore != null) {
        throw new InputException("--pkcs11: cannot be combined with --keystore");
      }
      return new Pkcs11Keys(letters.resolve(pkcs11), alias, new PasswordSource(
          passwordFile == null ? null : letters.resolve(passwordFile), context.environment(), context.console()));
    }
    Path file = keystore != null ? letters.resolve(keystore) : profile == null ? null : profile.keystore();
    if (file == null) {
      throw new InputException("--keystore: no signing key; pass --keystore FILE or set signing.keystore in the profile");
    }
    String chosenAlias = alias != null ? alias : profile == null ? null : profile.keyAlias();
    PasswordSource passwords = new PasswordSource(
        passwordFile == null ? null : letters.resolve(passwordFile), context.environment(), context.console());
    return new Pkcs12Keys(file, keystore != null ? "--keystore" : "profile.signing.keystore", chosenAlias, passwords);
  }
}
