package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INVALID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Document time-stamps (/Type /DocTimeStamp, ETSI.RFC3161; ISO 32000-2 §12.8.5): an RFC 3161 token
 * over the byte range of its own revision. A valid, trusted one that covers the security store
 * lifts a B-LT signature to B-LTA.
 */
final class DocumentTimeStamps {
  private DocumentTimeStamps() {}

  static SignatureReport check(String field, PDSignature signature, SignatureVerifier.Context context) {
    List<Finding> findings = new ArrayList<>();
    long[] range = SignatureVerifier.byteRange(signature.getCOSObject(), context.file().length, findings);
    byte[] contents = SignatureVerifier.contents(signature.getCOSObject(), context.file(), range, findings);
    if (range == null || contents == null) {
      return failed(field, findings);
    }
    boolean whole = SignatureVerifier.coverage(range, context, findings);
    TimeStampToken token;
    try (ASN1InputStream in = new ASN1InputStream(contents)) {
      token = new TimeStampToken(ContentInfo.getInstance(in.readObject()));
    } catch (Exception e) {
      findings.add(new Finding("TIMESTAMP_INVALID", INVALID, "The document time-stamp cannot be decoded."));
      return failed(field, findings);
    }
    byte[] signed = SignatureVerifier.signedBytes(context.file(), range);
    SignatureTimeStamp.Stamp stamp = SignatureTimeStamp.token(token, signed, context.anchors(),
        context.dss().certificates(), findings, "document");
    boolean intact = findings.stream().noneMatch(f -> f.severity() == INVALID);
    String authority = stamp == null ? null : SignatureVerifier.displayName(stamp.path().get(0));
    String anchor = stamp == null ? null : SignatureVerifier.displayName(stamp.path().get(stamp.path().size() - 1));
    if (stamp == null && intact) {
      // The token's own finding names the authority; for a document time-stamp it makes the stamp
      // untrusted rather than a warning (it said so twice, once without the name).
      Finding named = findings.stream().filter(f -> f.code().equals("TIMESTAMP_UNTRUSTED")).findFirst().orElse(null);
      findings.remove(named);
      findings.add(new Finding("TIMESTAMP_UNTRUSTED", Finding.Severity.UNTRUSTED,
          named != null ? named.message() : "The document time-stamp's authority is not trusted here."));
    }
    return new SignatureReport(field, SignatureReport.Kind.DOCUMENT_TIMESTAMP, authority, null,
        stamp == null ? null : stamp.time(), intact, whole, SignatureVerifier.revisionOf(range, context), stamp != null,
        anchor, null, 0, null,
        SignatureVerifier.sorted(findings));
  }

  private static SignatureReport failed(String field, List<Finding> findings) {
    return new SignatureReport(field, SignatureReport.Kind.DOCUMENT_TIMESTAMP, null, null, null, false, false, 0, false,
        null, null, 0, null, SignatureVerifier.sorted(findings));
  }

  /** B-LT signatures become B-LTA when a trusted document time-stamp covers a revision holding the DSS. */
  static List<SignatureReport> upgradeLevels(List<SignatureReport> reports, List<int[]> stamps, byte[] file) {
    boolean covered = false;
    for (int[] range : stamps) {
      covered |= dssBefore(file, range);
    }
    if (!covered) {
      return reports;
    }
    List<SignatureReport> upgraded = new ArrayList<>();
    for (SignatureReport report : reports) {
      upgraded.add("B-LT".equals(report.level()) ? report.withLevel("B-LTA") : report);
    }
    return upgraded;
  }

  // The DSS must be in a revision before the stamp's own: load the file as it was before the
  // stamp's revision (the last revision that ends before the stamp's gap) and look for it.
  private static boolean dssBefore(byte[] file, int[] range) {
    int end = -1;
    for (Revisions.Revision revision : Revisions.of(file)) {
      if (revision.end() <= range[1]) {
        end = revision.end();
      }
    }
    if (end <= 0) {
      return false;
    }
    try (PDDocument before = StrictPdf.open(Arrays.copyOf(file, end))) {
      return before.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS")) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
