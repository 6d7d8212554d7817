package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INFO;
import static org.accommodate.verify.Finding.Severity.INVALID;
import static org.accommodate.verify.Finding.Severity.UNTRUSTED;
import static org.accommodate.verify.Finding.Severity.WARNING;
import static org.accommodate.verify.Revocation.State.NOT_REVOKED;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509CertSelector;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accommodate.InputException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks the signatures of a PDF letter independently of the signing code (signatures.md §10):
 * strict ByteRange, whole-file coverage, CMS integrity, signing-certificate binding, algorithm
 * policy and a certificate path to a trust anchor the user chose.
 */
public final class SignatureVerifier {
  static {
    // A file under verification never makes PDFBox read the machine's fonts.
    org.accommodate.pdf.PdfBoxDefaults.apply();
  }

  /** Letters are tens of kilobytes; a file far larger is refused before parsing. */
  static final long MAX_BYTES = org.accommodate.SmallFiles.LETTER_BYTES;
  private static final Set<String> SUBFILTERS = Set.of("ETSI.CAdES.detached", "adbe.pkcs7.detached");
  private static final Set<String> WEAK_DIGESTS = Set.of("1.3.14.3.2.26", "1.2.840.113549.2.5", "1.2.840.113549.2.2");
  private static final Pattern SIGNATURE_VALUE = Pattern.compile("/ByteRange\\s*\\[");
  private static final Pattern LETTER_ID = Pattern.compile("Letter ID ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})");

  private final boolean revocationRequired;

  /** The default local-trust policy: missing revocation data is reported, not fatal. */
  public SignatureVerifier() {
    this(false);
  }

  /**
   * @param revocationRequired whether a signer without current revocation data is NOT TRUSTED
   *     (signatures.md §10.13's strict policy) rather than trusted with a warning
   */
  public SignatureVerifier(boolean revocationRequired) {
    this.revocationRequired = revocationRequired;
  }

  public VerificationReport verify(Path file, TrustAnchors anchors, Instant now) {
    return verify(file, read(file), anchors, now);
  }

  /**
   * A letter read from a stream (standard input: an attachment piped from a mail client), named
   * {@code shown} in the report.
   */
  public VerificationReport verify(Path shown, java.io.InputStream in, TrustAnchors anchors, Instant now) {
    byte[] bytes;
    try {
      bytes = org.accommodate.SmallFiles.read(in, MAX_BYTES);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException("standard input: larger than " + MAX_BYTES / (1024 * 1024) + " MiB; not a letter");
    } catch (IOException e) {
      throw new InputException("standard input: cannot be read", e);
    }
    return verify(shown, checkPdf(bytes, "standard input"), anchors, now);
  }

  private VerificationReport verify(Path file, byte[] bytes, TrustAnchors anchors, Instant now) {
    List<Finding> fileFindings = new ArrayList<>();
    List<SignatureReport> reports = new ArrayList<>();
    String letterId = null;
    List<Revisions.Revision> revisions = Revisions.of(bytes);
    structure(bytes, revisions, fileFindings);
    try (PDDocument document = StrictPdf.open(bytes)) {
      if (!Revisions.readAsWritten(bytes, revisions, document.getDocument())
          && fileFindings.stream().noneMatch(f -> f.code().equals("XREF_DAMAGED"))) {
        fileFindings.add(new Finding("XREF_DAMAGED", INVALID, "A cross-reference section is damaged or does not"
            + " list the objects its revision holds: readers may show a different document than the one checked."));
      }
      letterId = letterId(document);
      SecurityStore dss = SecurityStore.read(document);
      int index = 0;
      List<int[]> documentStamps = new ArrayList<>();
      for (PDSignatureField field : signatureFields(document)) {
        PDSignature signature = field.getSignature();
        if (signature == null) {
          continue;
        }
        Context context = new Context(bytes, anchors, now, revisions, document, dss, revocationRequired);
        SignatureReport report;
        try {
          report = "ETSI.RFC3161".equals(signature.getSubFilter())
              ? DocumentTimeStamps.check(field.getFullyQualifiedName(), signature, context)
              : check(field.getFullyQualifiedName(), signature, certification(document, signature), context);
        } catch (RuntimeException e) {
          // Damaged data a library refuses in a way no check foresaw: fail closed for this
          // signature, and go on with the file and the others rather than stop the whole run.
          report = failed(field.getFullyQualifiedName(), null, 0, List.of(new Finding("UNREADABLE_SIGNATURE", INVALID,
              "The signature holds data that cannot be read: it is damaged, and cannot be relied on.")));
        }
        if (report.kind() == SignatureReport.Kind.DOCUMENT_TIMESTAMP && report.intact() && report.trusted()) {
          documentStamps.add(signature.getByteRange());
        }
        reports.add(report);
        index++;
      }
      reports = DocumentTimeStamps.upgradeLevels(reports, documentStamps, bytes);
      if (reports.stream().anyMatch(r -> r.findings().stream().anyMatch(f -> f.code().equals("INFO_CHANGED")))) {
        // The letter ID the report quotes is the one that was signed, not one a later revision wrote.
        letterId = signedLetterId(bytes, document);
      }
      overlaps(document, fileFindings);
      sharedSignatures(document, fileFindings);
      if (index > 0) {
        unreferenced(document, fileFindings);
      }
      if (index == 0 && SIGNATURE_VALUE.matcher(new String(bytes, StandardCharsets.ISO_8859_1)).find()) {
        // A signature the document no longer reaches: its revision's cross-reference section is
        // damaged (PDFBox reads past it to the revision before) or was cut away. Not "unsigned".
        fileFindings.add(new Finding("SIGNATURE_UNREACHABLE", INVALID, "The file holds a signature that its"
            + " structure no longer reaches: it is damaged or was altered after signing."));
      } else if (index == 0) {
        fileFindings.add(new Finding("UNSIGNED", INFO, "The file carries no digital signature."));
        UnsignedMark page = UnsignedMark.of(document);
        String mark = page.mark();
        if (letterId == null) {
          letterId = page.letterId();  // printed to PDF or scanned: the metadata is gone, the page is not
        }
        if (page.draft()) {
          // A draft's ID was never issued: quoted, it would send the clinic looking for no letter.
          letterId = null;
          fileFindings.add(new Finding("DRAFT", INFO, "It is a draft (\"" + mark + "\" across its top), which a clinic"
              + " makes to review a letter before signing it: no draft is ever issued, and its ID names no letter."));
        } else if (mark != null) {
          fileFindings.add(new Finding("PATIENT_COPY", INFO, "It is the patient's own copy of a letter (\"" + mark
              + "\" across its top); the employer receives the signed letter, which this copy does not replace."));
        }
      }
    } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
      // Letters are never encrypted: a password-protected copy was made from one, or is something else.
      fileFindings.add(new Finding("ENCRYPTED", INVALID, "The file is protected with a password, which no letter"
          + " is: it is not the file that was signed (a copy saved with protection, or another file)."));
    } catch (IOException e) {
      fileFindings.add(new Finding("MALFORMED_PDF", INVALID, "The file is not a well-formed PDF."));
    }
    return new VerificationReport(file, letterId, reports, fileFindings);
  }

  private static String letterId(PDDocument document) {
    String subject = document.getDocumentInformation().getSubject();
    Matcher matcher = subject == null ? null : LETTER_ID.matcher(subject);
    return matcher != null && matcher.find() ? matcher.group(1) : null;
  }

  // The letter ID of the revision the first signature covers; null when it cannot be read.
  private static String signedLetterId(byte[] bytes, PDDocument document) {
    for (PDSignatureField field : signatureFields(document)) {
      PDSignature signature = field.getSignature();
      int[] range = signature == null ? null : signature.getByteRange();
      if (range != null && range.length == 4 && range[2] >= 0 && range[3] >= 0
          && (long) range[2] + range[3] <= bytes.length) {
        try (PDDocument signed = StrictPdf.open(Arrays.copyOf(bytes, range[2] + range[3]))) {
          return letterId(signed);
        } catch (IOException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static byte[] read(Path file) {
    try {
      return checkPdf(org.accommodate.SmallFiles.read(file, MAX_BYTES), file.toString());
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB; not a letter");
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such file", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read", e);
    }
  }

  private static byte[] checkPdf(byte[] bytes, String display) {
    if (bytes.length < 8 || !new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
      throw new InputException(display + ": not a PDF file");
    }
    return bytes;
  }

  private static List<PDSignatureField> signatureFields(PDDocument document) {
    List<PDSignatureField> fields = new ArrayList<>();
    PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return fields;
    }
    for (PDField field : form.getFieldTree()) {
      if (field instanceof PDSignatureField signatureField) {
        fields.add(signatureField);
      }
    }
    return fields;
  }

  /** The DocMDP P value when the catalog's /Perms names this signature, else 0. */
  private static int certification(PDDocument document, PDSignature signature) {
    COSDictionary perms = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
    if (perms == null || perms.getDictionaryObject(COSName.DOCMDP) != signature.getCOSObject()) {
      return 0;
    }
    COSArray references = signature.getCOSObject().getCOSArray(COSName.getPDFName("Reference"));
    if (references == null) {
      return 0;
    }
    for (int i = 0; i < references.size(); i++) {
      if (references.getObject(i) instanceof COSDictionary reference
          && COSName.DOCMDP.equals(reference.getCOSName(COSName.getPDFName("TransformMethod")))) {
        COSDictionary params = reference.getCOSDictionary(COSName.getPDFName("TransformParams"));
        return params == null ? 2 : params.getInt(COSName.P, 2);
      }
    }
    return 0;
  }

  /** Revisions end where they say; nothing follows the last one; cross-references point at sections. */
  private static void structure(byte[] file, List<Revisions.Revision> revisions, List<Finding> findings) {
    if (revisions.isEmpty()) {
      findings.add(new Finding("NO_REVISION", INVALID, "The file has no complete PDF revision (no startxref and %%EOF)."));
      return;
    }
    int last = revisions.get(revisions.size() - 1).end();
    for (int i = last; i < file.length; i++) {
      if (!Character.isWhitespace(file[i]) && file[i] != 0) {
        findings.add(new Finding("APPENDED_DATA", INVALID, "The signature does not cover the whole file: "
            + (file.length - last) + " bytes after the last revision are not part of the document."));
        break;
      }
    }
    for (Revisions.Revision revision : revisions) {
      if (!Revisions.xrefLooksValid(file, revision)) {
        findings.add(new Finding("XREF_DAMAGED", INVALID,
            "A cross-reference section is damaged; a signed document must not need repair."));
        return;
      }
    }
  }

  /** One signature value behind several fields is a wrapping trick (signatures.md §10.3). */
  private static void sharedSignatures(PDDocument document, List<Finding> findings) {
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (PDSignatureField field : signatureFields(document)) {
      Object value = field.getCOSObject().getDictionaryObject(COSName.V);
      if (value != null && !seen.add(value)) {
        findings.add(new Finding("SHARED_SIGNATURE", INVALID, "One signature is referenced from several fields."));
        return;
      }
    }
  }

  /**
   * Objects nothing refers to are how hide-and-replace attacks are prepared (signatures.md
   * §10.10); our own letters have none besides cross-reference and object streams.
   */
  private static void unreferenced(PDDocument document, List<Finding> findings) {
    var cos = document.getDocument();
    java.util.Set<org.apache.pdfbox.cos.COSObjectKey> seen = new java.util.HashSet<>();
    java.util.Deque<COSBase> queue = new java.util.ArrayDeque<>();
    queue.add(cos.getTrailer());
    int budget = 200_000;
    while (!queue.isEmpty() && budget-- > 0) {
      var item = queue.poll();
      if (item instanceof org.apache.pdfbox.cos.COSObject reference) {
        // A reference to an object the file lacks reads as null: nothing to follow.
        if (reference.getKey() != null && seen.add(reference.getKey()) && reference.getObject() != null) {
          queue.add(reference.getObject());
        }
      } else if (item instanceof COSDictionary dictionary) {
        dictionary.getValues().stream().filter(java.util.Objects::nonNull).forEach(queue::add);
      } else if (item instanceof COSArray array) {
        array.forEach(value -> {
          if (value != null) {
            queue.add(value);
          }
        });
      }
    }
    for (var key : cos.getXrefTable().keySet()) {
      if (seen.contains(key)) {
        continue;
      }
      var object = cos.getObjectFromPool(key).getObject();
      if (object instanceof COSDictionary dictionary) {
        COSName type = dictionary.getCOSName(COSName.TYPE);
        if (COSName.XREF.equals(type) || COSName.OBJ_STM.equals(type)) {
          continue;
        }
      } else if (object == null || object instanceof org.apache.pdfbox.cos.COSNull) {
        continue;
      }
      findings.add(new Finding("UNREFERENCED_OBJECTS", WARNING,
          "The file contains objects nothing refers to; a signed letter has no use for them."));
      return;
    }
  }

  /** Two signatures' unsigned gaps must never overlap (signatures.md §10.5). */
  private static void overlaps(PDDocument document, List<Finding> findings) throws IOException {
    List<int[]> gaps = new ArrayList<>();
    for (PDSignature signature : document.getSignatureDictionaries()) {
      int[] range = signature.getByteRange();
      if (range.length == 4) {
        for (int[] other : gaps) {
          if (range[1] < other[1] && other[0] < range[2]) {
            findings.add(new Finding("OVERLAPPING_SIGNATURES", INVALID, "Two signatures claim overlapping parts of the file."));
            return;
          }
        }
        gaps.add(new int[] {range[1], range[2]});
      }
    }
  }

  /** What every signature check needs to know about the file. */
  record Context(byte[] file, TrustAnchors anchors, Instant now, List<Revisions.Revision> revisions,
      PDDocument document, SecurityStore dss, boolean revocationRequired) {}

  private static SignatureReport check(String field, PDSignature signature, int certification, Context context) {
    byte[] file = context.file();
    TrustAnchors anchors = context.anchors();
    Instant now = context.now();
    List<Finding> findings = new ArrayList<>();
    COSDictionary dictionary = signature.getCOSObject();
    Instant claimed = null;
    Calendar signDate = signature.getSignDate();
    if (signDate != null) {
      claimed = signDate.toInstant();
    }

    String subFilter = signature.getSubFilter();
    if (subFilter == null || !SUBFILTERS.contains(subFilter)) {
      findings.add(new Finding("SUBFILTER", INVALID, "The signature uses an unsupported or unsafe format."));
      return failed(field, claimed, certification, findings);
    }

    long[] range = byteRange(dictionary, file.length, findings);
    byte[] contents = contents(dictionary, file, range, findings);
    if (range == null || contents == null) {
      return failed(field, claimed, certification, findings);
    }
    boolean coversWholeFile = coverage(range, context, findings);
    byte[] signed = signedBytes(file, range);

    CmsResult cms = checkCms(contents, signed, findings);
    if (cms == null) {
      return failed(field, claimed, certification, findings);
    }
    boolean pades = "ETSI.CAdES.detached".equals(subFilter) && claimed != null && cms.padesAttributes();
    if (!pades) {
      findings.add(new Finding("NOT_PADES_BASELINE", WARNING,
          "The signature is not a PAdES baseline signature; it is checked as a plain PDF signature."));
    }
    if (claimed == null) {
      findings.add(new Finding("NO_SIGNING_TIME", WARNING, "The signature states no signing time (/M)."));
    }
    List<X509Certificate> hints = new ArrayList<>(cms.certificates());
    hints.addAll(context.dss().certificates());
    SignatureTimeStamp.Stamp stamp = SignatureTimeStamp.check(cms.signerInfo(), anchors, hints, findings);
    // A trusted signature time-stamp proves the signature existed then (signatures.md §10.12).
    Instant validationTime = stamp != null ? stamp.time() : now;
    List<X509Certificate> path = trust(cms.signer(), hints, anchors, validationTime, findings);
    if (isSpecimen(cms.signer()) || path != null && path.stream().anyMatch(SignatureVerifier::isSpecimen)) {
      findings.add(new Finding("SPECIMEN", WARNING, "A demo key signed it (its certificates say SPECIMEN): the"
          + " letter shows what letters look like and vouches for nothing; no employer should act on it."));
    }
    boolean longTerm = false;
    if (path != null) {
      // signatures.md §10.13: the letter's own data first (its DSS, then its CMS), then the anchors' lists.
      List<X509CRL> crls = new ArrayList<>(context.dss().crls());
      crls.addAll(cms.crls());
      crls.addAll(anchors.crls());
      OcspAnswers ocsp = context.dss().ocsp().with(cms.ocsp());
      Revocation.report(Revocation.status(path, crls, ocsp, validationTime), "signer's", context.revocationRequired(), findings);
      // B-LT: the letter's DSS carries current revocation data for the signer's and the TSA's chains.
      OcspAnswers stored = context.dss().ocsp();
      if (stamp != null && Revocation.status(path, context.dss().crls(), stored, validationTime).state() == NOT_REVOKED) {
        Revocation.Status authority = Revocation.status(stamp.path(), context.dss().crls(), stored, stamp.time());
        if (authority.state() == Revocation.State.REVOKED) {
          Revocation.report(authority, "time-stamp authority's", false, findings);
        }
        longTerm = authority.state() == NOT_REVOKED;
      }
    }
    String level = !pades ? null : stamp == null ? "B-B" : longTerm ? "B-LT" : "B-T";
    String anchor = path == null ? null : displayName(path.get(path.size() - 1));
    X509Certificate named = namedAuthority(cms.signer(), hints);
    return new SignatureReport(field, SignatureReport.Kind.SIGNATURE, displayName(cms.signer()), claimed,
        stamp == null ? null : stamp.time(), cms.intact(), coversWholeFile, revisionOf(range, context), anchor != null,
        anchor, named == null ? null : SignatureReport.Authority.of(named), certification,
        level, sorted(findings));
  }

  /** Whether the range covers the whole file; otherwise only validation data may follow it. */
  static boolean coverage(long[] range, Context context, List<Finding> findings) {
    byte[] file = context.file();
    List<Revisions.Revision> revisions = context.revisions();
    int signedEnd = (int) (range[2] + range[3]);
    boolean coversWholeFile = signedEnd == file.length;
    for (Revisions.Revision revision : revisions) {
      if (revision.xref() >= range[1] && revision.xref() < range[2]) {
        findings.add(new Finding("XREF_IN_GAP", INVALID, "A cross-reference section points into the signature value."));
      }
    }
    int lastRevisionEnd = revisions.isEmpty() ? -1 : revisions.get(revisions.size() - 1).end();
    if (!coversWholeFile && signedEnd != lastRevisionEnd) {
      if (revisions.stream().noneMatch(r -> r.end() == signedEnd)) {
        findings.add(new Finding("NOT_A_REVISION", INVALID, "The signature does not cover the whole file, and what it"
            + " covers does not end at a revision boundary."));
      } else {
        int before = findings.size();
        ChangeAnalysis.compare(file, signedEnd, context.document(), findings);
        if (findings.subList(before, findings.size()).stream().noneMatch(f -> f.severity() == INVALID)) {
          findings.add(new Finding("LATER_VALIDATION_DATA", INFO,
              "Later revisions add only validation data (security store or time-stamps)."));
        }
      }
    }
    return coversWholeFile;
  }

  static int revisionOf(long[] range, Context context) {
    List<Revisions.Revision> revisions = context.revisions();
    for (int i = 0; i < revisions.size(); i++) {
      if (revisions.get(i).end() == range[2] + range[3]) {
        return i + 1;
      }
    }
    return 0;
  }

  static byte[] signedBytes(byte[] file, long[] range) {
    byte[] signed = new byte[(int) (range[1] + range[3])];
    System.arraycopy(file, 0, signed, 0, (int) range[1]);
    System.arraycopy(file, (int) range[2], signed, (int) range[1], (int) range[3]);
    return signed;
  }

  // The unit the demo keys' certificates carry, as the tool's demo CA writes it; read here on its
  // own, as the verifier shares nothing with the signing side. Also an issuer's: a certificate the
  // demo CA issued before it marked its certificates still has a marked CA on its path.
  private static final String SPECIMEN_UNIT = "SPECIMEN - demo key, not valid";

  private static boolean isSpecimen(X509Certificate certificate) {
    X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    for (RDN rdn : name.getRDNs(BCStyle.OU)) {
      if (SPECIMEN_UNIT.equals(rdn.getFirst().getValue().toString())) {
        return true;
      }
    }
    return false;
  }

  /** "Alex Morgan, Demo Clinic (unit)" from the subject, for people rather than parsers. */
  static String displayName(X509Certificate certificate) {
    return displayName(certificate.getSubjectX500Principal());
  }

  /** As above, for a name alone (an issuer whose certificate the letter does not carry). */
  static String displayName(javax.security.auth.x500.X500Principal principal) {
    X500Name name = X500Name.getInstance(principal.getEncoded());
    StringBuilder display = new StringBuilder();
    for (ASN1ObjectIdentifier type : List.of(BCStyle.CN, BCStyle.O, BCStyle.OU)) {
      for (RDN rdn : name.getRDNs(type)) {
        String value;
        try {
          value = IETFUtils.valueToString(rdn.getFirst().getValue()).replace("\\", "");
        } catch (IllegalArgumentException e) {  // a damaged name: its bytes are not the text they claim
          value = "(unreadable name)";
        }
        if (display.length() == 0) {
          display.append(value);
        } else if (type == BCStyle.OU) {
          display.append(" (").append(value).append(')');
        } else {
          display.append(", ").append(value);
        }
      }
    }
    return display.length() == 0 ? principal.getName() : display.toString();
  }

  static SignatureReport failed(String field, Instant claimed, int certification, List<Finding> findings) {
    return new SignatureReport(field, SignatureReport.Kind.SIGNATURE, null, claimed, null, false, false, 0, false, null,
        null, certification, null, sorted(findings));
  }

  static List<Finding> sorted(List<Finding> findings) {
    List<Finding> copy = new ArrayList<>(findings);
    copy.sort((a, b) -> a.severity().compareTo(b.severity()));
    return copy;
  }

  /** [a, b, c, d] checked strictly: first 0, ordered, inside the file (signatures.md §10.5). */
  static long[] byteRange(COSDictionary dictionary, int length, List<Finding> findings) {
    COSBase base = dictionary.getDictionaryObject(COSName.BYTERANGE);
    if (!(base instanceof COSArray array) || array.size() != 4) {
      findings.add(new Finding("BYTERANGE", INVALID, "The signature's byte range is missing or malformed."));
      return null;
    }
    long[] range = new long[4];
    for (int i = 0; i < 4; i++) {
      if (!(array.get(i) instanceof COSInteger number) || number.longValue() < 0) {
        findings.add(new Finding("BYTERANGE", INVALID, "The signature's byte range is missing or malformed."));
        return null;
      }
      range[i] = number.longValue();
    }
    if (range[0] != 0 || range[1] <= 0 || range[2] <= range[1] + 1 || range[3] < 0
        || range[2] + range[3] > length) {
      findings.add(new Finding("BYTERANGE", INVALID, "The signature's byte range does not describe this file" + MOVED));
      return null;
    }
    return range;
  }

  // The signed bytes are not where the signature says: most often a copy a PDF program saved
  // again, whose reader should know that the file the clinic sent may still verify.
  private static final String MOVED = ": the file was rewritten after signing (saved again, optimized or converted by"
      + " a PDF program), cut short or changed; the file the clinic sent may still verify.";

  /** The gap must be exactly one hex string, and it must be the parsed /Contents. */
  static byte[] contents(COSDictionary dictionary, byte[] file, long[] range, List<Finding> findings) {
    if (range == null) {
      return null;
    }
    int start = (int) range[1];
    int end = (int) range[2];
    if (file[start] != '<' || file[end - 1] != '>' || (end - start - 2) % 2 != 0) {
      findings.add(new Finding("CONTENTS_GAP", INVALID, "The unsigned gap is not exactly the signature value" + MOVED));
      return null;
    }
    byte[] decoded = new byte[(end - start - 2) / 2];
    for (int i = 0; i < decoded.length; i++) {
      int high = Character.digit(file[start + 1 + 2 * i], 16);
      int low = Character.digit(file[start + 2 + 2 * i], 16);
      if (high < 0 || low < 0) {
        findings.add(new Finding("CONTENTS_GAP", INVALID, "The unsigned gap is not exactly the signature value" + MOVED));
        return null;
      }
      decoded[i] = (byte) (high << 4 | low);
    }
    COSBase parsed = dictionary.getDictionaryObject(COSName.CONTENTS);
    if (!(parsed instanceof COSString string) || !Arrays.equals(string.getBytes(), decoded)) {
      findings.add(new Finding("CONTENTS_GAP", INVALID, "The signature value is not where the byte range says" + MOVED));
      return null;
    }
    return decoded;
  }

  private record CmsResult(X509Certificate signer, List<X509Certificate> certificates, boolean intact,
      boolean padesAttributes, SignerInformation signerInfo, List<X509CRL> crls, OcspAnswers ocsp) {}

  private static CmsResult checkCms(byte[] contents, byte[] signed, List<Finding> findings) {
    try {
      ASN1Primitive object;
      // /Contents is zero-padded; read exactly one DER object and ignore the padding.
      try (ASN1InputStream in = new ASN1InputStream(contents)) {
        object = in.readObject();
      }
      if (object == null) {
        throw new IOException("empty");
      }
      byte[] der = object.getEncoded(ASN1Encoding.DER);
      for (int i = der.length; i < contents.length; i++) {
        if (contents[i] != 0) {
          findings.add(new Finding("CONTENTS_TRAILER", INVALID, "The signature value has data after the signature."));
          return null;
        }
      }
      if (!Arrays.equals(der, Arrays.copyOf(contents, der.length))) {
        findings.add(new Finding("CMS_NOT_DER", WARNING, "The signature is BER-encoded; PAdES requires DER."));
      }
      ContentInfo info = ContentInfo.getInstance(object);
      if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
        findings.add(new Finding("CMS_TYPE", INVALID, "The signature value is not CMS signed data."));
        return null;
      }
      SignedData signedData = SignedData.getInstance(info.getContent());
      if (signedData.getEncapContentInfo().getContent() != null
          || !CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType())) {
        findings.add(new Finding("CMS_NOT_DETACHED", INVALID, "The signature is not a detached signature over the document."));
        return null;
      }
      CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signed), info);
      if (cms.getSignerInfos().size() != 1) {
        findings.add(new Finding("CMS_SIGNERS", INVALID, "The signature must have exactly one signer."));
        return null;
      }
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      if (!envelopeAgrees(signedData, signer)) {
        findings.add(new Finding("CMS_ENVELOPE", INVALID, "The signature's envelope (its version or digest"
            + " algorithms, which the signature does not cover) disagrees with its signer: it was altered or badly made."));
        return null;
      }
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      List<X509Certificate> certificates = new ArrayList<>();
      for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
        certificates.add(converter.getCertificate(holder));
      }
      @SuppressWarnings("unchecked")
      var matches = cms.getCertificates().getMatches(signer.getSID());
      if (matches.isEmpty()) {
        findings.add(new Finding("NO_SIGNER_CERTIFICATE", INVALID, "The signer's certificate is not in the signature."));
        return null;
      }
      X509CertificateHolder selected = exactMatch(signer, matches);
      if (selected == null) {
        findings.add(new Finding("CMS_SIGNER_ID", INVALID, "The signature's signer identifier, which the signature"
            + " does not cover, names the certificate differently from the certificate itself: it was altered."));
        return null;
      }
      X509Certificate certificate = converter.getCertificate(selected);
      if (WEAK_DIGESTS.contains(signer.getDigestAlgOID())) {
        findings.add(new Finding("WEAK_DIGEST", INVALID, "The signature uses a broken hash algorithm (SHA-1 or MD5)."));
        return null;
      }
      weakKey(certificate, findings);
      boolean intact;
      try {
        intact = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
      } catch (CMSException e) {
        intact = false;
      }
      if (!intact) {
        findings.add(new Finding("SIGNATURE_INVALID", INVALID,
            "The document was changed after signing, or the signature is broken."));
      }
      boolean pades = signingCertificateBinding(signer.getSignedAttributes(), certificate, certificates, findings);
      return new CmsResult(certificate, certificates, intact, pades, signer, CmsRevocation.crls(cms, signer),
          CmsRevocation.ocsp(cms, signer));
    } catch (IOException | CMSException | CertificateException | OperatorCreationException | RuntimeException e) {
      // BouncyCastle reports damaged ASN.1 with several unchecked exceptions (IllegalStateException
      // for a certificate with a wrong tag, IllegalArgumentException, ClassCastException): all of
      // them are this file's signature being unreadable, never a reason to stop the run.
      findings.add(new Finding("CMS_MALFORMED", INVALID, "The signature value cannot be decoded."));
      return null;
    }
  }

  /**
   * Of the certificates BouncyCastle matched to the signer's identifier, the first the identifier
   * names with the very bytes of its own issuer name and serial number, or null. BouncyCastle
   * matches names as X.500 does, ignoring letter case, so a copy whose identifier was retyped in
   * other case still found its certificate and verified although its bytes differ from what was
   * signed.
   */
  static X509CertificateHolder exactMatch(SignerInformation signer, java.util.Collection<?> matches) {
    for (Object match : matches) {
      if (identifiesExactly(signer, (X509CertificateHolder) match)) {
        return (X509CertificateHolder) match;
      }
    }
    return null;
  }

  private static boolean identifiesExactly(SignerInformation signer, X509CertificateHolder certificate) {
    var id = signer.toASN1Structure().getSID().getId();
    if (!(id instanceof ASN1Sequence)) {
      return true;  // a subject key identifier, matched byte for byte already
    }
    var issuerAndSerial = IssuerAndSerialNumber.getInstance(id);
    try {
      return Arrays.equals(issuerAndSerial.getName().getEncoded(), certificate.getIssuer().getEncoded())
          && issuerAndSerial.getSerialNumber().getValue().equals(certificate.getSerialNumber());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether the fields the signature does not cover agree with its one signer: the SignedData
   * version its contents call for and digest algorithms naming exactly the signer's (RFC 5652
   * §5.1), the SignerInfo version its identifier calls for (§5.3), and algorithm parameters that
   * are absent or NULL wherever they carry no meaning. A copy whose envelope was changed would
   * otherwise still verify. Time-stamp tokens are SignedData too, and get the same check.
   */
  static boolean envelopeAgrees(SignedData signedData, SignerInformation signer) {
    int signerVersion = signer.getSID().getSubjectKeyIdentifier() != null ? 3 : 1;
    AlgorithmIdentifier signature = signer.toASN1Structure().getDigestEncryptionAlgorithm();
    if (signer.getVersion() != signerVersion || parameters(signer.getDigestAlgorithmID()) != null
        || (!PKCSObjectIdentifiers.id_RSASSA_PSS.equals(signature.getAlgorithm()) && parameters(signature) != null)) {
      return false;
    }
    boolean other = false;
    boolean attributeV1 = false;
    boolean attributeV2 = false;
    for (ASN1Encodable certificate : members(signedData.getCertificates())) {
      if (certificate instanceof ASN1TaggedObject tagged) {
        other |= tagged.getTagNo() == 3;
        attributeV2 |= tagged.getTagNo() == 2;
        attributeV1 |= tagged.getTagNo() == 1;
      }
    }
    for (ASN1Encodable crl : members(signedData.getCRLs())) {
      other |= crl instanceof ASN1TaggedObject;
    }
    boolean data = CMSObjectIdentifiers.data.equals(signedData.getEncapContentInfo().getContentType());
    int expected = other ? 5 : attributeV2 ? 4 : attributeV1 || signer.getVersion() == 3 || !data ? 3 : 1;
    if (signedData.getVersion().intValueExact() != expected || signedData.getDigestAlgorithms().size() == 0) {
      return false;
    }
    // The signer's own digest algorithm has no parameters (checked above); each listed one must match it.
    for (ASN1Encodable element : signedData.getDigestAlgorithms()) {
      AlgorithmIdentifier listed = AlgorithmIdentifier.getInstance(element);
      if (!listed.getAlgorithm().equals(signer.getDigestAlgorithmID().getAlgorithm()) || parameters(listed) != null) {
        return false;
      }
    }
    return true;
  }

  private static ASN1Encodable[] members(org.bouncycastle.asn1.ASN1Set set) {
    return set == null ? new ASN1Encodable[0] : set.toArray();
  }

  // Absent parameters and an explicit NULL mean the same for a digest algorithm.
  private static ASN1Encodable parameters(AlgorithmIdentifier algorithm) {
    ASN1Encodable parameters = algorithm.getParameters();
    return parameters == null || parameters instanceof ASN1Null ? null : parameters.toASN1Primitive();
  }

  private static void weakKey(X509Certificate certificate, List<Finding> findings) {
    var key = certificate.getPublicKey();
    if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
      findings.add(new Finding("WEAK_KEY", INVALID, "The signer's RSA key is shorter than 2048 bits."));
    } else if (key instanceof ECKey ec && ec.getParams().getOrder().bitLength() < 256) {
      findings.add(new Finding("WEAK_KEY", INVALID, "The signer's EC key is shorter than 256 bits."));
    }
  }

  /**
   * The signing-certificate-v2 attribute binds the signature to one certificate; without it a
   * certificate with the same key could be swapped in. Any further certificates it lists (RFC
   * 5035: those to validate with; our letters list their chain) must be carried unchanged: the
   * certificates field is outside the signature. Returns whether the PAdES attribute rules hold.
   */
  private static boolean signingCertificateBinding(AttributeTable attributes, X509Certificate certificate,
      List<X509Certificate> carried, List<Finding> findings) {
    if (attributes == null) {
      findings.add(new Finding("NO_SIGNED_ATTRIBUTES", WARNING, "The signature has no signed attributes."));
      return false;
    }
    boolean pades = true;
    if (attributes.get(CMSAttributes.signingTime) != null) {
      findings.add(new Finding("SIGNING_TIME_ATTRIBUTE", WARNING,
          "The signature carries a signing-time attribute, which PAdES does not allow."));
      pades = false;
    }
    Attribute attribute = attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (attribute == null) {
      findings.add(new Finding("NO_SIGNING_CERTIFICATE_V2", WARNING,
          "The signature does not name its certificate (signing-certificate-v2 missing)."));
      return false;
    }
    try {
      SigningCertificateV2 value = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
      ESSCertIDv2[] ids = value.getCerts();
      ESSCertIDv2 id = ids[0];
      byte[] hash = certificateHash(id, certificate);
      for (int i = 1; i < ids.length; i++) {
        ESSCertIDv2 listed = ids[i];
        boolean found = false;
        for (int c = 0; c < carried.size() && !found; c++) {
          found = Arrays.equals(certificateHash(listed, carried.get(c)), listed.getCertHash());
        }
        if (!found) {
          findings.add(new Finding("LISTED_CERTIFICATE_ALTERED", INVALID, "A certificate the signer listed under"
              + " its signature is missing from the signature or was altered."));
          return false;
        }
      }
      if (!Arrays.equals(hash, id.getCertHash())) {
        findings.add(new Finding("SIGNING_CERTIFICATE_MISMATCH", INVALID,
            "The certificate in the signature is not the one the signer signed with."));
        return false;
      }
      if (id.getIssuerSerial() != null
          && !id.getIssuerSerial().getSerial().getValue().equals(certificate.getSerialNumber())) {
        findings.add(new Finding("SIGNING_CERTIFICATE_MISMATCH", INVALID,
            "The certificate in the signature is not the one the signer signed with."));
        return false;
      }
    } catch (NoSuchAlgorithmException | CertificateException | RuntimeException e) {
      findings.add(new Finding("SIGNING_CERTIFICATE_MISMATCH", INVALID,
          "The signature's certificate reference cannot be read."));
      return false;
    }
    return pades;
  }

  // A certificate's hash by the algorithm a certificate identifier names (SHA-256 when it names none).
  private static byte[] certificateHash(ESSCertIDv2 id, X509Certificate certificate)
      throws NoSuchAlgorithmException, CertificateException {
    String algorithm = id.getHashAlgorithm().getAlgorithm().equals(NISTObjectIdentifiers.id_sha256)
        ? "SHA-256" : id.getHashAlgorithm().getAlgorithm().getId();
    return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
  }

  /** The signer's certificate path with the anchor last, or null with a finding. */
  static List<X509Certificate> trust(X509Certificate signer, List<X509Certificate> certificates, TrustAnchors anchors,
      Instant now, List<Finding> findings) {
    boolean[] usage = signer.getKeyUsage();
    if (usage != null && !usage[0] && !usage[1]) {
      findings.add(new Finding("KEY_USAGE", UNTRUSTED, "The signer's certificate is not meant for signing documents."));
      return null;
    }
    if (anchors.isEmpty()) {
      findings.add(new Finding("NO_TRUST_ANCHORS", UNTRUSTED, "No trust anchors are configured: pass --trust CA.pem"
          + " or --trust-fingerprint SHA256, or put the clinic's CA certificate in keys/trusted/."));
      return null;
    }
    List<X509Certificate> pool = new ArrayList<>(certificates);
    pool.add(signer);
    Set<java.security.cert.TrustAnchor> usable = anchors.anchorsAmong(pool);
    if (usable.isEmpty()) {
      pinFindings(anchors, pool, findings);
      return null;
    }
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(signer);
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(usable, target);
      // Revocation is checked separately against the CRLs the letter and the anchors provide.
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
      PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
      List<X509Certificate> path = new ArrayList<>();
      result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
      path.add(result.getTrustAnchor().getTrustedCert());
      if (anchors.pinnedOnly(result.getTrustAnchor().getTrustedCert())) {
        findings.add(new Finding("TRUSTED_BY_FINGERPRINT", INFO, "The certificate authority is trusted because its"
            + " fingerprint was given with --trust-fingerprint."));
      }
      return path;
    } catch (CertPathBuilderException e) {
      if (signer.getNotAfter().toInstant().isBefore(now) || signer.getNotBefore().toInstant().isAfter(now)) {
        findings.add(new Finding("CERTIFICATE_NOT_VALID_NOW", UNTRUSTED,
            "The signer's certificate is not valid now, and the letter has no time-stamp proving when it was signed."));
      } else {
        findings.add(new Finding("UNTRUSTED_SIGNER", UNTRUSTED,
            "The signer's certificate does not chain to any trusted certificate authority."));
        pinFindings(anchors, pool, findings);
      }
      return null;
    } catch (java.security.GeneralSecurityException e) {
      findings.add(new Finding("UNTRUSTED_SIGNER", UNTRUSTED, "The signer's certificate path cannot be built."));
      return null;
    }
  }

  // Why a fingerprint given with --trust-fingerprint made nothing trusted in this letter.
  private static void pinFindings(TrustAnchors anchors, List<X509Certificate> pool, List<Finding> findings) {
    if (!anchors.pinned()) {
      return;
    }
    List<X509Certificate> notAuthorities = anchors.pinnedNonAuthorities(pool);
    if (!notAuthorities.isEmpty()) {
      // A clinician's own certificate pinned would make its letters trusted with no revocation
      // list that could ever withdraw them, as with --trust.
      findings.add(new Finding("PINNED_NOT_AUTHORITY", UNTRUSTED, "The fingerprint given with --trust-fingerprint"
          + " is that of " + displayName(notAuthorities.get(0)) + ", which is not a certificate authority:"
          + " ask the clinic for its CA certificate's fingerprint."));
    } else if (pool.stream().noneMatch(c -> c.getBasicConstraints() >= 0)) {
      // Letters signed before session 15 carried the signer's certificate alone.
      findings.add(new Finding("NO_AUTHORITY_CARRIED", UNTRUSTED, "This letter does not carry its certificate"
          + " authority's certificate, so a fingerprint cannot be checked against it: use --trust with the clinic's"
          + " CA certificate."));
    } else if (anchors.anchorsAmong(pool).size() == anchors.anchors().size()) {
      findings.add(new Finding("PIN_NOT_FOUND", UNTRUSTED, "This letter carries no certificate authority with the"
          + " fingerprint given with --trust-fingerprint: another authority issued the signer's certificate."));
    }
  }

  /**
   * The certificate authority at the top of the chain the letter carries for {@code certificate}:
   * each issuer found among {@code carried} by name and proven by its signature. Null when the
   * letter carries no issuer's certificate. It is what the letter claims, not what is trusted.
   */
  static X509Certificate namedAuthority(X509Certificate certificate, List<X509Certificate> carried) {
    X509Certificate top = null;
    X509Certificate current = certificate;
    for (int step = 0; step < 8; step++) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : carried) {
        if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, candidate)) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null || issuer.getBasicConstraints() < 0) {
        return top;
      }
      top = issuer;
      if (issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
        return top;  // self-issued: the root
      }
      current = issuer;
    }
    return top;
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
