package org.accommodate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509CRL;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.accommodate.keys.SigningKey;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a plain one-page PDF the way other tools do (adbe.pkcs7.detached, as Acrobat and NSS-based
 * signers write it), with revocation lists and OCSP responses where those tools keep them: in the
 * SignedData's own {@code crls} and other revocation info, or in Adobe's revocation-archival
 * signed attribute. For tests of what {@code verify}
 * makes of files it did not produce; shares no code with our signer.
 */
public final class ForeignSigner {
  private ForeignSigner() {}

  /** Where the signer puts its revocation lists. */
  public enum Lists { NONE, SIGNED_DATA, ADOBE_ATTRIBUTE }

  public static byte[] sign(SigningKey key, List<X509CRL> crls, Lists where, Calendar when) throws Exception {
    return sign(key, crls, List.of(), where, when);
  }

  /** As above, with OCSP responses (DER OCSPResponse) kept where the lists are. */
  public static byte[] sign(SigningKey key, List<X509CRL> crls, List<byte[]> ocsp, Lists where, Calendar when)
      throws Exception {
    byte[] unsigned;
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText("A document signed by another tool.");
        content.endText();
      }
      document.save(out);
      unsigned = out.toByteArray();
    }
    try (PDDocument document = Loader.loadPDF(unsigned); ByteArrayOutputStream out = new ByteArrayOutputStream();
         SignatureOptions options = new SignatureOptions()) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      signature.setSignDate(when);
      options.setPreferredSignatureSize(32 * 1024);
      document.addSignature(signature, content -> {
        try {
          return cms(IOUtils.toByteArray(content), key, crls, ocsp, where);
        } catch (Exception e) {
          throw new IOException(e);
        }
      }, options);
      document.saveIncremental(out);
      return out.toByteArray();
    }
  }

  public static Calendar calendar(java.time.Instant instant) {
    Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    calendar.setTimeInMillis(instant.toEpochMilli());
    return calendar;
  }

  private static byte[] cms(byte[] content, SigningKey key, List<X509CRL> crls, List<byte[]> ocsp, Lists where)
      throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
    if (where == Lists.ADOBE_ATTRIBUTE) {
      ASN1EncodableVector lists = new ASN1EncodableVector();
      for (X509CRL crl : crls) {
        lists.add(CertificateList.getInstance(crl.getEncoded()));
      }
      ASN1EncodableVector responses = new ASN1EncodableVector();
      for (byte[] response : ocsp) {
        responses.add(org.bouncycastle.asn1.ocsp.OCSPResponse.getInstance(response));
      }
      ASN1EncodableVector parts = new ASN1EncodableVector();
      parts.add(new DERTaggedObject(true, 0, new DERSequence(lists)));
      if (!ocsp.isEmpty()) {
        parts.add(new DERTaggedObject(true, 1, new DERSequence(responses)));
      }
      DERSequence archival = new DERSequence(parts);
      AttributeTable table = new AttributeTable(new Attribute(new ASN1ObjectIdentifier("1.2.840.113583.1.1.8"),
          new DERSet(archival)));
      builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(table));
    }
    String algorithm = "EC".equals(key.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    generator.addSignerInfoGenerator(builder.build(new JcaContentSignerBuilder(algorithm).build(key.privateKey()),
        key.certificate()));
    generator.addCertificates(new JcaCertStore(key.chain()));
    if (where == Lists.SIGNED_DATA) {
      for (X509CRL crl : crls) {
        generator.addCRL(new JcaX509CRLHolder(crl));
      }
      for (byte[] response : ocsp) {
        generator.addOtherRevocationInfo(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.id_ri_ocsp_response,
            org.bouncycastle.asn1.ocsp.OCSPResponse.getInstance(response));
      }
    }
    return generator.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
  }
}
