package org.accommodate.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One disclosure: a signed letter this office issued. It holds what an accounting of disclosures
 * needs (when, to whom, which categories, under which authorization, for which patient record)
 * and what proves the letter (its hash, the signer's certificate) — never a name or free text.
 *
 * @param seq the 1-based position in the ledger
 * @param time when the letter was signed (ISO-8601 UTC)
 * @param letterId the letter's random ID
 * @param template the template id
 * @param language the letter's language
 * @param recipient the recipient organization, as the letter names it
 * @param categories the disclosure categories the letter used
 * @param authorization the authorization's reference
 * @param authorizationSha256 SHA-256 of the signed authorization form's file (null when the
 *     request gave none)
 * @param patient the clinic's own patient reference (null when the request gave none)
 * @param signer SHA-256 fingerprint of the signer's certificate
 * @param pdfSha256 SHA-256 of the signed PDF
 * @param acceptedWarnings scanner WARN categories the clinician accepted
 * @param prev SHA-256 of the previous entry's line (a fixed genesis value for the first)
 * @param hash SHA-256 of this entry's line as written without this field: the chain shows an
 *     edit to any line but the last, which only this shows (null in ledgers written before it)
 */
@JsonPropertyOrder({"seq", "time", "letterId", "template", "language", "recipient", "categories", "authorization",
    "authorizationSha256", "patient", "signer", "pdfSha256", "acceptedWarnings", "prev", "hash"})
public record LedgerEntry(long seq, String time, String letterId, String template, String language, String recipient,
    List<String> categories, String authorization,
    @JsonInclude(JsonInclude.Include.NON_NULL) String authorizationSha256, String patient, String signer, String pdfSha256,
    List<String> acceptedWarnings, String prev, @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {
  public LedgerEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(letterId, "letterId");
    Objects.requireNonNull(pdfSha256, "pdfSha256");
    categories = List.copyOf(categories);
    acceptedWarnings = List.copyOf(acceptedWarnings);
  }

  /** The same entry placed at {@code position} after the entry hashing to {@code previous}, not yet sealed. */
  LedgerEntry chained(long position, String previous) {
    return new LedgerEntry(position, time, letterId, template, language, recipient, categories, authorization,
        authorizationSha256, patient, signer, pdfSha256, acceptedWarnings, previous, null);
  }

  /** The same entry with its own hash. */
  LedgerEntry sealed(String ownHash) {
    return new LedgerEntry(seq, time, letterId, template, language, recipient, categories, authorization,
        authorizationSha256, patient, signer, pdfSha256, acceptedWarnings, prev, ownHash);
  }

  @Override
  public String toString() {
    return "LedgerEntry[" + seq + ", " + letterId + "]";
  }
}
