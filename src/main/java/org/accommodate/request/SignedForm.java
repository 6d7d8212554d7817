package org.accommodate.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.accommodate.InputException;

/**
 * The patient's signed authorization form on file, named by the request (authorization.document)
 * so that the disclosure is bound to that exact file by its SHA-256. Only the hash is kept: the
 * path may hold the patient's name, so no message, ledger entry or letter ever shows it.
 */
final class SignedForm {
  /** A scanned form is a few megabytes; far larger is not one. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private SignedForm() {}

  /** The SHA-256 of the file {@code field} names, relative to {@code folder}, in lower-case hex. */
  static String sha256(Field field, Path folder) {
    Path file = field.file(folder);
    String where = " (a path from the request file's folder, or from the working folder for a request on standard input)";
    if (!Files.exists(file)) {
      throw new InputException(field.path() + ": no such file" + where);
    }
    // A device or a pipe (/dev/zero) might never end; a folder is no form.
    if (!Files.isRegularFile(file)) {
      throw new InputException(field.path() + ": is not a file but a folder or device; name the signed form's file");
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
        if (size > MAX_BYTES) {
          throw new InputException(field.path() + ": larger than " + MAX_BYTES / (1024 * 1024)
              + " MiB; name the signed form's own file");
        }
        digest.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw new InputException(field.path() + ": no such file" + where, e);
    } catch (IOException e) {
      throw new InputException(field.path() + ": cannot be read", e);
    }
    if (size == 0) {
      throw new InputException(field.path() + ": is empty; name the signed form's file");
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
