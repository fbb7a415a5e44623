package dev.payscore.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a sandbox is started with: the merchants it knows, how it signs, how the points the
 * fact sheet leaves UNCONFIRMED behave, the clock, the user simulation, callbacks and faults.
 *
 * <pre>{@code
 * SandboxConfig config = SandboxConfig.builder()
 *     .merchant(new SandboxConfig.Merchant("1900000001", serial, merchantPublicKey, apiV3Key,
 *         Set.of("wx0000000000000001"),
 *         List.of(new SandboxConfig.Service(serviceId, SandboxConfig.ServiceMode.CONFIRM, 100_00))))
 *     .build();
 * }</pre>
 */
public final class SandboxConfig {

  /** How WeChat signs its responses and callbacks (fact sheet §7.3). */
  public enum KeyMode {
    /** One WeChat Pay public key, {@code Wechatpay-Serial: PUB_KEY_ID_…}. */
    PUBLIC_KEY,
    /** Platform certificates, listed (encrypted) by {@code GET /v3/certificates}. */
    CERTIFICATE
  }

  /** Whether a service id lets an order skip the user's confirmation (fact sheet §1). */
  public enum ServiceMode {
    /** 需确认模式: create answers CREATED and a package; the user confirms. */
    CONFIRM,
    /** 免确认模式: create with {@code need_user_confirm=false} answers DOING/USER_CONFIRM. */
    NO_CONFIRM
  }

  /** An identical repeat of complete on a completed order (UNCONFIRMED, fact sheet §11.1). */
  public enum RepeatComplete {
    /** 400 {@code INVALID_REQUEST} {@code 当前订单状态不合法}: what the FAQ documents. */
    REJECT,
    /** 200 with the order as it is now, like create and cancel re-entry. */
    REENTER
  }

  /** Where a complete with {@code total_amount=0} leaves the order (UNCONFIRMED, §11.2). */
  public enum ZeroAmountCompletion {
    /** DONE at once, {@code need_collection=false}, no collection and no USER_PAID callback. */
    DONE,
    /** DOING/MCH_COMPLETE with {@code need_collection=false}, and it stays there. */
    MCH_COMPLETE
  }

  /**
   * A Pay Score service id: its mode and its risk cap (服务风险金额, fen), which bounds {@code
   * risk_fund.amount} at create and {@code total_amount} of 先享 orders at complete.
   */
  public record Service(String serviceId, ServiceMode mode, long riskCap) {
    public Service {
      Objects.requireNonNull(serviceId, "serviceId == null");
      Objects.requireNonNull(mode, "mode == null");
      if (serviceId.isBlank() || serviceId.length() > 32) {
        throw new IllegalArgumentException("serviceId not 1..32 characters: " + serviceId);
      }
      if (riskCap <= 0) {
        throw new IllegalArgumentException("riskCap <= 0: " + riskCap);
      }
    }
  }

  /**
   * A registered merchant: its mchid, the serial of its API certificate and the public key that
   * verifies its requests, its APIv3 key (encrypts callbacks and the certificate list), the appids
   * bound to it and its service ids. {@link #toString()} leaves the APIv3 key out.
   */
  public record Merchant(
      String mchid,
      String serialNo,
      PublicKey publicKey,
      String apiV3Key,
      Set<String> appids,
      List<Service> services) {
    public Merchant {
      Objects.requireNonNull(mchid, "mchid == null");
      Objects.requireNonNull(serialNo, "serialNo == null");
      Objects.requireNonNull(publicKey, "publicKey == null");
      Objects.requireNonNull(apiV3Key, "apiV3Key == null");
      appids = Set.copyOf(Objects.requireNonNull(appids, "appids == null"));
      services = List.copyOf(Objects.requireNonNull(services, "services == null"));
      List<String> problems = new ArrayList<>();
      if (mchid.isBlank() || mchid.length() > 32) {
        problems.add("mchid not 1..32 characters: " + mchid);
      }
      if (serialNo.isBlank()) {
        problems.add("serialNo is blank");
      }
      if (!"RSA".equals(publicKey.getAlgorithm())) {
        problems.add("publicKey is not RSA: " + publicKey.getAlgorithm());
      }
      if (apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32
          || !StandardCharsets.US_ASCII.newEncoder().canEncode(apiV3Key)) {
        problems.add("apiV3Key is not 32 ASCII characters");
      }
      if (appids.isEmpty()) {
        problems.add("appids is empty");
      }
      if (services.isEmpty()) {
        problems.add("services is empty");
      }
      Set<String> ids = new HashSet<>();
      for (Service service : services) {
        if (!ids.add(service.serviceId())) {
          problems.add("duplicate serviceId: " + service.serviceId());
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid merchant: " + String.join("; ", problems));
      }
    }

    public @Nullable Service service(String serviceId) {
      for (Service service : services) {
        if (service.serviceId().equals(serviceId)) {
          return service;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "Merchant[mchid=" + mchid + ", serialNo=" + serialNo + ", appids=" + appids
          + ", services=" + services + "]";
    }
  }

  private final List<Merchant> merchants;
  private final KeyMode keyMode;
  private final @Nullable String publicKeyId;
  private final int platformCertificates;
  private final Clock clock;
  private final RepeatComplete repeatComplete;
  private final ZeroAmountCompletion zeroAmountCompletion;
  private final boolean sumCheckWithoutAmounts;
  private final int locationMaxLength;
  private final int deviceIdMaxLength;
  private final int materielNoMaxLength;
  private final @Nullable Path stateDir;
  private final @Nullable Duration autoPayDelay;
  private final double callbackTimeScale;
  private final boolean duplicateCallbacks;
  private final boolean outOfOrderCallbacks;
  private final List<FaultRule> faults;
  private final @Nullable Long seed;
  private final int port;
  private final int backupPort;

  private SandboxConfig(Builder b) {
    this.merchants = List.copyOf(b.merchants);
    this.keyMode = b.keyMode;
    this.publicKeyId = b.publicKeyId;
    this.platformCertificates = b.platformCertificates;
    this.clock = b.clock;
    this.repeatComplete = b.repeatComplete;
    this.zeroAmountCompletion = b.zeroAmountCompletion;
    this.sumCheckWithoutAmounts = b.sumCheckWithoutAmounts;
    this.locationMaxLength = b.locationMaxLength;
    this.deviceIdMaxLength = b.deviceIdMaxLength;
    this.materielNoMaxLength = b.materielNoMaxLength;
    this.stateDir = b.stateDir;
    this.autoPayDelay = b.autoPayDelay;
    this.callbackTimeScale = b.callbackTimeScale;
    this.duplicateCallbacks = b.duplicateCallbacks;
    this.outOfOrderCallbacks = b.outOfOrderCallbacks;
    this.faults = List.copyOf(b.faults);
    this.seed = b.seed;
    this.port = b.port;
    this.backupPort = b.backupPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Merchant> merchants() {
    return merchants;
  }

  public KeyMode keyMode() {
    return keyMode;
  }

  /**
   * The {@code PUB_KEY_ID_…} asked for; null when none was: the id is then derived from the key,
   * so that a new key never goes by an old id.
   */
  public @Nullable String publicKeyId() {
    return publicKeyId;
  }

  public int platformCertificates() {
    return platformCertificates;
  }

  public Clock clock() {
    return clock;
  }

  public RepeatComplete repeatComplete() {
    return repeatComplete;
  }

  public ZeroAmountCompletion zeroAmountCompletion() {
    return zeroAmountCompletion;
  }

  public boolean sumCheckWithoutAmounts() {
    return sumCheckWithoutAmounts;
  }

  public int locationMaxLength() {
    return locationMaxLength;
  }

  /** Limit of {@code device.start_device_id} and {@code end_device_id} (UNCONFIRMED, §11.5). */
  public int deviceIdMaxLength() {
    return deviceIdMaxLength;
  }

  /** Limit of {@code device.materiel_no} (UNCONFIRMED, §11.5). */
  public int materielNoMaxLength() {
    return materielNoMaxLength;
  }

  /** Where WeChat's keys are kept between runs; null: new keys every run. */
  public @Nullable Path stateDir() {
    return stateDir;
  }

  /** Null when completed orders are never paid automatically. */
  public @Nullable Duration autoPayDelay() {
    return autoPayDelay;
  }

  public double callbackTimeScale() {
    return callbackTimeScale;
  }

  public boolean duplicateCallbacks() {
    return duplicateCallbacks;
  }

  public boolean outOfOrderCallbacks() {
    return outOfOrderCallbacks;
  }

  public List<FaultRule> faults() {
    return faults;
  }

  /** The seed of probabilistic faults: the one given, else 0. */
  public long seed() {
    return seed == null ? 0 : seed;
  }

  /**
   * Whether a seed was given: then ids (order_id, transaction_id, notification ids) repeat from
   * run to run; otherwise every run draws ids of its own, unique across runs.
   */
  public boolean seeded() {
    return seed != null;
  }

  public int port() {
    return port;
  }

  public int backupPort() {
    return backupPort;
  }

  /**
   * Builds a {@link SandboxConfig}. Setters reject null at once; {@link #build()} reports every
   * problem of the whole configuration in one exception.
   */
  public static final class Builder {
    private final List<Merchant> merchants = new ArrayList<>();
    private KeyMode keyMode = KeyMode.PUBLIC_KEY;
    private @Nullable String publicKeyId;
    private int platformCertificates = 1;
    private Clock clock = Clock.systemUTC();
    private RepeatComplete repeatComplete = RepeatComplete.REJECT;
    private ZeroAmountCompletion zeroAmountCompletion = ZeroAmountCompletion.DONE;
    private boolean sumCheckWithoutAmounts;
    // the lower of the two documented values (UNCONFIRMED), as payscore's validation defaults to
    private int locationMaxLength = 20;
    private int deviceIdMaxLength = 50;
    private int materielNoMaxLength = 100;
    private @Nullable Path stateDir;
    private @Nullable Duration autoPayDelay = Duration.ofMinutes(1);
    private double callbackTimeScale = 1.0;
    private boolean duplicateCallbacks;
    private boolean outOfOrderCallbacks;
    private final List<FaultRule> faults = new ArrayList<>();
    private @Nullable Long seed;
    private int port;
    private int backupPort;

    private Builder() {}

    public Builder merchant(Merchant merchant) {
      merchants.add(Objects.requireNonNull(merchant, "merchant == null"));
      return this;
    }

    public Builder keyMode(KeyMode keyMode) {
      this.keyMode = Objects.requireNonNull(keyMode, "keyMode == null");
      return this;
    }

    /**
     * The id of WeChat's public key in public-key mode: {@code PUB_KEY_ID_} + digits. Default:
     * derived from the key, so that a new key has a new id.
     */
    public Builder publicKeyId(String publicKeyId) {
      this.publicKeyId = Objects.requireNonNull(publicKeyId, "publicKeyId == null");
      return this;
    }

    /**
     * 1, or 2 for a rotation: both are listed by {@code GET /v3/certificates}; responses are signed
     * with the newer one unless the request's {@code Wechatpay-Serial} names the other.
     */
    public Builder platformCertificates(int count) {
      this.platformCertificates = count;
      return this;
    }

    /** The base of the sandbox clock (default: the system clock); see {@link SandboxClock}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder repeatComplete(RepeatComplete repeatComplete) {
      this.repeatComplete = Objects.requireNonNull(repeatComplete, "repeatComplete == null");
      return this;
    }

    public Builder zeroAmountCompletion(ZeroAmountCompletion zeroAmountCompletion) {
      this.zeroAmountCompletion =
          Objects.requireNonNull(zeroAmountCompletion, "zeroAmountCompletion == null");
      return this;
    }

    /**
     * Whether the amount formula is checked when no post_payment carries an amount (power bank,
     * charging; UNCONFIRMED, §4.1). Default false: such a complete is judged on caps only.
     */
    public Builder sumCheckWithoutAmounts(boolean check) {
      this.sumCheckWithoutAmounts = check;
      return this;
    }

    /**
     * Maximum length of {@code location.*}: 50 per the old wiki, 20 per one copy (UNCONFIRMED).
     * Default 20, the same default as payscore's validation and the command's.
     */
    public Builder locationMaxLength(int length) {
      this.locationMaxLength = length;
      return this;
    }

    /** Maximum length of {@code device.start_device_id} and {@code end_device_id} (default 50). */
    public Builder deviceIdMaxLength(int length) {
      this.deviceIdMaxLength = length;
      return this;
    }

    /** Maximum length of {@code device.materiel_no} (default 100). */
    public Builder materielNoMaxLength(int length) {
      this.materielNoMaxLength = length;
      return this;
    }

    /**
     * A directory where WeChat's keys (and their id or serials) are written on the first start and
     * read on every later one, so that clients configured from an earlier run keep verifying.
     */
    public Builder stateDir(Path dir) {
      this.stateDir = Objects.requireNonNull(dir, "dir == null");
      return this;
    }

    /** Delay on the sandbox clock before a non-zero completion is paid; null: never. */
    public Builder autoPayDelay(@Nullable Duration delay) {
      this.autoPayDelay = delay;
      return this;
    }

    /** Factor on WeChat's callback redelivery schedule (15 s, 15 s, 30 s, 3 m…); 0.001 in tests. */
    public Builder callbackTimeScale(double scale) {
      this.callbackTimeScale = scale;
      return this;
    }

    /** Deliver every notification twice. */
    public Builder duplicateCallbacks(boolean duplicate) {
      this.duplicateCallbacks = duplicate;
      return this;
    }

    /** Hold back USER_CONFIRM until the same order's USER_PAID was sent, then send it. */
    public Builder outOfOrderCallbacks(boolean outOfOrder) {
      this.outOfOrderCallbacks = outOfOrder;
      return this;
    }

    public Builder fault(FaultRule rule) {
      faults.add(Objects.requireNonNull(rule, "rule == null"));
      return this;
    }

    /**
     * Seed of the random that decides probabilistic faults and of the ids WeChat assigns. Without
     * one, faults draw from 0 and ids are unique to the run.
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Port of the main host on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Port of the backup host (same orders, see {@link FaultKind#MAIN_HOST_UNAVAILABLE}). */
    public Builder backupPort(int port) {
      this.backupPort = port;
      return this;
    }

    public SandboxConfig build() {
      List<String> problems = new ArrayList<>();
      if (merchants.isEmpty()) {
        problems.add("no merchant");
      }
      Set<String> mchids = new HashSet<>();
      for (Merchant merchant : merchants) {
        if (!mchids.add(merchant.mchid())) {
          problems.add("duplicate mchid: " + merchant.mchid());
        }
      }
      if (publicKeyId != null && !publicKeyId.matches("PUB_KEY_ID_[0-9]+")) {
        problems.add("publicKeyId is not PUB_KEY_ID_ + digits: " + publicKeyId);
      }
      if (platformCertificates < 1 || platformCertificates > 2) {
        problems.add("platformCertificates not 1 or 2: " + platformCertificates);
      }
      if (locationMaxLength < 1) {
        problems.add("locationMaxLength < 1: " + locationMaxLength);
      }
      if (deviceIdMaxLength < 1) {
        problems.add("deviceIdMaxLength < 1: " + deviceIdMaxLength);
      }
      if (materielNoMaxLength < 1) {
        problems.add("materielNoMaxLength < 1: " + materielNoMaxLength);
      }
      if (autoPayDelay != null && autoPayDelay.isNegative()) {
        problems.add("autoPayDelay < 0: " + autoPayDelay);
      }
      if (!(callbackTimeScale > 0 && callbackTimeScale <= 1000)) {
        problems.add("callbackTimeScale not in (0, 1000]: " + callbackTimeScale);
      }
      if (port < 0 || port > 65535) {
        problems.add("port not in 0..65535: " + port);
      }
      if (backupPort < 0 || backupPort > 65535) {
        problems.add("backupPort not in 0..65535: " + backupPort);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid sandbox configuration: " + String.join("; ", problems));
      }
      return new SandboxConfig(this);
    }
  }
}
