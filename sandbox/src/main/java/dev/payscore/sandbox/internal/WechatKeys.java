package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.payscore.sandbox.Pem;
import dev.payscore.sandbox.SandboxConfig;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.payscore.sandbox.internal.KeyStore.Stored;
import org.jspecify.annotations.Nullable;

/**
 * WeChat's signing keys: one public key ({@code PUB_KEY_ID_…}) or one or two platform
 * certificates, generated when the sandbox starts or read from its state dir ({@link KeyStore}). Signs responses and callbacks (fact sheet §7.2)
 * and builds the encrypted certificate list of {@code GET /v3/certificates}.
 */
public final class WechatKeys {
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** A key WeChat signs with, by the serial or id it announces in {@code Wechatpay-Serial}. */
  public record Key(String serial, KeyPair pair, @Nullable X509Certificate certificate) {}

  private final SandboxConfig.KeyMode mode;
  private final List<Key> keys;

  public WechatKeys(SandboxConfig config, Clock clock) {
    this.mode = config.keyMode();
    int count = mode == SandboxConfig.KeyMode.PUBLIC_KEY ? 1 : config.platformCertificates();
    List<Stored> stored = KeyStore.load(config, count);
    List<Key> loaded = new ArrayList<>();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < count; i++) {
      KeyPair pair = stored.get(i).pair();
      String id = stored.get(i).id();
      if (mode == SandboxConfig.KeyMode.PUBLIC_KEY) {
        loaded.add(new Key(id, pair, null));
        continue;
      }
      // the newer certificate starts later: the overlap of a rotation
      Instant notBefore = now.minus(Duration.ofDays(365L * (count - i)));
      X509Certificate certificate =
          SelfSignedCertificate.issue(
              pair,
              id,
              "Tenpay.com Root CA (payscore sandbox)",
              notBefore,
              notBefore.plus(Duration.ofDays(5 * 365L)));
      loaded.add(new Key(id, pair, certificate));
    }
    this.keys = List.copyOf(loaded);
  }

  public SandboxConfig.KeyMode mode() {
    return mode;
  }

  public List<Key> keys() {
    return keys;
  }

  /** The key named by {@code requested} when WeChat has it; otherwise the newest. */
  public Key signingKey(@Nullable String requested) {
    if (requested != null) {
      for (Key key : keys) {
        if (key.serial().equalsIgnoreCase(requested)) {
          return key;
        }
      }
    }
    return keys.get(keys.size() - 1);
  }

  /** The five {@code Wechatpay-*} headers of a signed body; {@code broken} spoils the signature. */
  public Map<String, String> sign(Key key, Instant now, String body, boolean broken) {
    String timestamp = Long.toString(now.getEpochSecond());
    String nonce = Crypto.nonce(32);
    String signature = Crypto.sign(key.pair().getPrivate(), timestamp + "\n" + nonce + "\n" + body + "\n");
    if (broken) {
      char first = signature.charAt(0);
      signature = (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Wechatpay-Timestamp", timestamp);
    headers.put("Wechatpay-Nonce", nonce);
    headers.put("Wechatpay-Signature", signature);
    headers.put("Wechatpay-Serial", key.serial());
    headers.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
    return headers;
  }

  /** The body of {@code GET /v3/certificates}, encrypted with the merchant's APIv3 key. */
  public ObjectNode certificateList(String apiV3Key) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    ArrayNode data = answer.putArray("data");
    for (Key key : keys) {
      X509Certificate certificate = key.certificate();
      if (certificate == null) {
        continue;
      }
      String nonce = Crypto.nonce(12);
      String pem;
      try {
        pem = Pem.encode("CERTIFICATE", certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
      ObjectNode item = data.addObject();
      item.put("serial_no", key.serial());
      item.put("effective_time", rfc3339(certificate.getNotBefore().toInstant()));
      item.put("expire_time", rfc3339(certificate.getNotAfter().toInstant()));
      ObjectNode encrypted = item.putObject("encrypt_certificate");
      encrypted.put("algorithm", "AEAD_AES_256_GCM");
      encrypted.put("nonce", nonce);
      encrypted.put("associated_data", "certificate");
      encrypted.put("ciphertext", Crypto.encrypt(apiV3Key, nonce, "certificate", pem));
    }
    return answer;
  }

  /** RFC 3339 to the second in Beijing time, as WeChat writes it: {@code 2020-05-05T13:44:30+08:00}. */
  public static String rfc3339(Instant instant) {
    return RFC3339.format(
        OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), OrderBook.SHANGHAI));
  }

  public PublicKey publicKey() {
    return signingKey(null).pair().getPublic();
  }

}
