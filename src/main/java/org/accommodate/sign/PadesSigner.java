package org.accommodate.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.function.Consumer;
import org.accommodate.SigningException;
import org.accommodate.keys.SigningKey;
import org.accommodate.pdf.PdfComposer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Adds a PAdES baseline B certification signature (DocMDP P=1, ETSI.CAdES.detached) to a PDF we
 * rendered ourselves, as exactly one incremental update (signatures.md §1–§5).
 */
public final class PadesSigner {
  static final String FIELD_NAME = "Signature1";
  private static final java.util.Map<X509Certificate, Integer> SIZES = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<List<X509Certificate>, Certificates> CERTIFICATES = new java.util.concurrent.ConcurrentHashMap<>();
  static final String FIELD_DESCRIPTION = "Digital signature of the clinician who issued this letter";

  private final TimeStampClient timeStamps;
  private final List<java.nio.file.Path> blockFonts;

  /** A B-B signer. */
  public PadesSigner() {
    this(null);
  }

  /** A signer that adds a signature time-stamp from {@code timeStamps} (B-T) when not null. */
  public PadesSigner(TimeStampClient timeStamps) {
    this(timeStamps, List.of());
  }

  private PadesSigner(TimeStampClient timeStamps, List<java.nio.file.Path> blockFonts) {
    this.timeStamps = timeStamps;
    this.blockFonts = List.copyOf(blockFonts);
  }

  /**
   * The same signer, with TrueType fonts (the clinic profile's) the visible signature block may
   * fall back to for a signer name DejaVu Sans cannot show, as the letter's own text does.
   */
  public PadesSigner withBlockFonts(List<java.nio.file.Path> fonts) {
    return new PadesSigner(timeStamps, fonts);
  }

  /** Signs {@code pdf} at {@code time} with an invisible signature; returns the signed file. */
  public byte[] sign(byte[] pdf, SigningKey key, Instant time) {
    return sign(pdf, key, time, null, "en");
  }

  /**
   * Signs {@code pdf} at {@code time}; with a {@code box}, the signature block is drawn there.
   * Returns the complete signed file.
   */
  public byte[] sign(byte[] pdf, SigningKey key, Instant time, PdfComposer.Box box, String language) {
    return sign(pdf, key, time, box, language, document -> { });
  }

  /**
   * As above; {@code signed} is shown the signer's own document once the signed revision is
   * saved (it was read from {@code pdf} and holds exactly what was appended), so a caller can
   * inspect the result without parsing the file again.
   */
  public byte[] sign(byte[] pdf, SigningKey key, Instant time, PdfComposer.Box box, String language,
      Consumer<PDDocument> signed) {
    String algorithm = signatureAlgorithm(key);
    // Measured, not guessed. Without a time-stamp the size is the same for every letter of a key,
    // so it is measured once, and for an RSA key without using the key (see placeholderFor). With
    // one, the last time-stamped signature's size, else a dry run with a real token.
    int lastStamped = timeStamps == null ? -1 : timeStamps.lastSignatureLength(key.certificate());
    int firstGuess = lastStamped > 0 ? lastStamped
        : timeStamps != null ? cms(new byte[] {0}, key, algorithm, false).length
        : SIZES.computeIfAbsent(key.certificate(), c -> measuredSize(key));
    List<String> lines = SignatureAppearance.lines(key.certificate(), time, language);
    return ExactFit.sign(firstGuess, reserved -> signOnce(pdf, key, time, box, lines, algorithm, reserved, signed));
  }

  /** Every character a visible signature block by this key may draw (see {@link PdfComposer#compose}). */
  public static String appearanceCharacters(SigningKey key) {
    return SignatureAppearance.characters(key.certificate());
  }

  /** The text a visible signature block shows, for the privacy scan. */
  public static List<String> appearanceText(SigningKey key, Instant time, String language) {
    return SignatureAppearance.lines(key.certificate(), time, language);
  }

  private byte[] signOnce(byte[] pdf, SigningKey key, Instant time, PdfComposer.Box box, List<String> lines,
      String algorithm, int reserved, Consumer<PDDocument> inspect) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      // PAdES baseline needs ETSI.CAdES.detached, not adbe.pkcs7.detached (ETSI EN 319 142-1).
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      when.setTimeInMillis(time.toEpochMilli());
      signature.setSignDate(when);  // /M: the claimed signing time (no signing-time attribute)
      certifyNoChanges(document, signature);

      SignatureOptions options = new SignatureOptions();
      options.setPreferredSignatureSize(reserved);
      // A signature with a time-stamp asks the authority again on each try, so it gets fewer.
      int tries = timeStamps != null ? 3 : 24;
      document.addSignature(signature, content -> {
        byte[] signed = readAll(content);
        return ExactFit.checked(() -> cms(signed, key, algorithm), reserved, tries);
      }, options);
      PDSignatureField field = describeField(document, signature);
      if (box != null && field != null) {
        SignatureAppearance.apply(document, field.getWidgets().get(0), box, lines, blockFonts);
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 2 * reserved + 4096);
      document.saveIncremental(out);
      options.close();
      if (timeStamps != null) {
        timeStamps.signatureFitted(key.certificate(), reserved);
      }
      inspect.accept(document);  // reached only by the attempt whose signature fit
      return out.toByteArray();
    }
  }

  // Certification signature with DocMDP P=1: no changes of any kind are allowed after it
  // (ISO 32000-1 §12.8.2.2); later DSS and document time-stamp updates are not changes.
  private static void certifyNoChanges(PDDocument document, PDSignature signature) {
    COSDictionary params = new COSDictionary();
    params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
    params.setInt(COSName.P, 1);
    params.setName(COSName.V, "1.2");
    COSDictionary reference = new COSDictionary();
    reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
    reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
    reference.setItem(COSName.getPDFName("TransformParams"), params);
    COSArray references = new COSArray();
    references.add(reference);
    signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);

    PDDocumentCatalog catalog = document.getDocumentCatalog();
    COSDictionary permissions = new COSDictionary();
    permissions.setItem(COSName.DOCMDP, signature);
    catalog.getCOSObject().setItem(COSName.PERMS, permissions);
    catalog.getCOSObject().setNeedToBeUpdated(true);
  }

  // Names the field and gives it a description (/TU) for screen readers; no health information.
  // The form is read without PDFBox's fix-up, which would give it default resources with
  // un-embedded Helvetica and ZapfDingbats that a signature field never uses and PDF/A does not
  // want (removing them afterwards still left the fonts in the file, unreferenced).
  private static PDSignatureField describeField(PDDocument document, PDSignature signature) {
    PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      return null;
    }
    form.getCOSObject().removeItem(COSName.DR);
    form.getCOSObject().removeItem(COSName.DA);
    for (PDField field : form.getFields()) {
      if (field instanceof PDSignatureField sigField
          && sigField.getCOSObject().getDictionaryObject(COSName.V) == signature.getCOSObject()) {
        sigField.setPartialName(FIELD_NAME);
        sigField.setAlternateFieldName(FIELD_DESCRIPTION);
        return sigField;
      }
    }
    return null;
  }

  private byte[] cms(byte[] content, SigningKey key, String algorithm) {
    return cms(content, key, algorithm, false);
  }

  /** The length of a B-B signature's CMS by {@code key}, from a dry run. */
  static int measuredSize(SigningKey key) {
    return new PadesSigner().cms(new byte[] {0}, key, signatureAlgorithm(key), true).length;
  }

  private byte[] cms(byte[] content, SigningKey key, String algorithm, boolean dryRun) {
    try {
      Certificates certificates = CERTIFICATES.computeIfAbsent(key.chain(), c -> Certificates.of(key));
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(key.privateKey());
      if (dryRun) {
        signer = placeholderFor(signer, key);
      }
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .setSignedAttributeGenerator(certificates.attributes())
              .build(signer, certificates.signer()));
      generator.addCertificates(certificates.chain());
      CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
      if (timeStamps != null) {
        signed = withSignatureTimeStamp(signed, key);
      }
      return signed.getEncoded("DER");
    } catch (OperatorCreationException | CMSException | IOException e) {
      throw new SigningException("signing failed: the key could not produce a signature", e);
    }
  }

  /**
   * A key's certificates in BouncyCastle's form, converted once per chain rather than per letter.
   *
   * @param signer the signer's certificate
   * @param chain the certificates the CMS carries: the whole chain, root included, so that a
   *     reader holding only the clinic CA's fingerprint (verify --trust-fingerprint, or a
   *     certificate viewer's "trust this certificate") can check the letter
   * @param attributes the signed attributes, which list that chain by hash
   */
  private record Certificates(X509CertificateHolder signer, org.bouncycastle.util.Store<X509CertificateHolder> chain,
      PadesAttributes attributes) {
    static Certificates of(SigningKey key) {
      try {
        return new Certificates(new JcaX509CertificateHolder(key.certificate()), new JcaCertStore(key.chain()),
            new PadesAttributes(key.chain()));
      } catch (GeneralSecurityException e) {
        throw new SigningException("signing failed: the key's certificate could not be read", e);
      }
    }
  }

  // An RSA PKCS#1 v1.5 signature is always as long as the modulus, so a dry run measures the same
  // CMS with zeros in its place: no private-key operation (in a cold process, an RSA-3072
  // signature in barely compiled code; on a token, one more operation). ECDSA values vary in
  // length and are measured with the key.
  private static ContentSigner placeholderFor(ContentSigner signer, SigningKey key) {
    if (!(key.certificate().getPublicKey() instanceof java.security.interfaces.RSAPublicKey rsa)) {
      return signer;
    }
    int length = (rsa.getModulus().bitLength() + 7) / 8;
    return new ContentSigner() {
      @Override
      public org.bouncycastle.asn1.x509.AlgorithmIdentifier getAlgorithmIdentifier() {
        return signer.getAlgorithmIdentifier();
      }

      @Override
      public java.io.OutputStream getOutputStream() {
        return java.io.OutputStream.nullOutputStream();
      }

      @Override
      public byte[] getSignature() {
        return new byte[length];
      }
    };
  }

  // The signature time-stamp is an unsigned attribute over the signature value (RFC 3161 App. A).
  private CMSSignedData withSignatureTimeStamp(CMSSignedData signed, SigningKey key) throws IOException {
    SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
    byte[] token = timeStamps.token(signer.getSignature(), key.certificate());
    Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
        new DERSet(ASN1Primitive.fromByteArray(token)));
    ASN1EncodableVector unsigned = new ASN1EncodableVector();
    unsigned.add(attribute);
    SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(unsigned));
    return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
  }

  static String signatureAlgorithm(SigningKey key) {
    if (key.privateKey() instanceof ECKey ec) {
      return ec.getParams().getOrder().bitLength() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    if (key.privateKey() instanceof RSAKey || "RSA".equals(key.privateKey().getAlgorithm())) {
      return "SHA256withRSA";
    }
    if ("EC".equals(key.privateKey().getAlgorithm())) {
      return "SHA256withECDSA";
    }
    throw new SigningException("key: unsupported key algorithm; use RSA or ECDSA P-256/P-384");
  }

  private static byte[] readAll(InputStream content) throws IOException {
    return content.readAllBytes();
  }
}
