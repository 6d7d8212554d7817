package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INVALID;
import static org.accommodate.verify.Finding.Severity.UNTRUSTED;
import static org.accommodate.verify.Finding.Severity.WARNING;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Revocation of each certificate on a path, from CRLs and OCSP responses embedded in the letter
 * (its DSS, or inside its signature) and CRLs kept beside the trust anchors (signatures.md §10.13). Revoked at or before the validation time always fails;
 * missing or out-of-date data is always reported: a warning under the default local-trust policy,
 * NOT TRUSTED when the policy requires revocation data.
 */
final class Revocation {
  static final String REVOKED = "REVOKED";
  static final String MISSING = "NO_REVOCATION_DATA";
  static final String STALE = "STALE_REVOCATION_DATA";
  static final String REVOKED_LATER = "REVOKED_LATER";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Revocation() {}

  /** What the revocation lists say about a path at the validation time. */
  enum State { NOT_REVOKED, REVOKED, STALE, MISSING }

  /**
   * The state of a path at {@code at}, and for {@link State#STALE} when the newest list stopped
   * speaking for the certificates.
   */
  record Status(State state, Instant staleSince, Instant revokedLater) {
    Status(State state, Instant staleSince) {
      this(state, staleSince, null);
    }
  }

  /**
   * Checks {@code path} (the certificate first, its issuers after, the anchor last): revoked if
   * any certificate's issuer listed it, or answered for it, as revoked at or before {@code at};
   * otherwise not revoked only when, for each certificate, the issuer's newest validly signed list
   * was still current at {@code at} (its next update not before it) or an authorized OCSP response
   * said "good" for that time. A list or response issued after {@code at} speaks for {@code at}:
   * a revocation is permanent.
   */
  static Status status(List<X509Certificate> path, List<X509CRL> crls, OcspAnswers ocsp, Instant at) {
    State state = State.NOT_REVOKED;
    Instant staleSince = null;
    Instant revokedLater = null;  // a revocation after {@code at}: the signature counts, the key was withdrawn since
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate certificate = path.get(i);
      X509CRL crl = find(crls, path.get(i + 1));
      OcspAnswers.Result answer = ocsp.isEmpty() ? new OcspAnswers.Result(OcspAnswers.Answer.NONE, null)
          : ocsp.answer(certificate, path.get(i + 1), at);
      X509CRLEntry entry = crl == null ? null : crl.getRevokedCertificate(certificate);
      if (answer.answer() == OcspAnswers.Answer.REVOKED
          || entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
        return new Status(State.REVOKED, null);
      }
      if (entry != null && (revokedLater == null || entry.getRevocationDate().toInstant().isBefore(revokedLater))) {
        revokedLater = entry.getRevocationDate().toInstant();
      }
      Instant next = crl == null || crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
      boolean listCurrent = crl != null && (next == null || !next.isBefore(at));
      if (listCurrent || answer.answer() == OcspAnswers.Answer.NOT_REVOKED) {
        continue;
      }
      Instant due = crl != null ? next : answer.dueBy();
      if (due == null) {
        state = State.MISSING;
      } else if (state != State.MISSING) {
        state = State.STALE;
        staleSince = staleSince == null || due.isBefore(staleSince) ? due : staleSince;
      }
    }
    return new Status(state, staleSince, revokedLater);
  }

  /**
   * Reports the state of the {@code who} certificate's path: revoked always fails; missing or
   * out-of-date data is a warning, or makes the signer untrusted when {@code required}.
   */
  static void report(Status status, String who, boolean required, List<Finding> findings) {
    Finding.Severity gap = required ? UNTRUSTED : WARNING;
    String consequence = required ? "; revocation data is required here, so the signer is not trusted."
        : "; it is trusted without proof that it was not revoked.";
    switch (status.state()) {
      case REVOKED -> findings.add(new Finding(REVOKED, INVALID, "The " + who + " certificate was revoked by its"
          + " issuer before the time the signature is checked at: the signature no longer counts."));
      case MISSING -> findings.add(new Finding(MISSING, gap, "No revocation data was found for the " + who
          + " certificate" + consequence));
      case STALE -> findings.add(new Finding(STALE, gap, "The newest revocation data for the " + who
          + " certificate was due to be replaced on " + DAY.format(status.staleSince()) + " and cannot show a later"
          + " revocation" + consequence + " A current revocation list from the issuer (given with --crl) settles it."));
      case NOT_REVOKED -> { }
    }
    if (status.state() != State.REVOKED && status.revokedLater() != null) {
      // Found by hand: a B-LT letter whose key was revoked after it was signed read "not revoked".
      findings.add(new Finding(REVOKED_LATER, WARNING, "The " + who + " certificate was revoked on "
          + MINUTE.format(status.revokedLater()) + ", after the time the signature is checked at: the signature still"
          + " counts, but its issuer has withdrawn the key since."));
    }
  }

  /** The newest CRL issued and validly signed by {@code issuer}. */
  private static X509CRL find(List<X509CRL> crls, X509Certificate issuer) {
    X509CRL best = null;
    for (X509CRL crl : crls) {
      if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        continue;
      }
      try {
        crl.verify(issuer.getPublicKey());
      } catch (Exception e) {
        continue;
      }
      if (best == null || crl.getThisUpdate().after(best.getThisUpdate())) {
        best = crl;
      }
    }
    return best;
  }
}
