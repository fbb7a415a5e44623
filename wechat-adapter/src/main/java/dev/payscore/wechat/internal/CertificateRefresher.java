package dev.payscore.wechat.internal;

import dev.payscore.ApiV3Key;
import dev.payscore.PemKeys;
import dev.payscore.WechatKeys;
import dev.payscore.wechat.SignatureFailure;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Response;

/**
 * Downloads the platform certificates of one merchant ({@code GET /v3/certificates}), decrypts
 * them with the APIv3 key, checks that the response is signed by one of them (or a key already
 * held) and adds the valid ones to the merchant's {@link KeyRing}. A failure is logged and
 * reported as {@code false}; it never removes keys already held.
 */
public final class CertificateRefresher implements KeyRing.Refresher {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateRefresher.class);

  private final PayScoreService service;
  private final Merchant merchant;
  private final ApiV3Key apiV3Key;
  private final Clock clock;

  public CertificateRefresher(PayScoreService service, Merchant merchant, ApiV3Key apiV3Key, Clock clock) {
    this.service = Objects.requireNonNull(service, "service == null");
    this.merchant = Objects.requireNonNull(merchant, "merchant == null");
    this.apiV3Key = Objects.requireNonNull(apiV3Key, "apiV3Key == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public boolean refresh() {
    String mchid = merchant.credentials().mchid().value();
    try {
      Response<ResponseBody> response = service.certificates(merchant).execute();
      ResponseBody raw = response.isSuccessful() ? response.body() : response.errorBody();
      byte[] body = raw == null ? new byte[0] : raw.bytes();
      if (!response.isSuccessful()) {
        LOG.warn("mchid {}: certificate download answered HTTP {} (Request-ID {})",
            mchid, response.code(), response.headers().get("Request-ID"));
        return false;
      }
      Instant now = clock.instant();
      Map<String, X509Certificate> downloaded = decrypt(Wire.JSON.readValue(body, Wire.CertificatesBody.class), now);
      SignatureFailure failure =
          SignatureVerifier.verify(
              response.headers()::get,
              body,
              serial -> {
                X509Certificate certificate = downloaded.get(serial);
                return certificate != null ? certificate.getPublicKey() : merchant.keys().find(serial);
              },
              now);
      if (failure != null) {
        LOG.warn("mchid {}: certificate download not trusted: {}", mchid, failure);
        return false;
      }
      downloaded.forEach(
          (serial, certificate) -> {
            PublicKey key = certificate.getPublicKey();
            merchant.keys().addDownloaded(serial, key, certificate.getNotAfter().toInstant());
          });
      LOG.info("mchid {}: platform certificates {} downloaded", mchid, downloaded.keySet());
      return true;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // the APIv3 key and the plaintext certificates never reach this message
      LOG.warn("mchid {}: certificate download failed: {}", mchid, e.getClass().getSimpleName());
      return false;
    }
  }

  private Map<String, X509Certificate> decrypt(Wire.CertificatesBody body, Instant now)
      throws GeneralSecurityException {
    Map<String, X509Certificate> certificates = new HashMap<>();
    if (body.data() == null) {
      throw new IllegalArgumentException("no data");
    }
    for (Wire.CertificateBody entry : body.data()) {
      Wire.EncryptedBody encrypted = Objects.requireNonNull(entry.encryptCertificate(), "encrypt_certificate");
      if (!Aead.ALGORITHM.equals(encrypted.algorithm())) {
        throw new IllegalArgumentException("unsupported algorithm " + encrypted.algorithm());
      }
      X509Certificate certificate =
          PemKeys.certificate(
              Aead.decrypt(
                  apiV3Key,
                  Objects.requireNonNull(encrypted.nonce(), "nonce"),
                  encrypted.associatedData(),
                  Objects.requireNonNull(encrypted.ciphertext(), "ciphertext")));
      String serial = WechatKeys.serialOf(certificate);
      if (!serial.equals(entry.serialNo())) {
        throw new IllegalArgumentException("serial_no " + entry.serialNo() + " but certificate " + serial);
      }
      try {
        certificate.checkValidity(Date.from(now));
      } catch (java.security.cert.CertificateException e) {
        LOG.debug("platform certificate {} is not valid now; skipped", serial);
        continue;
      }
      certificates.put(serial, certificate);
    }
    return certificates;
  }
}
