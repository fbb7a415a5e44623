package dev.payscore.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A merchant's APIv3 client written for these tests only, from the fact sheet (§7.1, §7.2):
 * signs requests with the merchant key and checks the answer's signature with WeChat's keys. It
 * shares nothing with the wechat-adapter, so the sandbox is checked independently.
 */
final class MerchantClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status, raw body, and whether its Wechatpay-* signature verified. */
  record Answer(int status, String body, boolean signatureValid, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String code() {
      return json().path("code").asText();
    }

    String message() {
      return json().path("message").asText();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String baseUrl;
  private final String mchid;
  private final String serial;
  private final PrivateKey key;
  private final Clock clock;
  private final Map<String, PublicKey> wechatKeys;
  private Duration timeout = Duration.ofSeconds(10);

  MerchantClient(
      String baseUrl,
      String mchid,
      String serial,
      PrivateKey key,
      Clock clock,
      Map<String, PublicKey> wechatKeys) {
    this.baseUrl = baseUrl;
    this.mchid = mchid;
    this.serial = serial;
    this.key = key;
    this.clock = clock;
    this.wechatKeys = wechatKeys;
  }

  static MerchantClient of(PayScoreSandbox sandbox) {
    return new MerchantClient(
        sandbox.baseUrl(),
        Fixture.MCHID,
        Fixture.SERIAL,
        Fixture.MERCHANT_KEYS.getPrivate(),
        sandbox.clock(),
        sandbox.publicKeys());
  }

  MerchantClient withBaseUrl(String url) {
    return new MerchantClient(url, mchid, serial, key, clock, wechatKeys).timeout(timeout);
  }

  MerchantClient withSerial(String otherSerial) {
    return new MerchantClient(baseUrl, mchid, otherSerial, key, clock, wechatKeys).timeout(timeout);
  }

  MerchantClient withMchid(String otherMchid) {
    return new MerchantClient(baseUrl, otherMchid, serial, key, clock, wechatKeys).timeout(timeout);
  }

  MerchantClient withClock(Clock otherClock) {
    return new MerchantClient(baseUrl, mchid, serial, key, otherClock, wechatKeys).timeout(timeout);
  }

  MerchantClient timeout(Duration value) {
    this.timeout = value;
    return this;
  }

  Answer post(String path, String body) {
    return send(prepare("POST", path, body, body, null));
  }

  /** A POST whose body goes out chunked (no Content-Length), as some clients stream it. */
  Answer postChunked(String path, String body) {
    HttpRequest signed = prepare("POST", path, body, body, null);
    HttpRequest.Builder chunked =
        HttpRequest.newBuilder(signed.uri())
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    signed.headers().map().forEach((name, values) -> values.forEach(v -> chunked.header(name, v)));
    return send(chunked.build());
  }

  /** A POST of raw bytes (maybe not UTF-8), signed over exactly those bytes (§7.1). */
  Answer postBytes(String path, byte[] body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "");
    byte[] head =
        ("POST\n" + path + "\n" + timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[head.length + body.length + 1];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(body, 0, message, head.length, body.length);
    message[message.length - 1] = '\n';
    String authorization =
        String.format(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"%s\",nonce_str=\"%s\",signature=\"%s\",timestamp=\"%s\",serial_no=\"%s\"",
            mchid, nonce, sign(message), timestamp, serial);
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("User-Agent", "payscore-sandbox-test")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  Answer get(String path) {
    return send(prepare("GET", path, "", "", null));
  }

  /** Signs {@code signedBody} but sends {@code sentBody}: a tampered request. */
  Answer postTampered(String path, String signedBody, String sentBody) {
    return send(prepare("POST", path, signedBody, sentBody, null));
  }

  /** A GET that asks WeChat to sign with {@code wechatpaySerial}. */
  Answer getExpecting(String path, String wechatpaySerial) {
    return send(prepare("GET", path, "", "", wechatpaySerial));
  }

  HttpRequest prepare(
      String method, String path, String signedBody, String sentBody, @Nullable String expected) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "");
    String message = method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + signedBody + "\n";
    String authorization =
        String.format(
            "WECHATPAY2-SHA256-RSA2048 mchid=\"%s\",nonce_str=\"%s\",signature=\"%s\",timestamp=\"%s\",serial_no=\"%s\"",
            mchid, nonce, sign(message), timestamp, serial);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .header("User-Agent", "payscore-sandbox-test");
    if (expected != null) {
      builder.header("Wechatpay-Serial", expected);
    }
    if ("POST".equals(method)) {
      builder.header("Content-Type", "application/json");
      builder.POST(HttpRequest.BodyPublishers.ofString(sentBody));
    } else {
      builder.GET();
    }
    return builder.build();
  }

  Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body(), verified(response), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean verified(HttpResponse<String> response) {
    String timestamp = response.headers().firstValue("Wechatpay-Timestamp").orElse(null);
    String nonce = response.headers().firstValue("Wechatpay-Nonce").orElse(null);
    String signature = response.headers().firstValue("Wechatpay-Signature").orElse(null);
    String serialNo = response.headers().firstValue("Wechatpay-Serial").orElse(null);
    if (timestamp == null || nonce == null || signature == null || serialNo == null) {
      return false;
    }
    PublicKey wechat = wechatKeys.get(serialNo);
    if (wechat == null) {
      return false;
    }
    return verify(wechat, timestamp + "\n" + nonce + "\n" + response.body() + "\n", signature);
  }

  static boolean verify(PublicKey publicKey, String message, String signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(publicKey);
      verifier.update(message.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private String sign(String message) {
    return sign(message.getBytes(StandardCharsets.UTF_8));
  }

  private String sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(message);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
