package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.ClinicKeys;
import org.accommodate.keys.KeyPolicy;
import org.accommodate.keys.PasswordSource;
import org.accommodate.keys.Pkcs11Keys;
import org.accommodate.keys.Pkcs12Keys;
import org.accommodate.keys.Secret;
import org.accommodate.keys.SigningKey;
import org.accommodate.ledger.Ledger;
import org.accommodate.ledger.LedgerEntry;
import org.accommodate.output.AtomicOutput;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import org.accommodate.keys.ClinicCa;
import org.accommodate.keys.DemoKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate keys: the clinic CA and clinician keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manage the clinic CA and clinician keys.",
    subcommands = {KeysCommand.Init.class, KeysCommand.Issue.class, KeysCommand.Revoke.class, KeysCommand.Crl.class,
        KeysCommand.Csr.class, KeysCommand.Import.class, KeysCommand.Show.class})
final class KeysCommand {
  /**
   * Options naming the clinic CA's keystore: by default the one keys init makes. Never the demo
   * CA unless named: its password is public, and a clinic that had run the demo got demo
   * certificates from `keys issue` and demo lists from `keys crl` without a word.
   */
  static final class CaOptions {
    @Option(names = "--ca", paramLabel = "FILE",
        description = "The clinic CA's PKCS#12 file (default: keys/ca/ca.p12, where keys init puts it).")
    Path ca;

    @Option(names = "--ca-password-file", paramLabel = "FILE", description = "File whose first line is the CA key password"
        + " (else the ACCOMMODATE_CA_PASSWORD variable, else a prompt).")
    Path passwordFile;

    CertificateAuthority open(Context context) {
      Letters letters = context.letters();
      Path file = ca != null ? letters.resolve(ca) : ClinicKeys.caKeystore(letters.resolve(Path.of("keys")));
      if (ca == null && !Files.exists(file)) {
        throw new InputException("--ca: no clinic CA at keys/ca/ca.p12, where keys init puts it; name the CA's"
            + " PKCS#12 file with --ca (the demo keys' CA, whose certificates are specimens: --ca keys/demo/ca.p12)");
      }
      Path demoCa = letters.demoKeys().directory().resolve(DemoKeys.CA_KEYSTORE);
      boolean demo = file.toAbsolutePath().normalize().equals(demoCa.toAbsolutePath().normalize());
      // The demo CA's password is public and fixed; ACCOMMODATE_CA_PASSWORD is the clinic CA's.
      PasswordSource passwords = demo && passwordFile == null ? PasswordSource.fixed(DemoKeys.PASSWORD)
          : new PasswordSource(passwordFile == null ? null : letters.resolve(passwordFile), context.environment(),
              context.console(), PasswordSource.CA_ENVIRONMENT_VARIABLE, "--ca-password-file");
      return CertificateAuthority.open(file, passwords);
    }
  }

  /** keys crl: a fresh CRL from the clinic CA. */
  @Command(name = "crl", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "Issue a fresh CRL (valid 7 days unless --days) listing every certificate the CA has revoked.")
  static final class Crl implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CaOptions ca;

    @Option(names = "--days", paramLabel = "N", description = "How long the list stays current (1 to 90; default 7). "
        + "Verifiers report a list past this date as out of date; a revocation is seen only once a newer list reaches them.")
    int days = 7;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: ca.crl beside the CA).")
    Path output;

    private final Context context;

    Crl(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      if (days < 1 || days > 90) {
        throw new org.accommodate.InputException("--days: must be from 1 to 90");
      }
      if (output != null) {  // before the CA's password is asked for
        AtomicOutput.checkWritable(context.letters().resolve(output), true);
      }
      CertificateAuthority authority = ca.open(context);
      X509CRL crl = authority.issueCrl(context.letters().clock().instant(), java.time.Duration.ofDays(days));
      Path target = output != null ? context.letters().resolve(output) : authority.defaultCrlFile();
      try {
        AtomicOutput.write(target, crl.getEncoded(), true);
      } catch (java.io.IOException e) {  // a name too long for the file system, a full disk
        throw org.accommodate.InputException.io("-o: cannot write " + target, e);
      }
      spec.commandLine().getOut().printf("CRL with %s, valid until %s, written to %s%n",
          Counts.of(crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(), "revoked certificate"),
          crl.getNextUpdate().toInstant(), target);
      return ExitCodes.OK;
    }
  }

  /** keys revoke CERT: revoke a clinician certificate and reissue the CRL. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "Revoke a certificate the clinic CA issued, then write a fresh CRL.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CaOptions ca;

    @Parameters(paramLabel = "CERT|LETTER", description = "The certificate to revoke (PEM or DER, such as the CA's copy"
        + " under issued/), or a letter it signed.")
    Path certificate;

    private final Context context;

    Revoke(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      X509Certificate revoked = ClinicKeys.toRevoke(context.letters().resolve(certificate), "CERT: " + certificate);
      CertificateAuthority authority = ca.open(context);
      boolean fresh = authority.revoke(revoked, context.letters().clock().instant());
      X509CRL crl = authority.issueCrl(context.letters().clock().instant());
      AtomicOutput.write(authority.defaultCrlFile(), crl.getEncoded(), true);
      // Whose certificate, so that the person revoking sees they named the right one.
      spec.commandLine().getOut().printf("%s %s (serial %s); fresh CRL written to %s%n",
          fresh ? "Revoked" : "Already revoked:", revoked.getSubjectX500Principal().getName(),
          revoked.getSerialNumber().toString(16), authority.defaultCrlFile());
      signedLetters(revoked);
      return ExitCodes.OK;
    }

    // Every letter the key signed without a trusted time-stamp now verifies INVALID wherever the
    // list is checked, and its patient needs it signed again: the clinic's ledger says which.
    private void signedLetters(X509Certificate revoked) throws java.security.cert.CertificateEncodingException {
      Letters letters = context.letters();
      List<LedgerEntry> signed;
      Path file = null;
      try {
        if (!letters.hasProfile(null)) {
          return;
        }
        Ledger ledger = letters.ledgerAt(null, letters.readProfile(null));
        file = ledger.file();
        String signer = Ledger.sha256(revoked.getEncoded());
        signed = ledger.entries().stream().filter(e -> signer.equals(e.signer())).toList();
      } catch (InputException e) {
        if (file != null && Files.exists(file)) {  // a damaged ledger; none configured says nothing
          spec.commandLine().getOut().printf("  The letters this certificate signed are not listed: %s%n", e.getMessage());
        }
        return;
      }
      if (signed.isEmpty()) {
        return;
      }
      List<String> ids = signed.stream().map(LedgerEntry::letterId).toList();
      String shown = ids.size() <= 10 ? String.join(", ", ids)
          : String.join(", ", ids.subList(ids.size() - 10, ids.size())) + " and " + (ids.size() - 10) + " earlier";
      spec.commandLine().getOut().printf("  %s records %d %s signed with this certificate (%s). Those without a trusted"
          + " time-stamp now verify INVALID wherever this list is checked: their patients need letters signed"
          + " again.%n", letters.shown(file), ids.size(), ids.size() == 1 ? "letter" : "letters", shown);
    }
  }

  /** For the names of a new certificate, which every letter it signs prints. */
  static final class AcceptWarningsOption {
    @Option(names = "--accept-warnings", description = "Take a name the privacy scan warns about (each letter the key"
        + " signs will need --accept-warnings too).")
    boolean accepted;
  }

  /** Key type option shared by the commands that make keys. */
  static final class KeyTypeOption {
    @Option(names = "--key-type", paramLabel = "TYPE", description = "rsa-3072 (default), rsa-2048, ec-p256 or ec-p384.")
    String type = "rsa-3072";

    ClinicCa.KeyType parse() {
      return switch (type) {
        case "rsa-3072" -> ClinicCa.KeyType.RSA_3072;
        case "rsa-2048" -> ClinicCa.KeyType.RSA_2048;
        case "ec-p256" -> ClinicCa.KeyType.EC_P256;
        case "ec-p384" -> ClinicCa.KeyType.EC_P384;
        default -> throw new InputException("--key-type: must be rsa-3072, rsa-2048, ec-p256 or ec-p384");
      };
    }
  }

  /** Where a new key's password comes from; asked twice at a prompt. */
  static PasswordSource passwords(Context context, Path file, String variable, String option) {
    Letters letters = context.letters();
    return new PasswordSource(file == null ? null : letters.resolve(file), context.environment(), context.console(),
        variable, option);
  }

  /** keys init: a clinic CA and its first clinician certificate (or --demo). */
  @Command(name = "init", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      header = "Create a clinic CA and its first clinician key (or, with --demo, the demo keys).",
      description = "Create a clinic CA and its first clinician key: ca/ca.p12, ca/ca.pem, "
          + "trusted/NAME-ca.pem and CLINICIAN.p12 under --dir (default keys/). With --demo: the "
          + "demo keys under keys/demo/.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--demo", description = "Create the demo keys (public password \"demo\"; letters say SPECIMEN).")
    boolean demo;

    @Option(names = "--org", paramLabel = "NAME", description = "The clinic's name, as its certificates and every"
        + " letter's signature block show it: as neutral as the letterhead's.")
    String organization;

    @Option(names = "--clinician", paramLabel = "NAME", description = "The first clinician's name.")
    String clinician;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to write (default: keys).")
    Path dir = Path.of("keys");

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "The new clinician key password (else ACCOMMODATE_KEY_PASSWORD, else asked twice).")
    Path passwordFile;

    @Option(names = "--ca-password-file", paramLabel = "FILE",
        description = "The new CA key password (else ACCOMMODATE_CA_PASSWORD, else asked twice).")
    Path caPasswordFile;

    @Mixin KeyTypeOption keyType;
    @Mixin AcceptWarningsOption warnings;

    private final Context context;

    Init(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (demo) {
        // The demo keys have fixed names, place, password and key type: what is typed for a
        // clinic's own keys would be dropped without a word.
        for (String option : List.of("--org", "--clinician", "--dir", "--password-file", "--ca-password-file", "--key-type",
            "--accept-warnings")) {
          if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new InputException(option + ": not with --demo, whose keys are always the same (keys/demo/, password"
                + " \"demo\"); leave out --demo to make the clinic's own");
          }
        }
        DemoKeys keys = context.letters().demoKeys();
        if (keys.ensure(ClinicCa.KeyType.RSA_3072)) {
          out.printf("Created demo keys in %s%n", keys.directory());
        } else {
          out.printf("Demo keys already exist in %s%n", keys.directory());
        }
        out.printf("  CA certificate (trust anchor for demo letters): %s%n", keys.caCertificate());
        out.printf("  Clinician key (password \"%s\"): %s%n", DemoKeys.PASSWORD, keys.clinicianKeystore());
        return ExitCodes.OK;
      }
      if (organization == null || clinician == null) {
        throw new InputException("keys init: give --org NAME and --clinician NAME (or --demo)");
      }
      organization = certificateName("--org", organization, warnings.accepted);
      clinician = certificateName("--clinician", clinician, warnings.accepted);
      Letters letters = context.letters();
      ClinicCa.KeyType type = keyType.parse();
      try (Secret caPassword = passwords(context, caPasswordFile, PasswordSource.CA_ENVIRONMENT_VARIABLE, "--ca-password-file")
               .obtainNew("New password for the clinic CA key");
           Secret password = passwords(context, passwordFile, PasswordSource.ENVIRONMENT_VARIABLE, "--password-file")
               .obtainNew("New password for the clinician key")) {
        ClinicKeys.Created created = ClinicKeys.init(letters.resolve(dir), organization, clinician, type, caPassword,
            password, letters.clock().instant());
        out.printf("Created the clinic CA %s (keep it offline) and %s%n", created.caKeystore(), created.clinicianKeystore());
        out.printf("  Trust anchor for verify: %s (give HR this file through a channel they trust)%n", created.trustedCopy());
        out.printf("  Its SHA-256 fingerprint, to publish where HR can look it up (your website): %s%n",
            created.caFingerprint());
        out.println("    HR then checks a letter with: accommodate verify LETTER.pdf --trust-fingerprint FINGERPRINT");
        out.printf("  The CA's copy of the clinician's certificate, to revoke it if the key is lost: %s%n",
            created.issuedCopy());
      }
      return ExitCodes.OK;
    }
  }

  /** keys issue: another clinician certificate from the clinic CA. */
  @Command(name = "issue", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "Issue another clinician key and certificate from the clinic CA.")
  static final class Issue implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CaOptions ca;
    @Mixin KeyTypeOption keyType;
    @Mixin AcceptWarningsOption warnings;

    @Option(names = "--clinician", paramLabel = "NAME", required = true, description = "The clinician's name.")
    String clinician;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The new PKCS#12 file.")
    Path output;

    // --password-file as keys init names the same file; --key-password-file beside --ca-password-file.
    @Option(names = {"--password-file", "--key-password-file"}, paramLabel = "FILE",
        description = "The new key's password (else ACCOMMODATE_KEY_PASSWORD, else asked twice).")
    Path keyPasswordFile;

    private final Context context;

    Issue(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      clinician = certificateName("--clinician", clinician, warnings.accepted);
      Letters letters = context.letters();
      Path target = letters.resolve(output);
      AtomicOutput.checkNew(target, "-o");
      CertificateAuthority authority = ca.open(context);
      String named = spec.commandLine().getParseResult().hasMatchedOption("--password-file") ? "--password-file"
          : "--key-password-file";
      try (Secret password = passwords(context, keyPasswordFile, PasswordSource.ENVIRONMENT_VARIABLE, named)
          .obtainNew("New password for the clinician's key")) {
        ClinicKeys.Issued issued = ClinicKeys.issue(authority, clinician, keyType.parse(), password, target,
            letters.clock().instant());
        spec.commandLine().getOut().printf("Issued a clinician certificate from %s: %s%n",
            issued.issuer() == null ? "the CA" : issued.issuer(), issued.keystore());
        if (issued.specimen()) {
          spec.commandLine().getOut().printf("  A demo certificate: the demo CA's password is public, so every letter"
              + " this key signs says SPECIMEN%n");
        }
        spec.commandLine().getOut().printf("  The CA's copy, to revoke it if the key is lost: %s%n", issued.issuedCopy());
      }
      return ExitCodes.OK;
    }
  }

  /** keys csr: a key and a certificate request for a commercial CA. */
  @Command(name = "csr", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      header = "Make a key and a certificate request (PKCS#10) for a commercial CA.",
      description = "Make a key (in a PKCS#12 file) and a PKCS#10 request to send to a commercial CA; then "
          + "'keys import' its answer.")
  static final class Csr implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeyTypeOption keyType;
    @Mixin AcceptWarningsOption warnings;

    @Option(names = "--clinician", paramLabel = "NAME", required = true, description = "The clinician's name.")
    String clinician;

    @Option(names = "--org", paramLabel = "NAME", description = "The organization's name.")
    String organization;

    @Option(names = "--keystore", paramLabel = "FILE", required = true, description = "The new PKCS#12 file for the key.")
    Path keystore;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The request file (PEM).")
    Path request;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "The new key's password (else ACCOMMODATE_KEY_PASSWORD, else asked twice).")
    Path passwordFile;

    private final Context context;

    Csr(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      clinician = certificateName("--clinician", clinician, warnings.accepted);
      organization = organization == null ? null : certificateName("--org", organization, warnings.accepted);
      Letters letters = context.letters();
      AtomicOutput.checkNew(letters.resolve(keystore), "--keystore");
      AtomicOutput.checkNew(letters.resolve(request), "-o");
      try (Secret password = passwords(context, passwordFile, PasswordSource.ENVIRONMENT_VARIABLE, "--password-file")
          .obtainNew("New password for the key")) {
        ClinicKeys.csr(clinician, organization, keyType.parse(), password, letters.resolve(keystore),
            letters.resolve(request), letters.clock().instant());
      }
      spec.commandLine().getOut().printf("Key in %s; send %s to the CA, then run 'accommodate keys import'.%n",
          keystore, request);
      return ExitCodes.OK;
    }
  }

  /**
   * keys import CHAIN --keystore FILE: the chain a commercial CA returned; or keys import --pkcs11
   * CONFIG --keystore FILE: that key and chain copied into a token.
   */
  @Command(name = "import", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = {"Store the certificate chain a CA returned next to the key it certifies; or, with --pkcs11, copy "
          + "a clinician key and its chain from the PKCS#12 file into a token or HSM, for letters signed with "
          + "--pkcs11."})
  static final class Import implements Callable<Integer> {
    /** Where the token's PIN may come from besides --pin-file and the prompt. */
    static final String PIN_VARIABLE = "ACCOMMODATE_TOKEN_PIN";

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CHAIN", arity = "0..1",
        description = "PEM file: the clinician's certificate first, then its issuers.")
    Path chain;

    @Option(names = "--keystore", paramLabel = "FILE", required = true,
        description = "The PKCS#12 file from 'keys csr' (with --pkcs11: any clinician key's).")
    Path keystore;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "The key password (else ACCOMMODATE_KEY_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--pkcs11", paramLabel = "CONFIG",
        description = "Copy the key and its chain into this token (SunPKCS11 config file).")
    Path pkcs11;

    @Option(names = "--key-alias", paramLabel = "LABEL",
        description = "The key's label in the token (default: the PKCS#12 file's name, such as sam-lee).")
    String label;

    @Option(names = "--pin-file", paramLabel = "FILE",
        description = "File whose first line is the token's PIN (else " + PIN_VARIABLE + ", else a prompt).")
    Path pinFile;

    private final Context context;

    Import(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Letters letters = context.letters();
      if (pkcs11 != null) {
        return toToken(letters);
      }
      for (String tokenOnly : List.of("--key-alias", "--pin-file")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(tokenOnly)) {
          throw new InputException(tokenOnly + ": only with --pkcs11");
        }
      }
      if (chain == null) {
        throw new InputException("CHAIN: required: the PEM file the CA returned (or --pkcs11 CONFIG to copy the key"
            + " into a token)");
      }
      try (Secret password = passwords(context, passwordFile, PasswordSource.ENVIRONMENT_VARIABLE, "--password-file")
          .obtain("Password for " + keystore.getFileName())) {
        ClinicKeys.importChain(letters.resolve(keystore), password, letters.resolve(chain));
      }
      spec.commandLine().getOut().printf("Stored the chain from %s in %s%n", chain, keystore);
      return ExitCodes.OK;
    }

    // The key is read from the file (its password asked for first, with retries at a prompt),
    // then written to the token, which from then on signs without it.
    private Integer toToken(Letters letters) {
      if (chain != null) {
        throw new InputException("CHAIN: not with --pkcs11; store the chain in the PKCS#12 file first (keys import CHAIN"
            + " --keystore FILE), then copy the key into the token");
      }
      Path file = letters.resolve(keystore);
      String named = label != null ? label.strip()
          : file.getFileName().toString().replaceFirst("(?i)\\.(p12|pfx)$", "");
      if (named.isEmpty() || named.length() > 64 || !named.matches("[\\p{L}\\p{N} ._-]+")) {
        throw new InputException("--key-alias: must be 1 to 64 letters, digits, spaces, dots, dashes or underscores");
      }
      SigningKey key = new Pkcs12Keys(file, null, passwords(context, passwordFile, PasswordSource.ENVIRONMENT_VARIABLE,
          "--password-file")).load();
      KeyPolicy.checkUsable(key, letters.clock().instant());
      KeyPolicy.checkNotRevoked(key, letters.localRevocationLists());
      int keys = new Pkcs11Keys(letters.resolve(pkcs11), named, passwords(context, pinFile, PIN_VARIABLE, "--pin-file"))
          .store(key);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Copied the key and certificate chain of %s into the token, labelled %s%n", keystore, named);
      out.printf("  Letters: accommodate letter REQUEST --pkcs11 %s%s (the PIN comes as a key password does)%n", pkcs11,
          keys > 1 ? " --key-alias \"" + named + "\"" : "");
      out.printf("  The PKCS#12 file still holds the key: keep it offline as a backup, or delete it%n");
      return ExitCodes.OK;
    }
  }

  /** keys show FILE: what a key or certificate file holds, never the key. */
  @Command(name = "show", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "Show subject, issuer, validity, key, usages and fingerprints (never the key itself).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1",
        description = "A PKCS#12 file, PEM/DER certificates, or a signed letter (its signer's certificate); default:"
            + " the profile's signing.keystore, the key letters are signed with.")
    Path file;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The same as FILE, as the other commands name it.")
    Path keystore;

    @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
    Path profile;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "The PKCS#12 password or the token's PIN (else ACCOMMODATE_KEY_PASSWORD, else a prompt).")
    Path passwordFile;

    @Option(names = "--pkcs11", paramLabel = "CONFIG", description = "The key on a smart card or token (SunPKCS11"
        + " config file), as letter --pkcs11 signs with it.")
    Path pkcs11;

    @Option(names = "--key-alias", paramLabel = "LABEL", description = "With --pkcs11: the token's entry, when it holds several.")
    String alias;

    private final Context context;

    Show(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Letters letters = context.letters();
      PasswordSource passwords = passwords(context, passwordFile, PasswordSource.ENVIRONMENT_VARIABLE, "--password-file");
      List<String> lines;
      if (pkcs11 != null) {
        if (file != null || keystore != null) {
          throw new InputException("--pkcs11: show either a token's key or a file, not both");
        }
        lines = ClinicKeys.show(new org.accommodate.keys.Pkcs11Keys(letters.resolve(pkcs11), alias, passwords).load().chain(),
            letters.clock().instant(), letters.localRevocationLists());
      } else {
        if (alias != null) {
          throw new InputException("--key-alias: only with --pkcs11");
        }
        lines = ClinicKeys.show(chosen(letters), passwords, letters.clock().instant(), letters.localRevocationLists());
      }
      // One line per item, whatever a certificate's names hold (one from elsewhere may hold a line break).
      lines.forEach(line -> spec.commandLine().getOut().println(TerminalText.oneLine(line)));
      return ExitCodes.OK;
    }

    // The file named, else the clinic's signing key: "which key will sign, and until when?"
    private Path chosen(Letters letters) {
      if (file != null && keystore != null) {
        throw new InputException("--keystore: give the file once, as FILE or with --keystore");
      }
      if (file != null || keystore != null) {
        return letters.resolve(file != null ? file : keystore);
      }
      if (!letters.hasProfile(profile)) {
        throw new InputException("FILE: which key? name a PKCS#12 file or certificates, or pass --profile FILE");
      }
      Path signing = letters.readProfile(profile).keystore();
      if (signing == null) {
        throw new InputException("FILE: the clinic profile names no signing.keystore; name the file to show");
      }
      return signing;
    }
  }

  // X.520 bounds a common or organization name at 64 characters. A line break or text-direction
  // override in one would print on every letter the key signs and in every verify report.
  private static final java.util.regex.Pattern UNPRINTABLE =
      java.util.regex.Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

  // A name for a new certificate: printable, short enough, and nothing the privacy scan refuses.
  static String certificateName(String option, String value, boolean acceptWarnings) {
    String name = value.strip();
    if (name.isEmpty()) {
      throw new InputException(option + ": must not be empty");
    }
    if (UNPRINTABLE.matcher(name).find()) {
      throw new InputException(option + ": contains control or text-direction override characters");
    }
    if (name.codePointCount(0, name.length()) > 64) {
      throw new InputException(option + ": is longer than 64 characters (the limit of a certificate's names)");
    }
    org.accommodate.privacy.PrivacyReview.checkCertificateName(option, name, acceptWarnings);
    return name;
  }
}
