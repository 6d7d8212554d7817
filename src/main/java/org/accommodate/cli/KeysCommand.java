package org.accommodate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.accommodate.InputException;
import org.accommodate.keys.ClinicCa;
import org.accommodate.keys.DemoKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate keys: the clinic CA and clinician keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Manage the clinic CA and clinician keys.",
    subcommands = {KeysCommand.Init.class})
final class KeysCommand {
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
