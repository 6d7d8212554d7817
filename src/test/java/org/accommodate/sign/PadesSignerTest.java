package org.accommodate.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.SigningKey;
import org.accommodate.testing.Fixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PadesSignerTest {
  private static SigningKey key;
  private static byte[] signed;

  @BeforeAll
  static void signOnce(@TempDir Path dir) throws Exception {
    Fixtures.copyDemoKeys(dir);
    key = new DemoKeys(dir.resolve("keys/demo"), Fixtures.CLOCK).keySource().load();
    byte[] unsigned;
    try (PDDocument document = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
      document.addPage(new PDPage());
      document.save(out);
      unsigned = out.toByteArray();
    }
    signed = new PadesSigner().sign(unsigned, key, Fixtures.CLOCK.instant());
  }

  private static PDSignature signature(PDDocument document) throws Exception {
    return document.getSignatureDictionaries().get(0);
  }

  @Test
  void signsAsPadesBaselineWithATimeInTheDictionary() throws Exception {
    try (PDDocument document = Loader.loadPDF(signed)) {
      PDSignature signature = signature(document);
      assertEquals("Adobe.PPKLite", signature.getFilter());
      assertEquals("ETSI.CAdES.detached", signature.getSubFilter());
      assertEquals(Fixtures.CLOCK.instant(), signature.getSignDate().toInstant());
      assertNull(signature.getCOSObject().getDictionaryObject(COSName.CERT), "/Cert must be absent");
      assertNull(signature.getReason());
      assertNull(signature.getLocation());
      assertNull(signature.getContactInfo());
    }
  }

  @Test
  void certifiesTheDocumentWithNoChangesAllowed() throws Exception {
    try (PDDocument document = Loader.loadPDF(signed)) {
      PDSignature signature = signature(document);
      COSDictionary perms = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
      assertEquals(signature.getCOSObject(), perms.getDictionaryObject(COSName.DOCMDP));
      COSArray references = signature.getCOSObject().getCOSArray(COSName.getPDFName("Reference"));
      COSDictionary reference = (COSDictionary) references.getObject(0);
      assertEquals(COSName.DOCMDP, reference.getCOSName(COSName.getPDFName("TransformMethod")));
      assertEquals(1, reference.getCOSDictionary(COSName.getPDFName("TransformParams")).getInt(COSName.P));
      assertEquals(3, document.getDocumentCatalog().getAcroForm().getCOSObject().getInt(COSName.SIG_FLAGS));
    }
  }

  @Test
  void coversTheWholeFileInExactlyOneIncrementalUpdate() throws Exception {
    try (PDDocument document = Loader.loadPDF(signed)) {
      int[] range = signature(document).getByteRange();
      assertEquals(0, range[0]);
      assertEquals(signed.length, range[2] + range[3]);
      assertEquals('<', signed[range[1]]);
      assertEquals('>', signed[range[2] - 1]);
    }
    String text = new String(signed, StandardCharsets.ISO_8859_1);
    assertEquals(2, text.split("%%EOF", -1).length - 1, "the original revision plus one update");
  }

  @Test
  void signedAttributesAreExactlyThePadesSet() throws Exception {
    SignerInformation signer = signerInfo();
    Set<String> attributes = Arrays.stream(signer.getSignedAttributes().toASN1Structure().getAttributes())
        .map(a -> a.getAttrType().getId()).collect(Collectors.toSet());

    assertEquals(Set.of("1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.16.2.47",
        "1.2.840.113549.1.9.52"), attributes,
        "content-type, message-digest, signing-certificate-v2, cms-algorithm-protection; no signing-time");
    var protection = org.bouncycastle.asn1.cms.CMSAlgorithmProtection.getInstance(signer.getSignedAttributes()
        .get(org.bouncycastle.asn1.cms.CMSAttributes.cmsAlgorithmProtect).getAttrValues().getObjectAt(0));
    assertEquals(signer.getDigestAlgOID(), protection.getDigestAlgorithm().getAlgorithm().getId());
    assertEquals(signer.getEncryptionAlgOID(), protection.getSignatureAlgorithm().getAlgorithm().getId());
    assertEquals("2.16.840.1.101.3.4.2.1", signer.getDigestAlgOID());
    assertNull(signer.getUnsignedAttributes());
  }

  @Test
  void signingCertificateV2HashesTheSignerCertificate() throws Exception {
    SignerInformation signer = signerInfo();
    SigningCertificateV2 value = SigningCertificateV2.getInstance(
        signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded());

    assertArrayEquals(expected, value.getCerts()[0].getCertHash());
    assertNotNull(value.getCerts()[0].getIssuerSerial());
    assertEquals(key.certificate().getSerialNumber(), value.getCerts()[0].getIssuerSerial().getSerial().getValue());
    // Then the CA's, which the certificates field carries outside the signature: listed, it is bound.
    assertEquals(2, value.getCerts().length);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key.chain().get(1).getEncoded()),
        value.getCerts()[1].getCertHash());
  }

  // The root too: a reader who holds only the clinic CA's fingerprint checks it against the letter's copy.
  @Test
  void embedsTheWholeChainRootIncluded() throws Exception {
    CMSSignedData cms = cms();
    assertEquals(key.chain().size(), cms.getCertificates().getMatches(null).size());
    assertEquals(2, key.chain().size());
    assertTrue(cms.isDetachedSignature());
  }

  @Test
  void anRsaKeysDryRunWithoutTheKeyMeasuresTheRealSignatureExactly() throws Exception {
    try (PDDocument document = Loader.loadPDF(signed)) {
      assertEquals(signature(document).getContents().length, PadesSigner.measuredSize(key));
    }
  }

  @Test
  void ecdsaSignaturesOfVaryingLengthStillFitTheirReservationExactly(@TempDir Path dir) throws Exception {
    var ca = org.accommodate.keys.ClinicCa.selfSignedCa(new org.bouncycastle.asn1.x500.X500Name("CN=EC CA"),
        org.accommodate.keys.ClinicCa.KeyType.EC_P256, Fixtures.CLOCK.instant(), java.time.Duration.ofDays(30));
    var clinician = org.accommodate.keys.ClinicCa.clinician(ca, new org.bouncycastle.asn1.x500.X500Name("CN=EC Clinician"),
        org.accommodate.keys.ClinicCa.KeyType.EC_P256, Fixtures.CLOCK.instant(), java.time.Duration.ofDays(30));
    SigningKey ec = new SigningKey(clinician.keys().getPrivate(),
        java.util.List.of(clinician.certificate(), ca.certificate()), false);
    byte[] unsigned;
    try (PDDocument document = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
      document.addPage(new PDPage());
      document.save(out);
      unsigned = out.toByteArray();
    }
    for (int i = 0; i < 20; i++) {
      byte[] pdf = new PadesSigner().sign(unsigned, ec, Fixtures.CLOCK.instant());
      try (PDDocument document = Loader.loadPDF(pdf)) {
        byte[] contents = signature(document).getContents();
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
          assertEquals(contents.length, in.readObject().getEncoded().length, "no padding after the CMS");
        }
      }
      java.nio.file.Files.write(dir.resolve("ec.pdf"), pdf);
      var report = new org.accommodate.verify.SignatureVerifier().verify(dir.resolve("ec.pdf"),
          org.accommodate.verify.TrustAnchors.none(), Fixtures.CLOCK.instant());
      assertTrue(report.signatures().get(0).intact(), report.allFindings().toString());
    }
  }

  private static CMSSignedData cms() throws Exception {
    try (PDDocument document = Loader.loadPDF(signed)) {
      byte[] contents = signature(document).getContents();
      try (ASN1InputStream in = new ASN1InputStream(contents)) {
        return new CMSSignedData(ContentInfo.getInstance(in.readObject()));
      }
    }
  }

  private static SignerInformation signerInfo() throws Exception {
    return cms().getSignerInfos().getSigners().iterator().next();
  }
}
