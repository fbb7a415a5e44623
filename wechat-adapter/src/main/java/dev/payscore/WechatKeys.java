package dev.payscore;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The WeChat Pay keys one merchant verifies responses and callbacks with (§7.3), looked up by
 * {@code Wechatpay-Serial}: a WeChat Pay public key ({@code PUB_KEY_ID_…}), platform certificates
 * held or downloaded from {@code GET /v3/certificates}, or both during a migration.
 *
 * <pre>{@code
 * WechatKeys.builder().publicKey("PUB_KEY_ID_0114232134912410000000000000", publicKey).build();
 * WechatKeys.builder().downloadPlatformCertificates(apiV3Key).build();
 * }</pre>
 *
 * <p>Public-key mode never downloads anything. In certificate mode a download runs at start-up, on
 * a schedule and once when an unknown serial shows up; a failed download is retried and never
 * stops calls that the keys already held can verify. {@link #toString()} shows serials only.
 *
 * <p>Thread-safe; share one per merchant (or per WeChat Pay public key).
 */
public final class WechatKeys {
  /** The default period of the background certificate refresh. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(12);
  /** The default wait before a failed certificate download is tried again. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);

  private final Map<String, PublicKey> keys;
  private final @Nullable String publicKeyId;
  private final @Nullable ApiV3Key downloadKey;
  private final Duration refreshInterval;
  private final Duration retryDelay;

  private WechatKeys(Builder builder) {
    this.keys = Map.copyOf(builder.keys);
    this.publicKeyId = builder.publicKeyId;
    this.downloadKey = builder.downloadKey;
    this.refreshInterval = builder.refreshInterval;
    this.retryDelay = builder.retryDelay;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Public-key mode with one key: the common case for merchants onboarded since 2024. */
  public static WechatKeys publicKey(String publicKeyId, PublicKey key) {
    return builder().publicKey(publicKeyId, key).build();
  }

  /** The keys held from the start, by serial or public-key ID. */
  public Map<String, PublicKey> heldKeys() {
    return keys;
  }

  /**
   * The {@code Wechatpay-Serial} to send on requests: the public-key ID, so that WeChat answers
   * with that key; empty in pure certificate mode.
   */
  public Optional<String> requestSerial() {
    return Optional.ofNullable(publicKeyId);
  }

  /** The APIv3 key that decrypts downloaded certificates; empty when nothing is downloaded. */
  public Optional<ApiV3Key> certificateDownloadKey() {
    return Optional.ofNullable(downloadKey);
  }

  public Duration refreshInterval() {
    return refreshInterval;
  }

  public Duration retryDelay() {
    return retryDelay;
  }

  /** The upper-case hexadecimal serial WeChat puts in {@code Wechatpay-Serial} for a certificate. */
  public static String serialOf(X509Certificate certificate) {
    return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "WechatKeys[serials=" + keys.keySet() + ", downloads=" + (downloadKey != null) + "]";
  }

  /** Collects the keys; {@link #build()} checks that at least one source is given. */
  public static final class Builder {
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private @Nullable String publicKeyId;
    private @Nullable ApiV3Key downloadKey;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;

    private Builder() {}

    /** A WeChat Pay public key and its ID ({@code PUB_KEY_ID_} + digits). */
    public Builder publicKey(String publicKeyId, PublicKey key) {
      Objects.requireNonNull(publicKeyId, "publicKeyId == null");
      Objects.requireNonNull(key, "key == null");
      if (!publicKeyId.startsWith("PUB_KEY_ID_")) {
        throw new IllegalArgumentException("a public-key ID starts with PUB_KEY_ID_: " + publicKeyId);
      }
      if (this.publicKeyId == null) {
        this.publicKeyId = publicKeyId;
      }
      keys.put(publicKeyId, key);
      return this;
    }

    /** A platform certificate held from the start (e.g. from the merchant's own store). */
    public Builder platformCertificate(X509Certificate certificate) {
      Objects.requireNonNull(certificate, "certificate == null");
      keys.put(serialOf(certificate), certificate.getPublicKey());
      return this;
    }

    /** Download platform certificates with {@code GET /v3/certificates}, decrypted with {@code key}. */
    public Builder downloadPlatformCertificates(ApiV3Key key) {
      this.downloadKey = Objects.requireNonNull(key, "key == null");
      return this;
    }

    /** The period of the background certificate refresh; default 12 hours. */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = positive(interval, "refreshInterval");
      return this;
    }

    /** The wait before a failed certificate download is tried again; default 1 minute. */
    public Builder retryDelay(Duration delay) {
      this.retryDelay = positive(delay, "retryDelay");
      return this;
    }

    public WechatKeys build() {
      if (keys.isEmpty() && downloadKey == null) {
        throw new IllegalStateException(
            "no WeChat Pay key: give a public key, a platform certificate or a download key");
      }
      return new WechatKeys(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " <= 0: " + value);
      }
      return value;
    }
  }
}
