package org.accommodate.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.accommodate.IssueOptions;
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

  @Option(names = "--crl", paramLabel = "FILE", description = "CRL to embed with --ltv (from 'keys crl'); repeatable.")
  List<Path> crls = new ArrayList<>();

  @Option(names = "--ledger", paramLabel = "FILE", description = "The disclosure ledger to record the letter in (default: the profile's ledger).")
  Path ledger;

  @Option(names = "--no-ledger", description = "Issue the letter without recording it in a ledger (not recommended).")
  boolean noLedger;

  IssueOptions options(Path output, boolean force, boolean acceptWarnings) {
    return new IssueOptions(output, force, acceptWarnings, tsa, ltv, lta, crls, ledger, noLedger, null);
  }
}
