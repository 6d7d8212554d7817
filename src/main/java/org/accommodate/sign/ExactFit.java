package org.accommodate.sign;

import java.io.IOException;
import org.accommodate.SigningException;

/**
 * Makes the reserved /Contents exactly the size of the signature, with no zero padding.
 *
 * <p>Why: the reservation must be fixed before the signed bytes (which include the byte range)
 * can be hashed, but the CMS length is only known afterwards. Padding is allowed by the PDF
 * standard, yet some validators built on BouncyCastle 1.87 read /Contents with a strict DER reader
 * and reject any trailing bytes. So the first attempt reserves a measured length; RSA signatures
 * have a fixed length and fit at once, while ECDSA values and time-stamp tokens vary by a few bytes
 * and are redrawn (see {@link #checked}) or re-reserved until one fits.
 */
final class ExactFit {
  private static final int ATTEMPTS = 12;

  /** One signing attempt with {@code reserved} bytes; returns the file, or throws {@link Resize}. */
  interface Attempt {
    byte[] sign(int reserved) throws IOException;
  }

  /** Thrown from a signature callback when the value does not have the reserved length. */
  static final class Resize extends IOException {
    final int actual;

    Resize(int actual) {
      super("signature length " + actual);
      this.actual = actual;
    }
  }

  private ExactFit() {}

  static byte[] sign(int firstGuess, Attempt attempt) {
    int reserved = firstGuess;
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        return attempt.sign(reserved);
      } catch (Resize resize) {
        reserved = resize.actual;
      } catch (IOException e) {
        Resize resize = cause(e);
        if (resize == null) {
          if (e.getCause() instanceof SigningException signing) {
            throw signing;
          }
          throw new SigningException("signing failed: the signature could not be written", e);
        }
        reserved = resize.actual;
      }
    }
    throw new SigningException("signing failed: the signature's size did not settle; try again");
  }

  /** Produces one signature value; may differ in length between calls (ECDSA is randomised). */
  interface Value {
    byte[] make() throws IOException;
  }

  /**
   * The callback's check, as it must throw a checked exception PDFBox passes through. A value of
   * the wrong length is made again up to {@code tries} times over the same bytes, which is cheap
   * compared with saving the file again; an ECDSA value has the most likely length about half the
   * time. The resize asks for the length seen most often, so the next attempt aims at the mode
   * rather than chasing the last draw.
   */
  static byte[] checked(Value value, int reserved, int tries) throws IOException {
    java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < tries; i++) {
      byte[] made = value.make();
      if (made.length == reserved) {
        return made;
      }
      seen.merge(made.length, 1, Integer::sum);
    }
    throw new Resize(java.util.Collections.max(seen.entrySet(), java.util.Map.Entry.comparingByValue()).getKey());
  }

  private static Resize cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Resize resize) {
        return resize;
      }
    }
    return null;
  }
}
