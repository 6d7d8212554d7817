package org.accommodate.verify;

import static org.accommodate.verify.Finding.Severity.INVALID;
import static org.accommodate.verify.Finding.Severity.WARNING;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What changed after a signed revision (signatures.md §10.8–10): only a document security store
 * (/DSS and its streams, /Extensions) and document time-stamp fields may be added. Anything else
 * — page content, resources, annotations, other form fields, a new /Root or page tree, new
 * objects nobody may add — means the document was modified after signing.
 */
final class ChangeAnalysis {
  private static final COSName DSS = COSName.getPDFName("DSS");
  private static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
  private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
  private static final Set<COSName> STRUCTURAL = Set.of(COSName.XREF, COSName.OBJ_STM);

  private ChangeAnalysis() {}

  /** Compares the revision ending at {@code signedEnd} with the whole file; adds findings. */
  static void compare(byte[] file, int signedEnd, PDDocument whole, List<Finding> findings) {
    try (PDDocument signed = StrictPdf.open(Arrays.copyOf(file, signedEnd))) {
      COSDocument before = signed.getDocument();
      COSDocument after = whole.getDocument();
      COSObjectKey rootBefore = key(before.getTrailer().getItem(COSName.ROOT));
      COSObjectKey rootAfter = key(after.getTrailer().getItem(COSName.ROOT));
      if (rootBefore == null || !rootBefore.equals(rootAfter)) {
        findings.add(new Finding("NEW_ROOT", INVALID, "A later revision replaced the document catalog."));
        return;
      }
      if (!canonical(before.getTrailer().getItem(COSName.INFO)).equals(canonical(after.getTrailer().getItem(COSName.INFO)))) {
        findings.add(new Finding("INFO_CHANGED", WARNING, "The document information was changed after signing."));
      }
      Set<COSObjectKey> allowedNew = new HashSet<>();
      COSDictionary catalogAfter = (COSDictionary) after.getObjectFromPool(rootAfter).getObject();
      collect(catalogAfter.getItem(DSS), after, allowedNew);
      collect(catalogAfter.getItem(EXTENSIONS), after, allowedNew);

      Set<COSObjectKey> keysBefore = before.getXrefTable().keySet();
      for (COSObjectKey key : keysBefore) {
        COSBase old = before.getObjectFromPool(key).getObject();
        COSObject current = after.getXrefTable().containsKey(key) ? after.getObjectFromPool(key) : null;
        COSBase now = current == null ? null : current.getObject();
        if (now == null || now instanceof COSNull) {
          if (old != null && !(old instanceof COSNull)) {
            findings.add(new Finding("OBJECT_REMOVED", INVALID, "An object of the signed document was removed after signing."));
            return;
          }
          continue;
        }
        if (canonical(old).equals(canonical(now))) {
          continue;
        }
        if (old instanceof COSStream stream && COSName.METADATA.equals(stream.getCOSName(COSName.TYPE))) {
          findings.add(new Finding("XMP_CHANGED", WARNING, "The document's XMP metadata was changed after signing."));
          continue;
        }
        String problem = allowedChange(key, rootAfter, old, now, before, after, allowedNew);
        if (problem != null) {
          findings.add(new Finding("MODIFIED_AFTER_SIGNING", INVALID, problem));
          return;
        }
      }
      for (COSObjectKey key : after.getXrefTable().keySet()) {
        if (keysBefore.contains(key) || allowedNew.contains(key)) {
          continue;
        }
        COSBase object = after.getObjectFromPool(key).getObject();
        if (object instanceof COSStream stream && STRUCTURAL.contains(stream.getCOSName(COSName.TYPE))) {
          continue;
        }
        if (object == null || object instanceof COSNull) {
          continue;
        }
        findings.add(new Finding("MODIFIED_AFTER_SIGNING", INVALID,
            "Content was added after signing (a new object that only a security store or time-stamp may add)."));
        return;
      }
    } catch (IOException e) {
      findings.add(new Finding("MALFORMED_REVISION", INVALID, "The signed revision cannot be read on its own."));
    }
  }

  /** Null when the change is one a DSS or document time-stamp update may make; else the reason. */
  private static String allowedChange(COSObjectKey key, COSObjectKey root, COSBase old, COSBase now,
      COSDocument before, COSDocument after, Set<COSObjectKey> allowedNew) {
    if (!(old instanceof COSDictionary oldDict) || !(now instanceof COSDictionary newDict)
        || old instanceof COSStream || now instanceof COSStream) {
      return "An object of the signed document was changed after signing.";
    }
    if (key.equals(root)) {
      if (!same(oldDict, newDict, Set.of(DSS, EXTENSIONS, COSName.ACRO_FORM))) {
        return "The document catalog was changed after signing.";
      }
      COSDictionary formBefore = dict(oldDict.getDictionaryObject(COSName.ACRO_FORM));
      COSDictionary formAfter = dict(newDict.getDictionaryObject(COSName.ACRO_FORM));
      if (formBefore == null || formAfter == null || !same(formBefore, formAfter, Set.of(COSName.FIELDS))) {
        return "The form of the signed document was changed after signing.";
      }
      return grown(formBefore.getDictionaryObject(COSName.FIELDS), formAfter.getDictionaryObject(COSName.FIELDS),
          after, allowedNew) ? null : "A form field other than a document time-stamp was added after signing.";
    }
    if (COSName.PAGE.equals(oldDict.getCOSName(COSName.TYPE))) {
      if (!same(oldDict, newDict, Set.of(COSName.ANNOTS))) {
        return "A page of the signed document was changed after signing.";
      }
      return grown(oldDict.getDictionaryObject(COSName.ANNOTS), newDict.getDictionaryObject(COSName.ANNOTS),
          after, allowedNew) ? null : "An annotation was added to a page after signing.";
    }
    return "An object of the signed document was changed after signing.";
  }

  /**
   * The array only gained entries, each a document time-stamp field/widget; their objects are
   * added to {@code allowedNew}.
   */
  private static boolean grown(COSBase before, COSBase after, COSDocument document, Set<COSObjectKey> allowedNew) {
    COSArray old = before instanceof COSArray a ? a : new COSArray();
    if (!(after instanceof COSArray now) || now.size() < old.size()) {
      return false;
    }
    for (int i = 0; i < old.size(); i++) {
      if (!canonical(old.get(i)).equals(canonical(now.get(i)))) {
        return false;
      }
    }
    for (int i = old.size(); i < now.size(); i++) {
      COSBase entry = now.getObject(i);
      if (!(entry instanceof COSDictionary field) || !isDocTimeStampField(field)) {
        return false;
      }
      COSObjectKey key = key(now.get(i));
      if (key != null) {
        allowedNew.add(key);
      }
      collect(field.getItem(COSName.V), document, allowedNew);
      collect(field.getItem(COSName.AP), document, allowedNew);
    }
    return true;
  }

  private static boolean isDocTimeStampField(COSDictionary field) {
    COSBase value = field.getDictionaryObject(COSName.V);
    if (!(value instanceof COSDictionary signature) || !DOC_TIME_STAMP.equals(signature.getCOSName(COSName.TYPE))
        || !COSName.SIG.equals(field.getCOSName(COSName.FT))) {
      return false;  // a field that is no signature field holds no time-stamp a reader checks
    }
    // An invisible widget only: a time-stamp must not paint anything on the page.
    COSBase rect = field.getDictionaryObject(COSName.RECT);
    if (rect instanceof COSArray r && r.size() == 4) {
      float[] v = r.toFloatArray();
      return v[0] == v[2] || v[1] == v[3];
    }
    return rect == null;
  }

  private static boolean same(COSDictionary a, COSDictionary b, Set<COSName> except) {
    Set<COSName> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    keys.removeAll(except);
    for (COSName name : keys) {
      if (!canonical(a.getItem(name)).equals(canonical(b.getItem(name)))) {
        return false;
      }
    }
    return true;
  }

  private static COSDictionary dict(COSBase base) {
    return base instanceof COSDictionary d ? d : null;
  }

  /** Every indirect object reachable from {@code start}, bounded. */
  private static void collect(COSBase start, COSDocument document, Set<COSObjectKey> into) {
    Deque<COSBase> queue = new ArrayDeque<>();
    if (start != null) {
      queue.add(start);
    }
    int budget = 100_000;
    while (!queue.isEmpty() && budget-- > 0) {
      COSBase item = queue.poll();
      if (item instanceof COSObject reference) {
        COSObjectKey key = reference.getKey();
        if (key == null || !into.add(key)) {
          continue;
        }
        queue.add(reference.getObject());
      } else if (item instanceof COSDictionary dictionary) {
        queue.addAll(dictionary.getValues());
      } else if (item instanceof COSArray array) {
        array.forEach(queue::add);
      }
    }
  }

  private static COSObjectKey key(COSBase base) {
    return base instanceof COSObject object ? object.getKey() : null;
  }

  /** A structural rendering of an object: indirect references by number, streams by hash. */
  static String canonical(COSBase base) {
    StringBuilder out = new StringBuilder();
    canonical(base, out, 0);
    return out.toString();
  }

  private static void canonical(COSBase base, StringBuilder out, int depth) {
    if (depth > 64) {
      out.append("<deep>");
      return;
    }
    if (base == null || base instanceof COSNull) {
      out.append("null");
    } else if (base instanceof COSObject reference) {
      COSObjectKey key = reference.getKey();
      out.append(key == null ? "R?" : "R" + key.getNumber() + "_" + key.getGeneration());
    } else if (base instanceof COSStream stream) {
      dictionary(stream, out, depth);
      out.append("stream:").append(rawHash(stream));
    } else if (base instanceof COSDictionary dictionary) {
      dictionary(dictionary, out, depth);
    } else if (base instanceof COSArray array) {
      out.append('[');
      for (COSBase item : array) {
        canonical(item, out, depth + 1);
        out.append(' ');
      }
      out.append(']');
    } else if (base instanceof COSString string) {
      out.append("s:").append(HexFormat.of().formatHex(string.getBytes()));
    } else if (base instanceof COSName name) {
      out.append('/').append(name.getName());
    } else if (base instanceof COSInteger number) {
      out.append(number.longValue());
    } else if (base instanceof COSFloat number) {
      out.append(number.floatValue());
    } else if (base instanceof COSBoolean bool) {
      out.append(bool.getValue());
    } else {
      out.append(base.getClass().getSimpleName());
    }
  }

  private static void dictionary(COSDictionary dictionary, StringBuilder out, int depth) {
    Map<String, COSBase> sorted = new java.util.TreeMap<>();
    for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
      sorted.put(entry.getKey().getName(), entry.getValue());
    }
    out.append("<<");
    sorted.forEach((name, value) -> {
      out.append('/').append(name).append(' ');
      canonical(value, out, depth + 1);
      out.append(' ');
    });
    out.append(">>");
  }

  private static String rawHash(COSStream stream) {
    try (InputStream in = stream.createRawInputStream()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }

}
