package dev.payscore.spring.boot.internal;

import dev.payscore.ApiV3Key;
import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.PayScore;
import dev.payscore.PemKeys;
import dev.payscore.WechatKeys;
import dev.payscore.spring.boot.PayScoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Applies {@code payscore.merchants[*]} to a builder, reading every key; collects every problem of
 * every merchant before failing, and never puts a key or key text in a message.
 */
public final class MerchantSettings {
  private static final int SHOWN_LOCATION = 200;

  private final ResourceLoader resources;
  private final List<String> problems = new ArrayList<>();

  private MerchantSettings(ResourceLoader resources) {
    this.resources = resources;
  }

  /**
   * Adds every merchant to {@code builder}; returns the problems (each naming its property, none
   * showing a secret), empty when every merchant was added.
   */
  public static List<String> apply(
      List<PayScoreProperties.Merchant> merchants, PayScore.Builder builder, ResourceLoader resources) {
    MerchantSettings settings = new MerchantSettings(resources);
    if (merchants.isEmpty()) {
      settings.problems.add(
          "payscore.merchants: no merchant configured (mchid, serial, private-key, WeChat's public"
              + " key or platform-certificates, api-v3-key)");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < merchants.size(); i++) {
      settings.add("payscore.merchants[" + i + "].", merchants.get(i), builder, seen);
    }
    return settings.problems;
  }

  private void add(
      String prefix, PayScoreProperties.Merchant m, PayScore.Builder builder, Set<String> seen) {
    int before = problems.size();
    MerchantId mchid = value(prefix + "mchid", m.getMchid(), MerchantId::of);
    if (mchid != null && !seen.add(mchid.value())) {
      problems.add(prefix + "mchid: " + mchid.value() + " is configured twice");
    }
    String serial = required(prefix + "serial", m.getSerial());
    var privateKey = key(prefix + "private-key", m.getPrivateKey(), PemKeys::privateKey);
    ApiV3Key apiV3Key =
        m.getApiV3Key() == null
            ? null
            : secret(prefix + "api-v3-key", m.getApiV3Key(), ApiV3Key::ofText);
    WechatKeys.Builder keys = WechatKeys.builder();
    boolean verifiable = false;
    if (m.getWechatPublicKey() != null || m.getWechatPublicKeyId() != null) {
      String id = required(prefix + "wechat-public-key-id", m.getWechatPublicKeyId());
      var publicKey = key(prefix + "wechat-public-key", m.getWechatPublicKey(), PemKeys::publicKey);
      if (id != null && publicKey != null) {
        try {
          keys.publicKey(id, publicKey);
          verifiable = true;
        } catch (IllegalArgumentException e) {
          problems.add(prefix + "wechat-public-key-id: " + e.getMessage());
        }
      }
    }
    if (m.isPlatformCertificates()) {
      if (m.getApiV3Key() == null) {
        problems.add(prefix + "api-v3-key: required with platform-certificates (it decrypts them)");
      } else if (apiV3Key != null) {
        keys.downloadPlatformCertificates(apiV3Key);
        verifiable = true;
      }
    }
    if (!verifiable && problems.size() == before) {
      problems.add(
          prefix
              + "wechat-public-key-id and wechat-public-key (public-key mode), or"
              + " platform-certificates: true with api-v3-key: nothing verifies WeChat's answers");
    }
    if (problems.size() > before || mchid == null || serial == null || privateKey == null) {
      return;
    }
    MerchantCredentials credentials;
    try {
      credentials = new MerchantCredentials(mchid, serial, privateKey);
    } catch (IllegalArgumentException e) {
      problems.add(prefix + "private-key/serial: " + e.getMessage());
      return;
    }
    if (apiV3Key != null) {
      builder.merchant(credentials, keys.build(), apiV3Key);
    } else {
      builder.merchant(credentials, keys.build());
    }
  }

  private @Nullable String required(String property, @Nullable String value) {
    if (value == null || value.isBlank()) {
      problems.add(property + ": required");
      return null;
    }
    return value.trim();
  }

  private <T> @Nullable T value(String property, @Nullable String value, Function<String, T> parse) {
    String text = required(property, value);
    if (text == null) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      problems.add(property + ": " + e.getMessage());
      return null;
    }
  }

  /** A secret given as text: the message says what is wrong with it, never the value. */
  private <T> @Nullable T secret(String property, String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      problems.add(property + ": " + e.getMessage() + " (value not shown)");
      return null;
    }
  }

  /** A PEM key, given as its text or where to read it. */
  private <T> @Nullable T key(String property, @Nullable String value, Function<String, T> parse) {
    String given = required(property, value);
    if (given == null) {
      return null;
    }
    String pem;
    if (given.startsWith("-----BEGIN")) {
      pem = given;
    } else {
      pem = read(property, given);
      if (pem == null) {
        return null;
      }
    }
    try {
      return parse.apply(pem);
    } catch (IllegalArgumentException e) {
      problems.add(property + ": " + e.getMessage() + " (key not shown)");
      return null;
    }
  }

  private @Nullable String read(String property, String location) {
    boolean prefixed = location.startsWith("classpath:") || location.startsWith("file:");
    Resource resource = resources.getResource(prefixed ? location : "file:" + location);
    // a long value without a prefix is more likely key text that lost its BEGIN line than a path
    String shown =
        location.length() <= SHOWN_LOCATION && !location.contains("\n")
            ? location
            : "(value not shown: PEM text must start with -----BEGIN)";
    if (!resource.exists()) {
      problems.add(property + ": nothing at " + shown);
      return null;
    }
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      problems.add(property + ": cannot read " + shown + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }
}
