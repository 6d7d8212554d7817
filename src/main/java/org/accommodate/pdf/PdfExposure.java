package org.accommodate.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Everything a reader of a PDF can see, by place: page text, document information and XMP,
 * signature dictionary fields, form field names and descriptions, annotations and bookmarks
 * (domain.md §2.3 "PDF internals"). Viewers show all of these, not only the page.
 */
public final class PdfExposure {
  // One text stripper per thread, kept for its next letter: each new one compiled PDFBox's list
  // item patterns again. Text drawn twice at one place (fake bold) is read twice rather than
  // merged: for a scan, more text is never less safe, and the overlap search was a fifth of the
  // extraction.
  private static final ThreadLocal<PDFTextStripper> STRIPPERS = ThreadLocal.withInitial(() -> {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSuppressDuplicateOverlappingText(false);
    return stripper;
  });

  private PdfExposure() {}

  public static Map<String, String> of(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return of(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the letter", e);
    }
  }

  /**
   * The same for a document already open: the signer's, read from the letter's own bytes and
   * holding exactly the revision it just appended, which spares a batch a third parse per letter.
   */
  public static Map<String, String> of(PDDocument document) {
    Map<String, String> places = new LinkedHashMap<>();
    try {
      places.put("letter text", STRIPPERS.get().getText(document));
      PDDocumentInformation info = document.getDocumentInformation();
      for (String key : info.getMetadataKeys()) {
        places.put("PDF metadata /" + key, info.getCustomMetadataValue(key));
      }
      PDMetadata metadata = document.getDocumentCatalog().getMetadata();
      if (metadata != null) {
        places.put("PDF metadata (XMP)", new String(metadata.toByteArray(), StandardCharsets.UTF_8));
      }
      for (PDSignature signature : document.getSignatureDictionaries()) {
        places.put("signature /Name", signature.getName());
        places.put("signature /Reason", signature.getReason());
        places.put("signature /Location", signature.getLocation());
        places.put("signature /ContactInfo", signature.getContactInfo());
        places.put("signature /Prop_Build", String.valueOf(signature.getCOSObject().getDictionaryObject(COSName.getPDFName("Prop_Build"))));
      }
      PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
      if (form != null) {
        StringBuilder fields = new StringBuilder();
        for (PDField field : form.getFieldTree()) {
          fields.append(field.getFullyQualifiedName()).append('\n')
              .append(field.getAlternateFieldName() == null ? "" : field.getAlternateFieldName()).append('\n');
        }
        places.put("form field names", fields.toString());
      }
      StringBuilder annotations = new StringBuilder();
      for (PDPage page : document.getPages()) {
        for (PDAnnotation annotation : page.getAnnotations()) {
          annotations.append(annotation.getContents() == null ? "" : annotation.getContents()).append('\n');
          String title = annotation.getCOSObject().getString(COSName.T);
          annotations.append(title == null ? "" : title).append('\n');
        }
      }
      places.put("annotations", annotations.toString());
      if (document.getDocumentCatalog().getDocumentOutline() != null) {
        StringBuilder bookmarks = new StringBuilder();
        titles(document.getDocumentCatalog().getDocumentOutline(), bookmarks, 0);
        places.put("bookmarks", bookmarks.toString());
      }
      return places;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back the letter", e);
    }
  }

  private static void titles(PDOutlineNode node, StringBuilder out, int depth) {
    if (depth > 16) {
      return;
    }
    for (PDOutlineItem item : node.children()) {
      out.append(item.getTitle()).append('\n');
      titles(item, out, depth + 1);
    }
  }
}
