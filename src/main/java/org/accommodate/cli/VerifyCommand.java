package org.accommodate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.accommodate.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate verify PDF...: is each letter authentic, unchanged and from a trusted signer? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check that signed letters are authentic and unchanged, and who signed them.",
        "Trust comes only from --trust or keys/trusted/, never from certificates inside the PDF."},
    footer = ExitCodes.HELP)
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PDF", arity = "1..*", description = "Signed letters to check.")
  List<Path> files;

  @Option(names = "--trust", paramLabel = "PEM|DIR", description = "Trusted CA certificate(s); repeatable (default: keys/trusted/).")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--crl", paramLabel = "FILE", description = "A CRL to check revocation against; repeatable"
      + " (CRLs in the letter and *.crl beside the trust anchors are used too).")
  List<Path> crls = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object per file, one per line.")
  boolean json;

  private final Context context;

  VerifyCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int worst = ExitCodes.OK;
    boolean first = true;
    for (Path file : files) {
      VerificationReport report = context.letters().verify(file, trust, crls);
      if (json) {
        VerifySummary.json(out, report);
      } else {
        if (!first) {
          out.println();
        }
        VerifySummary.human(out, report);
      }
      first = false;
      int code = VerifySummary.exitCode(report.verdict());
      if (VerifySummary.rank(code) > VerifySummary.rank(worst)) {
        worst = code;
      }
    }
    return worst;
  }
}
