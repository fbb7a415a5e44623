package dev.payscore.wechat.internal;

import dev.payscore.WechatKeys;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One merchant's verification keys by {@code Wechatpay-Serial}: those configured, plus platform
 * certificates downloaded so far. An unknown serial triggers at most one refresh per {@link
 * #UNKNOWN_SERIAL_REFRESH_GAP}, so forged serials cannot make us hammer {@code /v3/certificates}.
 */
public final class KeyRing {
  /** The least time between two refreshes caused by unknown serials. */
  public static final Duration UNKNOWN_SERIAL_REFRESH_GAP = Duration.ofMinutes(1);

  /** Downloads the current platform certificates into a ring; false when the download failed. */
  @FunctionalInterface
  public interface Refresher {
    boolean refresh();
  }

  private final WechatKeys keys;
  private final Clock clock;
  private final Map<String, Downloaded> downloaded = new ConcurrentHashMap<>();
  private final Object refreshLock = new Object();
  private volatile @Nullable Refresher refresher;
  private @Nullable Instant lastUnknownSerialRefresh;

  private record Downloaded(PublicKey key, Instant notAfter) {}

  public KeyRing(WechatKeys keys, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public WechatKeys keys() {
    return keys;
  }

  /** Installs the download used on an unknown serial (certificate mode only). */
  public void refreshWith(Refresher refresher) {
    this.refresher = Objects.requireNonNull(refresher, "refresher == null");
  }

  /** The key for {@code serial} held right now, or null. */
  public @Nullable PublicKey find(String serial) {
    PublicKey held = keys.heldKeys().get(serial);
    if (held != null) {
      return held;
    }
    Downloaded certificate = downloaded.get(serial);
    return certificate == null || certificate.notAfter().isBefore(clock.instant())
        ? null
        : certificate.key();
  }

  /** The key for {@code serial}, refreshing the certificates once if it is unknown. */
  public @Nullable PublicKey findOrRefresh(String serial) {
    PublicKey key = find(serial);
    Refresher download = refresher;
    if (key != null || download == null) {
      return key;
    }
    synchronized (refreshLock) {
      key = find(serial);
      Instant now = clock.instant();
      if (key != null
          || (lastUnknownSerialRefresh != null
              && now.isBefore(lastUnknownSerialRefresh.plus(UNKNOWN_SERIAL_REFRESH_GAP)))) {
        return key;
      }
      lastUnknownSerialRefresh = now;
      download.refresh();
      return find(serial);
    }
  }

  /** Adds freshly downloaded certificates; those still valid from earlier downloads stay (rotation overlap). */
  public void addDownloaded(String serial, PublicKey key, Instant notAfter) {
    downloaded.put(serial, new Downloaded(key, notAfter));
  }

  @Override
  public String toString() {
    return "KeyRing[held=" + keys.heldKeys().keySet() + ", downloaded=" + downloaded.keySet() + "]";
  }
}
