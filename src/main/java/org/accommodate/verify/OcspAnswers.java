package org.accommodate.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * OCSP responses a signer embedded (in the DSS, or inside its signature as Acrobat-like tools do),
 * as revocation evidence beside CRLs. A response counts only if the certificate's issuer signed it,
 * or a responder the issuer certified for OCSP signing (RFC 6960 §4.2.2.2); the response must
 * name the certificate by its issuer and serial number.
 */
final class OcspAnswers {
  // A hostile file must not make verify spend minutes: at most this many responses, answers in
  // each, and candidate responder certificates in each (each costs a signature check).
  private static final int MAX_RESPONSES = 50;
  private static final int MAX_ANSWERS = 100;
  private static final int MAX_RESPONDERS = 4;

  private final List<BasicOCSPResp> responses;

  private OcspAnswers(List<BasicOCSPResp> responses) {
    this.responses = List.copyOf(responses);
  }

  static final OcspAnswers NONE = new OcspAnswers(List.of());

  /** What the responses say about one certificate at the validation time. */
  enum Answer { NOT_REVOKED, REVOKED, OUT_OF_DATE, NONE }

  /**
   * @param answer the state
   * @param dueBy for {@link Answer#OUT_OF_DATE}, when the newest response stopped speaking for it
   */
  record Result(Answer answer, Instant dueBy) {}

  /** The responses among {@code encoded} (DER OCSPResponse) that parse; the others are no evidence. */
  static OcspAnswers parse(List<byte[]> encoded) {
    List<BasicOCSPResp> parsed = new ArrayList<>();
    for (byte[] bytes : encoded) {
      try {
        add(parsed, new OCSPResp(bytes));
      } catch (Exception e) {
        // An unreadable response is not evidence of anything.
      }
    }
    return new OcspAnswers(parsed);
  }

  /** As {@link #parse}, from ASN.1 OCSPResponse values inside a signature. */
  static OcspAnswers fromAsn1(List<ASN1Encodable> values) {
    List<BasicOCSPResp> parsed = new ArrayList<>();
    for (ASN1Encodable value : values) {
      try {
        add(parsed, new OCSPResp(OCSPResponse.getInstance(value)));
      } catch (Exception e) {
        // As above.
      }
    }
    return new OcspAnswers(parsed);
  }

  private static void add(List<BasicOCSPResp> parsed, OCSPResp response) throws Exception {
    if (parsed.size() < MAX_RESPONSES && response.getStatus() == OCSPResp.SUCCESSFUL
        && response.getResponseObject() instanceof BasicOCSPResp basic) {
      parsed.add(basic);
    }
  }

  OcspAnswers with(OcspAnswers more) {
    List<BasicOCSPResp> all = new ArrayList<>(responses);
    all.addAll(more.responses);
    return new OcspAnswers(all);
  }

  boolean isEmpty() {
    return responses.isEmpty();
  }

  /**
   * The answer for {@code certificate}, issued by {@code issuer}, at {@code at}: revoked if an
   * authorized response says it was revoked at or before then; not revoked if one says "good" and
   * was produced at or after {@code at} or was still current then (its next update not before it);
   * otherwise out of date when such a "good" response exists, else none.
   */
  Result answer(X509Certificate certificate, X509Certificate issuer, Instant at) {
    Instant dueBy = null;
    boolean good = false;
    try {
      DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
      X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
      for (BasicOCSPResp response : responses) {
        if (!authorized(response, issuer, issuerHolder)) {
          continue;
        }
        SingleResp[] singles = response.getResponses();
        for (SingleResp single : java.util.Arrays.copyOf(singles, Math.min(singles.length, MAX_ANSWERS))) {
          CertificateID id = single.getCertID();
          if (!id.getSerialNumber().equals(certificate.getSerialNumber()) || !id.matchesIssuer(issuerHolder, digests)) {
            continue;
          }
          Object status = single.getCertStatus();
          if (status instanceof RevokedStatus revoked) {
            if (!revoked.getRevocationTime().toInstant().isAfter(at)) {
              return new Result(Answer.REVOKED, null);
            }
            continue;
          }
          if (status != null) {
            continue;  // "unknown" (null is "good"): no answer
          }
          Instant thisUpdate = single.getThisUpdate().toInstant();
          Instant next = single.getNextUpdate() == null ? thisUpdate : single.getNextUpdate().toInstant();
          if (!thisUpdate.isBefore(at) || !next.isBefore(at)) {
            good = true;
          } else if (dueBy == null || next.isAfter(dueBy)) {
            dueBy = next;
          }
        }
      }
    } catch (Exception e) {
      // A response that cannot be checked is no evidence; what was found so far stands.
    }
    if (good) {
      return new Result(Answer.NOT_REVOKED, null);
    }
    return dueBy != null ? new Result(Answer.OUT_OF_DATE, dueBy) : new Result(Answer.NONE, null);
  }

  // Signed by the issuer itself, or by a responder certificate in the response that the issuer
  // signed and marked for OCSP signing.
  private static boolean authorized(BasicOCSPResp response, X509Certificate issuer, X509CertificateHolder issuerHolder) {
    try {
      if (response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))) {
        return true;
      }
    } catch (Exception e) {
      // not the issuer's signature: try a delegated responder
    }
    X509CertificateHolder[] candidates = response.getCerts();
    for (X509CertificateHolder responder : java.util.Arrays.copyOf(candidates, Math.min(candidates.length, MAX_RESPONDERS))) {
      try {
        var usage = org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        if (responder.getIssuer().equals(issuerHolder.getSubject())
            && responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer))
            && usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
            && responder.isValidOn(response.getProducedAt())
            && response.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
          return true;
        }
      } catch (Exception e) {
        // this one does not qualify
      }
    }
    return false;
  }
}
