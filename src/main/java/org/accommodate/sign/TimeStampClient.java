package org.accommodate.sign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.accommodate.SigningException;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Gets an RFC 3161 time-stamp token for a signature value and checks it before it is embedded
 * (signatures.md §6): granted, same imprint and nonce, a valid TSA signature from a certificate
 * whose only extended key usage is time-stamping (critical), and a time close to ours.
 */
public final class TimeStampClient {
  private static final int MAX_RESPONSE = 64 * 1024;
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final URI url;
  private final Clock clock;
  // The length of the last token each authority gave, and of the last signature that carried one
  // by each certificate: the next letter's first guess, instead of a token asked for only to
  // measure it (an authority answers each request; public ones limit how many).
  private static final java.util.Map<URI, Integer> TOKEN_LENGTHS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<java.util.List<Object>, Integer> SIGNATURE_LENGTHS =
      new java.util.concurrent.ConcurrentHashMap<>();

  public TimeStampClient(URI url, Clock clock) {
    this.url = url;
    this.clock = clock;
  }

  /** The length of the last token this authority gave, or -1 before its first. */
  int lastTokenLength() {
    return TOKEN_LENGTHS.getOrDefault(url, -1);
  }

  /** The length of the last time-stamped signature by {@code certificate}, or -1. */
  int lastSignatureLength(X509Certificate certificate) {
    return SIGNATURE_LENGTHS.getOrDefault(java.util.List.of(url, certificate), -1);
  }

  void signatureFitted(X509Certificate certificate, int length) {
    SIGNATURE_LENGTHS.put(java.util.List.of(url, certificate), length);
  }

  /**
   * The DER token over SHA-256 of {@code data} (a signature value, or a document's signed bytes);
   * when {@code signer} is given, the token must predate its expiry.
   */
  public byte[] token(byte[] data, X509Certificate signer) {
    byte[] imprint = sha256(data);
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    // 62 random bits with the 63rd set: always eight bytes in DER, so the token's length does
    // not vary with the nonce and the space reserved for it fits more often at the first try.
    BigInteger nonce = new BigInteger(62, RANDOM).setBit(62);
    TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, imprint, nonce);
    TimeStampResponse response = post(request);
    try {
      // BouncyCastle's validate does not fail on a rejection: check the status first.
      if (response.getStatus() != 0 && response.getStatus() != 1) {
        throw new SigningException("--tsa: the time-stamp authority refused the request (status "
            + response.getStatus() + ")");
      }
      response.validate(request);
      TimeStampToken token = response.getTimeStampToken();
      X509Certificate tsa = tsaCertificate(token);
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
      Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
      if (Duration.between(genTime, clock.instant()).abs().compareTo(CLOCK_SKEW) > 0) {
        throw new SigningException("--tsa: the time-stamp's time differs from this computer's clock by more than 5 minutes");
      }
      if (signer != null && !genTime.isBefore(signer.getNotAfter().toInstant())) {
        throw new SigningException("--tsa: the time-stamp is later than the signing certificate's expiry");
      }
      byte[] encoded = token.getEncoded();
      TOKEN_LENGTHS.put(url, encoded.length);
      return encoded;
    } catch (TSPException e) {
      throw new SigningException("--tsa: the time-stamp does not match the request or is not validly signed", e);
    } catch (IOException | CertificateException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new SigningException("--tsa: the time-stamp response cannot be read", e);
    }
  }

  private static X509Certificate tsaCertificate(TimeStampToken token) throws CertificateException {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
    if (matches.isEmpty()) {
      throw new SigningException("--tsa: the time-stamp does not include the authority's certificate");
    }
    X509CertificateHolder holder = matches.iterator().next();
    Extension eku = holder.getExtension(Extension.extendedKeyUsage);
    // RFC 3161 §2.3: the TSA certificate has exactly one, critical, extended key usage: time-stamping.
    if (eku == null || !eku.isCritical()
        || !Arrays.equals(ExtendedKeyUsage.getInstance(eku.getParsedValue()).getUsages(),
            new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping})) {
      throw new SigningException("--tsa: the authority's certificate is not a time-stamping certificate");
    }
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  // Host and port only: a URL's path or query could carry an account token.
  private String authority() {
    return url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }

  private TimeStampResponse post(TimeStampRequest request) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("http", "https").contains(scheme)) {
      throw new SigningException("--tsa: must be an http or https URL");
    }
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      connection.setDoOutput(true);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Content-Type", "application/timestamp-query");
      byte[] body = request.getEncoded();
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      if (connection.getResponseCode() != 200) {
        throw new SigningException("--tsa: the time-stamp authority answered HTTP " + connection.getResponseCode());
      }
      try (InputStream in = connection.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          if (out.size() > MAX_RESPONSE) {
            throw new SigningException("--tsa: the time-stamp response is too large");
          }
        }
        return new TimeStampResponse(out.toByteArray());
      }
    } catch (java.net.UnknownHostException e) {
      throw new SigningException("--tsa: unknown host " + url.getHost() + " (is this computer offline?)", e);
    } catch (java.net.ConnectException e) {
      throw new SigningException("--tsa: cannot connect to " + authority() + " (nothing answers there)", e);
    } catch (java.net.SocketTimeoutException e) {
      throw new SigningException("--tsa: " + authority() + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (TSPException | IOException e) {
      throw new SigningException("--tsa: no valid answer from the time-stamp authority", e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
