package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.keys.CertificateAuthority;
import org.accommodate.keys.PasswordSource;
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
    subcommands = {KeysCommand.Init.class, KeysCommand.Crl.class, KeysCommand.Revoke.class})
final class KeysCommand {
  /** Options naming the clinic CA's keystore; the demo CA by default. */
  static final class CaOptions {
    @Option(names = "--ca", paramLabel = "FILE", description = "The clinic CA's PKCS#12 file (default: keys/demo/ca.p12).")
    Path ca;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the CA key password"
        + " (else the ACCOMMODATE_KEY_PASSWORD variable, else a prompt).")
    Path passwordFile;

    CertificateAuthority open(Context context) {
      Letters letters = context.letters();
      Path file = ca != null ? letters.resolve(ca) : letters.demoKeys().directory().resolve(DemoKeys.CA_KEYSTORE);
      boolean demo = ca == null;
      PasswordSource passwords = demo && passwordFile == null && !context.environment().containsKey(PasswordSource.ENVIRONMENT_VARIABLE)
          ? PasswordSource.fixed(DemoKeys.PASSWORD)
          : new PasswordSource(passwordFile == null ? null : letters.resolve(passwordFile), context.environment(), context.console());
      return CertificateAuthority.open(file, passwords);
    }
  }

  /** keys crl: a fresh CRL from the clinic CA. */
  @Command(name = "crl", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "Issue a fresh CRL (valid 7 days) listing every certificate the CA has revoked.")
  static final class Crl implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CaOptions ca;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it (default: ca.crl beside the CA).")
    Path output;

    private final Context context;

    Crl(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      CertificateAuthority authority = ca.open(context);
      X509CRL crl = authority.issueCrl(context.letters().clock().instant());
      Path target = output != null ? context.letters().resolve(output) : authority.defaultCrlFile();
      AtomicOutput.write(target, crl.getEncoded(), true);
      spec.commandLine().getOut().printf("CRL with %d revoked certificate(s), valid until %s, written to %s%n",
          crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
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

    @Parameters(paramLabel = "CERT", description = "The certificate to revoke (PEM or DER).")
    Path certificate;

    private final Context context;

    Revoke(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      X509Certificate revoked;
      try (var in = java.nio.file.Files.newInputStream(context.letters().resolve(certificate))) {
        revoked = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      } catch (java.io.IOException | java.security.cert.CertificateException e) {
        throw new InputException("CERT: " + certificate + " is not a readable certificate", e);
      }
      CertificateAuthority authority = ca.open(context);
      boolean fresh = authority.revoke(revoked, context.letters().clock().instant());
      X509CRL crl = authority.issueCrl(context.letters().clock().instant());
      AtomicOutput.write(authority.defaultCrlFile(), crl.getEncoded(), true);
      spec.commandLine().getOut().printf("%s serial %s; fresh CRL written to %s%n",
          fresh ? "Revoked" : "Already revoked:", revoked.getSerialNumber().toString(16), authority.defaultCrlFile());
      return ExitCodes.OK;
    }
  }

  /** keys init --demo: the demo CA and clinician key. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create keys. With --demo: the demo clinic CA and clinician key under keys/demo/.",
      footer = ExitCodes.HELP)
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--demo", description = "Create the demo keys (public password \"demo\"; letters say SPECIMEN).")
    boolean demo;

    private final Context context;

    Init(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (!demo) {
        throw new InputException("keys init: only --demo is available in this version (clinic CA keys: issue #6)");
      }
      DemoKeys keys = context.letters().demoKeys();
      PrintWriter out = spec.commandLine().getOut();
      if (keys.ensure(ClinicCa.KeyType.RSA_3072)) {
        out.printf("Created demo keys in %s%n", keys.directory());
      } else {
        out.printf("Demo keys already exist in %s%n", keys.directory());
      }
      out.printf("  CA certificate (trust anchor for demo letters): %s%n", keys.caCertificate());
      out.printf("  Clinician key (password \"%s\"): %s%n", DemoKeys.PASSWORD, keys.clinicianKeystore());
      return ExitCodes.OK;
    }
  }
}
