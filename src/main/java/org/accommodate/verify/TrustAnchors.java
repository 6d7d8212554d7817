package org.accommodate.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.accommodate.InputException;

/**
 * The certificates verify trusts: only those the user names (--trust) or keeps in
 * keys/trusted/. Certificates inside a PDF are hints for path building, never anchors.
 */
public final class TrustAnchors {
  private final Set<TrustAnchor> anchors;

  private TrustAnchors(Set<TrustAnchor> anchors) {
    this.anchors = Set.copyOf(anchors);
  }

  public static TrustAnchors none() {
    return new TrustAnchors(Set.of());
  }

  /** Reads PEM or DER certificates from files, or from every *.pem / *.crt / *.cer in folders. */
  public static TrustAnchors load(List<Path> sources) {
    Set<TrustAnchor> anchors = new HashSet<>();
    for (Path source : sources) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.list(source)) {
          for (Path file : files.sorted().toList()) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
              read(file).forEach(c -> anchors.add(new TrustAnchor(c, null)));
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
    return new TrustAnchors(anchors);
  }

  public Set<TrustAnchor> anchors() {
    return anchors;
  }

  public boolean isEmpty() {
    return anchors.isEmpty();
  }

  private static List<X509Certificate> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new InputException("--trust: " + file + " holds no certificate");
      }
      return certificates;
    } catch (IOException | CertificateException e) {
      throw new InputException("--trust: " + file + " is not a PEM or DER certificate", e);
    }
  }
}
