package org.accommodate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.accommodate.Letters;
import org.accommodate.keys.DemoKeys;
import org.accommodate.keys.SigningKey;
import org.accommodate.pdf.PdfComposer;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.request.Language;
import org.accommodate.sign.PadesSigner;
import org.accommodate.template.TemplateCatalog;
import org.accommodate.template.TemplateRenderer;
import org.accommodate.verify.SignatureVerifier;
import org.accommodate.verify.TrustAnchors;
import org.accommodate.verify.VerificationReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-letter stages, warm, one thread: fill the template, render the PDF, sign, verify; and
 * a whole letter as batch makes it (read the request, checks, render, sign, output scan, write).
 * Warm-up and measurement come from the bench profile's jmh.* properties (pom.xml).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class LetterBenchmarks {
  private AuthorizedModel model;
  private TemplateRenderer renderer;
  private PdfComposer composer;
  private String xhtml;
  private PdfComposer.Rendered rendered;
  private SigningKey key;
  private Path signed;
  private TrustAnchors anchors;
  private Clock clock;
  private Letters letters;
  private Path request;
  private org.accommodate.request.ClinicProfile profile;
  private Letters.LoadedKey loaded;
  private org.accommodate.IssueOptions options;

  @Setup
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("accommodate-bench");
    clock = Clock.systemUTC();
    letters = Letters.create(clock, dir);
    org.accommodate.Demo demo = letters.demo();
    key = demo.keySource().load();
    profile = demo.profile();
    model = letters.check(demo.request(Language.EN, profile), profile).model();
    renderer = new TemplateRenderer(TemplateCatalog.shipped());
    composer = new PdfComposer();
    xhtml = renderer.render(model, Language.EN);
    rendered = composer.compose(xhtml);
    signed = Files.write(dir.resolve("signed.pdf"),
        new PadesSigner().sign(rendered.pdf(), key, clock.instant(), rendered.signatureBox(), "en"));
    anchors = TrustAnchors.load(List.of(letters.demoKeys().directory().resolve(DemoKeys.CA_CERTIFICATE)));
    // What is measured must be the path a good letter takes, not an early refusal.
    VerificationReport.Verdict verdict = new SignatureVerifier().verify(signed, anchors, clock.instant()).verdict();
    if (verdict != VerificationReport.Verdict.VALID) {
      throw new IllegalStateException("the benchmark's signed letter verifies as " + verdict);
    }
    loaded = new Letters.LoadedKey(key);
    // The demo request as a batch reads it: from a file, as `demo --letters` writes them.
    demo.writeRequests(1, dir.resolve("requests"), profile, Language.EN, null);
    request = dir.resolve("requests").resolve("demo-0001.yaml");
    Path out = Files.createDirectories(dir.resolve("out"));
    options = new org.accommodate.IssueOptions(null, true, false, null, false, false, null, null, true, out);
  }

  @Benchmark
  public Object issue() throws Exception {
    Path file = letters.issue(letters.readRequest(request), profile, loaded, options).path();
    Files.delete(file);
    return file;
  }

  @Benchmark
  public String fill() {
    return renderer.render(model, Language.EN);
  }

  @Benchmark
  public PdfComposer.Rendered render() {
    return composer.compose(xhtml);
  }

  @Benchmark
  public byte[] sign() {
    return new PadesSigner().sign(rendered.pdf(), key, clock.instant(), rendered.signatureBox(), "en");
  }

  @Benchmark
  public Object verify() {
    return new SignatureVerifier().verify(signed, anchors, clock.instant());
  }
}
