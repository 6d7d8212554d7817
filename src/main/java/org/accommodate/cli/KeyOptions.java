package org.accommodate.cli;

import java.nio.file.Path;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.keys.KeySource;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.Pkcs12Keys;
import org.accommodate.request.ClinicProfile;
import picocli.CommandLine.Option;

/** Where the signing key comes from; the password never travels as an option value. */
final class KeyOptions {
  @Option(names = "--keystore", paramLabel = "FILE", description = "PKCS#12 file with the clinician's key (default: the profile's signing.keystore).")
  Path keystore;

  @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Key entry to use when the keystore holds several.")
  String alias;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the key password (else the ACCOMMODATE_KEY_PASSWORD variable, else a prompt).")
  Path passwordFile;

  boolean given() {
    return keystore != null;
  }

  KeySource source(Context context, ClinicProfile profile) {
    Letters letters = context.letters();
    Path file = keystore != null ? letters.resolve(keystore) : profile == null ? null : profile.keystore();
    if (file == null) {
      throw new InputException("--keystore: no signing key; pass --keystore FILE or set signing.keystore in the profile");
    }
    String chosenAlias = alias != null ? alias : profile == null ? null : profile.keyAlias();
    PasswordSource passwords = new PasswordSource(
        passwordFile == null ? null : letters.resolve(passwordFile), context.environment(), context.console());
    return new Pkcs12Keys(file, chosenAlias, passwords);
  }
}
