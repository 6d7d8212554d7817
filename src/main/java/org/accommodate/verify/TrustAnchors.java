package org.accommodate.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.accommodate.InputException;

/**
 * The certificates verify trusts: only those the user names (--trust) or keeps in
 * keys/trusted/, and a certificate authority's certificate a letter carries whose SHA-256
 * fingerprint the user gave (--trust-fingerprint): the fingerprint binds every byte of it, so
 * it is as trusted as the same certificate given as a file. Any other certificate inside a PDF
 * is a hint for path building, never an anchor.
 */
public final class TrustAnchors {
  // Certificates and revocation lists are kilobytes; a large CA's list a few megabytes.
  private static final long MAX_BYTES = 64L * 1024 * 1024;

  private static final String PIN_FORMAT = "--trust-fingerprint: give a certificate's SHA-256 fingerprint,"
      + " 64 hexadecimal digits with or without colons, as 'accommodate keys show CA.pem' prints it";

  private final Set<TrustAnchor> anchors;
  private final List<X509CRL> crls;
  private final Set<String> pins;  // lower-case hex SHA-256 of a certificate's DER encoding

  private TrustAnchors(Set<TrustAnchor> anchors, List<X509CRL> crls, Set<String> pins) {
    this.anchors = Set.copyOf(anchors);
    this.crls = List.copyOf(crls);
    this.pins = Set.copyOf(pins);
  }

  public static TrustAnchors none() {
    return new TrustAnchors(Set.of(), List.of(), Set.of());
  }

  /**
   * The same anchors, and the CA certificates letters carry whose SHA-256 fingerprints are
   * {@code given} (colons, spaces and a "SHA-256:" label allowed, any case).
   */
  public TrustAnchors withFingerprints(List<String> given) {
    Set<String> all = new HashSet<>(pins);
    for (String fingerprint : given) {
      all.add(fingerprint(fingerprint));
    }
    return new TrustAnchors(anchors, crls, all);
  }

  /**
   * A SHA-256 fingerprint as typed (colons, spaces and a "SHA-256:" label allowed, any case), in
   * lower-case hex; an input error names the option when it is not one.
   */
  public static String fingerprint(String typed) {
    String hex = typed.strip().replaceFirst("(?i)^sha-?256\\s*:?", "").replaceAll("[:\\s]", "")
        .toLowerCase(java.util.Locale.ROOT);
    if (hex.length() == 40 && hex.matches("[0-9a-f]+")) {
      throw new InputException(PIN_FORMAT + " (this one has 40 digits, a SHA-1 fingerprint)");
    }
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new InputException(PIN_FORMAT);
    }
    return hex;
  }

  /** Whether any fingerprint was given. */
  boolean pinned() {
    return !pins.isEmpty();
  }

  /**
   * The anchors for a path built from {@code carried}: these, and each certificate authority
   * among {@code carried} whose fingerprint was given.
   */
  Set<TrustAnchor> anchorsAmong(List<X509Certificate> carried) {
    if (pins.isEmpty()) {
      return anchors;
    }
    Set<TrustAnchor> all = new HashSet<>(anchors);
    for (X509Certificate certificate : carried) {
      if (authority(certificate) && pins.contains(fingerprint(certificate))) {
        all.add(new TrustAnchor(certificate, null));
      }
    }
    return all;
  }

  /** Whether {@code anchor} is trusted only because its fingerprint was given. */
  boolean pinnedOnly(X509Certificate anchor) {
    return pins.contains(fingerprint(anchor)) && anchors.stream().noneMatch(a -> anchor.equals(a.getTrustedCert()));
  }

  /** The certificates among {@code carried} whose fingerprint was given but that are no authority's. */
  List<X509Certificate> pinnedNonAuthorities(List<X509Certificate> carried) {
    return carried.stream().filter(c -> !authority(c) && pins.contains(fingerprint(c))).toList();
  }

  /** A certificate's SHA-256 fingerprint in lower-case hex (null when it cannot be encoded). */
  private static String fingerprint(X509Certificate certificate) {
    byte[] digest = sha256(certificate);
    return digest == null ? null : java.util.HexFormat.of().formatHex(digest);
  }

  /** The SHA-256 of a certificate's encoding, its fingerprint (null when it cannot be encoded). */
  static byte[] sha256(X509Certificate certificate) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (java.security.GeneralSecurityException e) {
      return null;
    }
  }

  /** CRLs kept beside the anchors (*.crl in a --trust folder, or given with --crl). */
  public List<X509CRL> crls() {
    return crls;
  }

  /** The same anchors with more CRLs. */
  public TrustAnchors withCrls(List<Path> files) {
    List<X509CRL> all = new ArrayList<>(crls);
    for (Path file : files) {
      all.add(crl(file));
    }
    return new TrustAnchors(anchors, all, pins);
  }

  /** Reads PEM or DER certificates from files, or from every *.pem / *.crt / *.cer in folders. */
  public static TrustAnchors load(List<Path> sources) {
    Set<TrustAnchor> anchors = new HashSet<>();
    List<X509CRL> crls = new ArrayList<>();
    for (Path source : sources) {
      ownedSafely(source);
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.list(source)) {
          for (Path file : files.sorted().toList()) {
            if (!Files.isRegularFile(file)) {
              continue;  // a named pipe there would hold verify forever, waiting for a writer
            }
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
              ownedSafely(file);
              read(file).forEach(c -> anchors.add(new TrustAnchor(c, null)));
            } else if (name.endsWith(".crl")) {
              ownedSafely(file);
              crls.add(crl(file));
            }
          }
        } catch (IOException e) {
          throw new InputException("--trust: cannot list " + source, e);
        }
      } else if (Files.isRegularFile(source)) {
        read(source).forEach(c -> anchors.add(new TrustAnchor(c, null)));
      } else {
        throw new InputException("--trust: no such file or folder " + source);
      }
    }
    return new TrustAnchors(anchors, crls, Set.of());
  }

  private static X509CRL crl(Path file) {
    try (InputStream in = new java.io.ByteArrayInputStream(org.accommodate.SmallFiles.read(file, MAX_BYTES))) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (org.accommodate.SmallFiles.TooLarge e) {
      throw new InputException("--crl: " + file + " is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException("--crl: no such file " + file, e);
    } catch (IOException | java.security.cert.CRLException | CertificateException | ClassCastException e) {
      throw new InputException("--crl: " + file + " is not a readable CRL", e);
    }
  }

  public Set<TrustAnchor> anchors() {
    return anchors;
  }

  /** Whether nothing is trusted: no anchor and no fingerprint. */
  public boolean isEmpty() {
    return anchors.isEmpty() && pins.isEmpty();
  }

  // A CA by its basic constraints, or an old version 1 root (self-issued, with no extensions).
  // A trust anchor anyone may write is one anyone may add: a forged letter would then verify as
  // VALID. Refused as ssh refuses such keys (world-writable only: a group may be the user's own).
  private static void ownedSafely(Path path) {
    try {
      if (Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class) != null
          && Files.getPosixFilePermissions(path).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
        throw new InputException("--trust: " + path + " can be changed by any user of this computer, so anyone could"
            + " make a forged letter trusted; remove their write permission (chmod o-w) and check its contents");
      }
    } catch (IOException e) {
      throw new InputException("--trust: cannot read the permissions of " + path, e);
    }
  }

  /**
   * keys/trusted/ is read without being named, from whatever folder verify runs in: it and the
   * keys/ folder holding it must belong to the user running verify (or root), or another user
   * of a shared folder could have put a CA there before them. Compared by user number, which
   * holds where the account has no name (a container's arbitrary user).
   */
  public static void checkImplicitFolder(Path folder) {
    long user;
    try {
      user = new com.sun.security.auth.module.UnixSystem().getUid();
    } catch (LinkageError | RuntimeException e) {
      return;  // not a Unix system: no user numbers to compare
    }
    for (Path path : List.of(folder, folder.toAbsolutePath().getParent())) {
      try {
        long owner = ((Number) Files.getAttribute(path, "unix:uid")).longValue();
        if (owner != user && owner != 0) {
          throw new InputException("keys/trusted: " + path + " belongs to another user (" + Files.getOwner(path).getName()
              + "), who could have put a CA certificate there; verify reads keys/trusted/ only when it is yours"
              + " (name it with --trust to use it anyway)");
        }
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return;  // this file system keeps no owners
      } catch (IOException e) {
        throw new InputException("keys/trusted: cannot read the owner of " + path, e);
      }
    }
  }

  private static boolean authority(X509Certificate certificate) {
    return certificate.getBasicConstraints() >= 0 || certificate.getVersion() == 1
        && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static List<X509Certificate> read(Path file) {
    try (InputStream in = new java.io.ByteArrayInputStream(org.accommodate.SmallFiles.read(file, MAX_BYTES))) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new InputException("--trust: " + file + " holds no certificate");
      }
      for (X509Certificate certificate : certificates) {
        if (!authority(certificate)) {
          // A clinician's own certificate as the anchor would make its letters "trusted" with no
          // revocation list that could ever withdraw them.
          throw new InputException("--trust: " + file + " holds a certificate that is not a certificate authority's ("
              + certificate.getSubjectX500Principal().getName() + "); trust the clinic's CA certificate, as"
              + " keys init wrote it to keys/trusted/");
        }
      }
      return certificates;
    } catch (IOException | CertificateException e) {
      throw new InputException("--trust: " + file + " is not a PEM or DER certificate", e);
    }
  }
}
