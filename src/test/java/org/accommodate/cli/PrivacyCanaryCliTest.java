package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.PasswordSource;
import org.accommodate.testing.CliResult;
import org.accommodate.testing.Fixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants markers in every field that must never be disclosed and runs every command: no marker
 * may reach the PDF (any stream, decompressed), a file name, or anything the tool prints.
 */
class PrivacyCanaryCliTest {
  private static final String MARKER = "CANARY-7Q4";
  private static final String NPI_MARKER = "7474747474";

  @Test
  void internalFieldsNeverLeaveTheClinic(@TempDir Path dir) throws IOException {
    Letters letters = Fixtures.letters(dir);
    String request = Fixtures.request()
        .replace("reference: MRN-0042", "reference: " + MARKER + "-PATIENT")
        .replace("reference: AUTH-2026-0142", "reference: " + MARKER + "-AUTH")
        .replace("purpose: work schedule accommodation", "purpose: " + MARKER + " purpose")
        // Authorized but not needed by the template: must be withheld.
        .replace("discloses: [identity, care-status, schedule, duration, accommodation]",
            "discloses: [identity, care-status, schedule, duration, accommodation, work-restrictions, treatment-type]");
    Fixtures.write(dir, "request.yaml", request);
    Fixtures.write(dir, "clinic.yaml", Fixtures.profile().replace("1234567893", NPI_MARKER)
        + "sensitive_names: [" + MARKER + " Unit]\n");
    Map<String, String> env = Map.of(PasswordSource.ENVIRONMENT_VARIABLE, DemoKeys.PASSWORD);

    List<CliResult> runs = new ArrayList<>();
    runs.add(CliResult.run(letters, env, "check", "request.yaml"));
    runs.add(CliResult.run(letters, env, "letter", "request.yaml", "--explain"));
    runs.add(CliResult.run(letters, env, "letter", "request.yaml", "-o", "named.pdf", "--explain"));
    Path pdf = dir.resolve("named.pdf");
    runs.add(CliResult.run(letters, env, "verify", pdf.toString(), "--trust", "keys/demo/ca.pem"));
    runs.add(CliResult.run(letters, env, "verify", pdf.toString(), "--json"));
    runs.add(CliResult.run(letters, env, "letter", "request.yaml", "-o", "named.pdf"));  // refused: exists
    runs.add(CliResult.run(letters, env, "check", "missing.yaml"));

    assertEquals(0, runs.get(0).exitCode(), runs.get(0).err());
    assertEquals(0, runs.get(2).exitCode(), runs.get(2).err());
    for (CliResult run : runs) {
      assertFalse(run.out().contains(MARKER) || run.out().contains(NPI_MARKER), run.out());
      assertFalse(run.err().contains(MARKER) || run.err().contains(NPI_MARKER), run.err());
    }
    // The ledger holds references by design (patient and authorization), never names or free text.
    String ledger = Files.readString(dir.resolve("ledger.jsonl"));
    assertFalse(ledger.contains(MARKER + " purpose"), "no authorization purpose in the ledger");
    assertFalse(ledger.contains(MARKER + " Unit"), "no sensitive names in the ledger");
    assertFalse(ledger.contains("Jordan") || ledger.contains("Rivera"), "no patient name in the ledger");
    assertFalse(ledger.contains("1:00 p.m."), "no free text in the ledger");
    assertFalse(ledger.contains(NPI_MARKER), "no NPI in the ledger");
    try (var files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        assertFalse(file.getFileName().toString().contains(MARKER), file.toString());
        if (file.getFileName().toString().endsWith(".pdf")) {
          assertNoMarker(file);
        }
      }
    }
  }

  /** The raw file and every stream, decompressed. */
  private static void assertNoMarker(Path pdf) throws IOException {
    byte[] raw = Files.readAllBytes(pdf);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains(MARKER) || text.contains(NPI_MARKER), "raw bytes of " + pdf);
    try (PDDocument document = Loader.loadPDF(raw)) {
      var cos = document.getDocument();
      for (COSObjectKey key : cos.getXrefTable().keySet()) {
        COSBase object = cos.getObjectFromPool(key).getObject();
        String content = String.valueOf(object);
        if (object instanceof COSStream stream) {
          try (InputStream in = stream.createInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            content = out.toString(StandardCharsets.ISO_8859_1) + out.toString(StandardCharsets.UTF_16BE);
          }
        }
        assertFalse(content.contains(MARKER) || content.contains(NPI_MARKER), "object " + key + " of " + pdf);
      }
      String pageText = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
      assertFalse(pageText.contains(MARKER) || pageText.contains(NPI_MARKER), "page text");
    }
  }
}
