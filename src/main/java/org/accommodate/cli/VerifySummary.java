package org.accommodate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.accommodate.verify.Finding;
import org.accommodate.verify.SignatureReport;
import org.accommodate.verify.VerificationReport;
import org.accommodate.verify.VerificationReport.Verdict;

/** Prints verification results for people (one screen) and for programs (--json). */
final class VerifySummary {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = JsonOutput.JSON;

  private VerifySummary() {}

  static int exitCode(Verdict verdict) {
    switch (verdict) {
      case VALID: return ExitCodes.OK;
      case UNTRUSTED: return ExitCodes.UNTRUSTED;
      case UNSIGNED: return ExitCodes.UNSIGNED;
      default: return ExitCodes.MODIFIED_OR_INVALID;
    }
  }

  /** The worse of two exit codes of a many-file run: 2 (a file not checked at all), 5, 7, 6, then 0. */
  static int worse(int one, int other) {
    return rank(other) > rank(one) ? other : one;
  }

  private static int rank(int exitCode) {
    switch (exitCode) {
      case ExitCodes.MODIFIED_OR_INVALID: return 4;
      case ExitCodes.UNSIGNED: return 3;
      case ExitCodes.UNTRUSTED: return 2;
      case ExitCodes.OK: return 0;
      default: return 5;
    }
  }

  // Each line stays one line, whatever the file's name or the certificate's names hold.
  private static void say(PrintWriter out, String line) {
    out.println(TerminalText.oneLine(line));
  }

  static void human(PrintWriter out, VerificationReport report) {
    say(out, Context.isStdin(report.file()) ? "(standard input)" : String.valueOf(report.file()));
    say(out, "  Result:     " + (revoked(report) ? REVOKED_HEADLINE : headline(report.verdict())));
    if (report.letterId() != null) {
      say(out, "  Letter ID:  " + report.letterId());
    }
    for (SignatureReport signature : report.signatures()) {
      if (signature.kind() == SignatureReport.Kind.DOCUMENT_TIMESTAMP) {
        say(out, "  Archived:   " + (signature.timestampTime() == null ? "document time-stamp not proven"
            : "document time-stamp of " + TIME.format(signature.timestampTime()) + " by " + signature.signer()));
        continue;
      }
      if (signature.signer() != null) {
        say(out, "  Signed by:  " + signature.signer());
      }
      if (signature.timestampTime() != null) {
        say(out, "  Signed at:  " + TIME.format(signature.timestampTime())
            + " (proven by a trusted time-stamp)");
      } else if (signature.claimedTime() != null) {
        say(out, "  Signed at:  " + TIME.format(signature.claimedTime())
            + " (as stated by the signer; no time-stamp proves it)");
      }
      boolean laterDataOnly = signature.findings().stream().anyMatch(f -> f.code().equals("LATER_VALIDATION_DATA"));
      say(out, "  Integrity:  " + (!signature.intact() || breaksFile(report) ? "NOT intact"
          : signature.coversWholeFile() ? "unchanged since signing; the signature covers the whole file"
          : laterDataOnly ? "unchanged since signing; later revisions add only validation data" : "NOT intact"));
      say(out, "  Trust:      " + (signature.trusted()
          ? "issued by a trusted authority: " + signature.anchor()
              + (has(signature, "TRUSTED_BY_FINGERPRINT") ? " (by the fingerprint you gave)" : "")
          : "not established"));
      if (!signature.trusted() && signature.namedAuthority() != null) {
        // What the reader compares with the fingerprint the clinic publishes, before trusting it.
        say(out, "  Authority:  " + signature.namedAuthority().name() + " (as the letter names it; not trusted here)");
        say(out, "  CA SHA-256: " + signature.namedAuthority().sha256());
      }
      if (signature.trusted()) {
        say(out, "  Revocation: " + (has(signature, "REVOKED") ? "REVOKED by the issuer before the time the signature"
            + " is checked at" : has(signature, "NO_REVOCATION_DATA") ? "not checked: no revocation data (see below)"
            : has(signature, "STALE_REVOCATION_DATA") ? "not proven: the newest revocation data is out of date (see below)"
            : has(signature, "REVOKED_LATER") ? "not revoked when signed; revoked since (see below)"
            : "not revoked, per the issuer's revocation list"));
      }
      if (signature.level() != null) {
        say(out, "  Signature:  PAdES " + signature.level()
            + (signature.certification() == 1 ? ", certified: no changes allowed" : ""));
      }
    }
    for (Finding finding : report.allFindings()) {
      if (finding.severity() != Finding.Severity.INFO || report.signatures().isEmpty()) {
        say(out, "  - " + finding.message());
      }
    }
    String advice = advice(report);
    if (advice != null) {
      say(out, "  What now:   " + advice);
    }
    out.flush();
  }

  private static final String REVOKED_HEADLINE =
      "INVALID - the signer's certificate was revoked: the letter is unchanged, but its signature no longer counts";

  static boolean has(SignatureReport signature, String code) {
    return signature.findings().stream().anyMatch(f -> f.code().equals(code));
  }

  private static boolean has(VerificationReport report, String code) {
    return report.allFindings().stream().anyMatch(f -> f.code().equals(code));
  }

  // An invalidating finding other than a revoked certificate, which voids the signature but leaves
  // the file as it was signed.
  private static boolean breaksFile(VerificationReport report) {
    return report.allFindings().stream().anyMatch(f -> f.severity() == Finding.Severity.INVALID && !f.code().equals("REVOKED"));
  }

  // Invalid only because a signer's certificate was revoked: every signature intact and nothing
  // else that breaks the file.
  private static boolean revoked(VerificationReport report) {
    return report.verdict() == Verdict.INVALID && report.signatures().stream().allMatch(SignatureReport::intact)
        && report.signatures().stream().anyMatch(s -> has(s, "REVOKED")) && !breaksFile(report);
  }

  // Not trusted only for want of current revocation data (--require-revocation): every signer's
  // certificate leads to a trusted authority.
  private static boolean unprovenRevocation(VerificationReport report) {
    return report.verdict() == Verdict.UNTRUSTED && report.signatures().stream().allMatch(SignatureReport::trusted);
  }

  // The reader of a letter that does not verify is usually an HR officer deciding whether to act
  // on it: one sentence on what to do next. The ID is quoted only as the file states it.
  private static String advice(VerificationReport report) {
    String id = report.letterId() == null ? "" : " (the file states letter ID " + report.letterId() + ")";
    if (revoked(report)) {
      return "do not rely on this letter: its signer's certificate was revoked; ask the clinic that issued it"
          + " whether the letter still stands" + id + ".";
    }
    if (report.verdict() == Verdict.UNTRUSTED && has(report, "CERTIFICATE_NOT_VALID_NOW")) {
      return "the signer's certificate is no longer (or not yet) valid and no time-stamp proves the letter was signed"
          + " while it was; a trusted CA certificate will not change that: ask the clinic to confirm the letter or to"
          + " send one signed again" + id + ".";
    }
    if (report.verdict() == Verdict.UNTRUSTED && has(report, "PIN_NOT_FOUND")) {
      // The reader compared already: the authority the letter names is not the one they were given.
      return "this letter does not come from the certificate authority whose fingerprint you gave; if that"
          + " fingerprint came from the clinic, do not rely on the letter and ask the clinic whether it issued it" + id + ".";
    }
    if (report.verdict() == Verdict.UNTRUSTED && has(report, "NO_AUTHORITY_CARRIED")) {
      return "get the clinic's CA certificate itself from the clinic (not from this file or whoever sent it) and check"
          + " again with --trust, or ask the clinic to confirm the letter" + id + ".";
    }
    if (unprovenRevocation(report)) {
      return "get the clinic's current revocation list (CRL) from the clinic itself and check again with --crl,"
          + " or ask the clinic to confirm the letter" + id + ".";
    }
    switch (report.verdict()) {
      case VALID:
        return null;
      case UNTRUSTED:
        if (report.signatures().stream().anyMatch(s -> !s.trusted() && s.namedAuthority() != null)) {
          return "before relying on it, ask the clinic for its CA certificate's SHA-256 fingerprint through a channel"
              + " you trust (its website, or a phone number you look up yourself; not this file or whoever sent it);"
              + " only if it is the CA SHA-256 above, check again with --trust-fingerprint and the clinic's fingerprint"
              + " (with --remember, the clinic's later letters need no fingerprint). Or ask the clinic to confirm the"
              + " letter" + id + ".";
        }
        return "before relying on it, get the clinic's CA certificate from the clinic itself (not from this file"
            + " or whoever sent it) and check again with --trust, or ask the clinic to confirm the letter" + id + ".";
      case UNSIGNED:
        if (has(report, "DRAFT")) {
          return "a draft is never a letter, and no letter bears its ID; ask the clinic for the signed letter.";
        }
        // The ID an unsigned file states is only a claim, but lets the clinic find the letter it means.
        return "this file proves nothing about who wrote it; ask the clinic for the signed letter" + id + ".";
      default:
        return "do not rely on this file; ask the clinic that issued it to confirm the letter or send it again" + id + ".";
    }
  }

  /** The verdict's word, as the headline starts. */
  static String label(Verdict verdict) {
    String headline = headline(verdict);
    return headline.substring(0, headline.indexOf(" - "));
  }

  /** "12 files: 1 INVALID, 11 VALID": the counts, worst first, for the end of a many-file run. */
  static String tally(int files, java.util.Map<String, Integer> counts) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (String label : java.util.List.of("not read", "INVALID", "NOT SIGNED", "NOT TRUSTED", "VALID")) {
      if (counts.containsKey(label)) {
        parts.add(counts.get(label) + " " + label);
      }
    }
    return files + " files: " + String.join(", ", parts);
  }

  private static String headline(Verdict verdict) {
    switch (verdict) {
      case VALID: return "VALID - authentic, unchanged since signing, signer trusted";
      case UNTRUSTED: return "NOT TRUSTED - unchanged since signing, but the signer is not trusted here";
      case UNSIGNED: return "NOT SIGNED - this file carries no digital signature";
      default: return "INVALID - the document was changed after signing, or its signature is broken";
    }
  }

  /** The --json line of a file that could not be read at all (missing, not a PDF, too large). */
  static void jsonError(PrintWriter out, java.nio.file.Path file, String message) {
    ObjectNode root = JSON.createObjectNode();
    root.put("file", file.toString());
    root.put("result", "ERROR");
    root.put("exitCode", ExitCodes.USAGE);
    root.put("error", message);
    out.println(JsonOutput.line(root));
    out.flush();
  }

  static void json(PrintWriter out, VerificationReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("file", report.file().toString());
    root.put("result", report.verdict().name());
    root.put("exitCode", exitCode(report.verdict()));
    root.put("letterId", report.letterId());
    ArrayNode signatures = root.putArray("signatures");
    for (SignatureReport signature : report.signatures()) {
      ObjectNode node = signatures.addObject();
      node.put("field", signature.field());
      node.put("kind", signature.kind() == SignatureReport.Kind.SIGNATURE ? "signature" : "document-timestamp");
      node.put("signer", signature.signer());
      node.put("claimedTime", signature.claimedTime() == null ? null : signature.claimedTime().toString());
      node.put("timestampTime", signature.timestampTime() == null ? null : signature.timestampTime().toString());
      node.put("level", signature.level());
      node.put("intact", signature.intact());
      node.put("coversWholeFile", signature.coversWholeFile());
      node.put("revision", signature.revision());
      node.put("trusted", signature.trusted());
      node.put("trustAnchor", signature.anchor());
      if (signature.namedAuthority() == null) {
        node.putNull("namedAuthority");
      } else {
        ObjectNode authority = node.putObject("namedAuthority");
        authority.put("name", signature.namedAuthority().name());
        authority.put("sha256", signature.namedAuthority().sha256());
      }
      node.put("certificationPermission", signature.certification());
      findings(node.putArray("findings"), signature.findings());
    }
    findings(root.putArray("findings"), report.findings());
    root.put("advice", advice(report));  // the human output's "What now:", null when VALID
    out.println(JsonOutput.line(root));
    out.flush();
  }

  private static void findings(ArrayNode array, java.util.List<Finding> findings) {
    for (Finding finding : findings) {
      ObjectNode node = array.addObject();
      node.put("code", finding.code());
      node.put("severity", finding.severity().name());
      node.put("message", finding.message());
    }
  }
}
