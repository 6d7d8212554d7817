package org.accommodate;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How one letter is issued.
 *
 * @param output where to write it (null: letter-ID.pdf in the working directory)
 * @param force replace an existing file
 * @param acceptWarnings go on past WARN findings (recorded)
 * @param tsa the time-stamp authority for a B-T signature (null: B-B, offline)
 * @param ltv add a document security store with certificates and CRLs (B-LT; needs tsa)
 * @param lta add a document time-stamp after the security store (B-LTA; implies ltv)
 * @param revocationLists the CAs that issue the lists a B-LT letter carries (null without ltv/lta)
 * @param ledger the disclosure ledger (null: the profile's)
 * @param noLedger issue without any ledger (refused otherwise when none is configured)
 * @param outputDir where letter-ID.pdf goes when {@code output} is null (null: the working directory)
 */
public record IssueOptions(Path output, boolean force, boolean acceptWarnings, URI tsa, boolean ltv, boolean lta,
    FreshRevocationLists revocationLists, Path ledger, boolean noLedger, Path outputDir) {
  public IssueOptions {
    // A mistyped URL is the option's error, found before anything is made (a batch reported it
    // once per letter, as a signing failure).
    if (tsa != null && (tsa.getHost() == null
        || !List.of("http", "https").contains(String.valueOf(tsa.getScheme()).toLowerCase(java.util.Locale.ROOT)))) {
      throw new InputException("--tsa: must be an http or https URL, such as http://tsa.example.org/");
    }
    if ((ltv || lta) && tsa == null) {
      throw new InputException((lta ? "--lta" : "--ltv") + ": needs --tsa (long-term levels build on a time-stamped signature)");
    }
    ltv = ltv || lta;
    if (ltv && revocationLists == null) {
      revocationLists = new FreshRevocationLists(null);  // the demo CA's, or none
    }
    if (noLedger && ledger != null) {
      throw new InputException("--no-ledger: cannot be combined with --ledger");
    }
  }

  public static IssueOptions defaults() {
    return new IssueOptions(null, false, false, null, false, false, null, null, false, null);
  }

  public IssueOptions withOutput(Path file) {
    return new IssueOptions(file, force, acceptWarnings, tsa, ltv, lta, revocationLists, ledger, noLedger, outputDir);
  }

  /** The same options writing letter-ID.pdf files into {@code dir}. */
  public IssueOptions intoDirectory(Path dir) {
    return new IssueOptions(null, force, acceptWarnings, tsa, ltv, lta, revocationLists, ledger, noLedger, dir);
  }
}
