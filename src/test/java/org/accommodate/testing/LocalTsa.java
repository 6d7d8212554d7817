package org.accommodate.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 time-stamp authority on loopback for tests: BouncyCastle's TSP classes behind the
 * JDK's HTTP server, with a TSA certificate issued by the demo CA. Nothing leaves the machine.
 */
public final class LocalTsa implements AutoCloseable {
  /** How the authority answers. */
  public enum Mode { GRANT, REJECT, HTTP_ERROR }

  private final HttpServer server;
  private final TimeStampTokenGenerator tokens;
  private final Clock clock;
  private final AtomicLong serial = new AtomicLong(1);
  private final AtomicLong requests = new AtomicLong();
  private volatile Mode mode = Mode.GRANT;

  private LocalTsa(TimeStampTokenGenerator tokens, Clock clock) throws IOException {
    this.tokens = tokens;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/tsa", exchange -> {
      requests.incrementAndGet();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (mode == Mode.HTTP_ERROR) {
        exchange.sendResponseHeaders(500, -1);
        exchange.close();
        return;
      }
      byte[] answer;
      try {
        TimeStampRequest request = new TimeStampRequest(body);
        TimeStampResponseGenerator generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        TimeStampResponse response = mode == Mode.REJECT
            ? generator.generateRejectedResponse(new Exception("policy"))
            : generator.generate(request, BigInteger.valueOf(serial.getAndIncrement()), Date.from(clock.instant()));
        answer = response.getEncoded();
      } catch (Exception e) {
        exchange.sendResponseHeaders(400, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  /** Starts a TSA whose certificate the demo CA in {@code demoKeys} issues. */
  public static LocalTsa start(Path demoKeys, Clock clock) throws Exception {
    return start(demoKeys.resolve("ca.p12"), "demo", clock);
  }

  /** Starts a TSA whose certificate the CA in {@code caKeystore} issues (a clinic's own TSA). */
  public static LocalTsa start(Path caKeystore, String password, Clock clock) throws Exception {
    KeyStore ca = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(caKeystore)) {
      ca.load(in, password.toCharArray());
    }
    String alias = java.util.Collections.list(ca.aliases()).stream().filter(a -> {
      try {
        return ca.isKeyEntry(a);
      } catch (java.security.KeyStoreException e) {
        return false;
      }
    }).findFirst().orElseThrow();
    PrivateKey caKey = (PrivateKey) ca.getKey(alias, password.toCharArray());
    X509Certificate caCert = (X509Certificate) ca.getCertificate(alias);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    var builder = new JcaX509v3CertificateBuilder(caCert, BigInteger.valueOf(System.nanoTime()),
        Date.from(clock.instant().minus(Duration.ofDays(1))), Date.from(clock.instant().plus(Duration.ofDays(365))),
        new X500Name("CN=Test Time-Stamp Authority,O=Demo Clinic"), keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    X509Certificate tsaCert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(caKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(caKey)));
    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", keys.getPrivate(), tsaCert),
        new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
        new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
    tokens.addCertificates(new JcaCertStore(List.of(tsaCert)));
    return new LocalTsa(tokens, clock);
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** How many requests the authority has been sent. */
  public long requests() {
    return requests.get();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
