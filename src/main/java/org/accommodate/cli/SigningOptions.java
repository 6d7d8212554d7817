package org.accommodate.cli;

import java.net.URI;
import java.nio.file.Path;
import org.accommodate.FreshRevocationLists;
import org.accommodate.InputException;
import org.accommodate.IssueOptions;
import org.accommodate.keys.PasswordSource;
import picocli.CommandLine.Option;

/** How a letter is signed and recorded; everything stays offline unless a time-stamp authority is named. */
final class SigningOptions {
  @Option(names = "--tsa", paramLabel = "URL",
      description = "RFC 3161 time-stamp authority: adds a signature time-stamp (PAdES B-T). Uses the network.")
  URI tsa;

  @Option(names = "--ltv", description = "Embed certificates and CRLs for long-term validation (PAdES B-LT; needs --tsa).")
  boolean ltv;

  @Option(names = "--lta", description = "Also add a document time-stamp (PAdES B-LTA; needs --tsa).")
  boolean lta;

  @Option(names = "--ca-password-file", paramLabel = "FILE", description = "With --ltv or --lta: file whose first line"
      + " is the clinic CA key's password; the CA issues the revocation list the letter carries (else"
      + " ACCOMMODATE_CA_PASSWORD, else a prompt).")
  Path caPasswordFile;

  @Option(names = "--ledger", paramLabel = "FILE", description = "The disclosure ledger to record the letter in (default: the profile's ledger).")
  Path ledger;

  @Option(names = "--no-ledger", description = "Issue the letter without recording it in a ledger (not recommended).")
  boolean noLedger;

  /** " (PAdES B-LTA)" and the like for a time-stamped letter, which the clinician asked for by name. */
  String level() {
    return tsa == null ? "" : lta ? " (PAdES B-LTA)" : ltv ? " (PAdES B-LT)" : " (PAdES B-T)";
  }

  IssueOptions options(Context context, Path output, boolean force, boolean acceptWarnings) {
    if (caPasswordFile != null && !ltv && !lta) {
      throw new InputException("--ca-password-file: only with --ltv or --lta, whose revocation list the clinic CA issues");
    }
    FreshRevocationLists lists = !ltv && !lta ? null : new FreshRevocationLists(new PasswordSource(
        caPasswordFile == null ? null : context.letters().resolve(caPasswordFile), context.environment(),
        context.console(), PasswordSource.CA_ENVIRONMENT_VARIABLE, "--ca-password-file"));
    return new IssueOptions(output, force, acceptWarnings, tsa, ltv, lta, lists, ledger, noLedger, null);
  }
}
