package dev.payscore.bench.internal;

import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.wechat.MerchantCredentials;
import dev.payscore.wechat.SignedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Signatures per second on one thread: our request signer ({@link SignedRequest#sign}, what every
 * call pays), a bare {@code SHA256withRSA} loop on the same key and message, {@code openssl speed
 * rsa2048} on the same machine (the physical limit), and our signer again with Amazon Corretto
 * Crypto Provider installed first, when it is on the class path.
 */
public final class CryptoBench {
  private static final String ACCP =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final Pattern OPENSSL_RSA2048 =
      Pattern.compile("rsa\\s+2048 bits\\s+\\S+\\s+\\S+\\s+([0-9.]+)");
  private static final byte[] BODY =
      ("{\"appid\":\"wx0000000000000001\",\"service_id\":\"00004000000000000000000000000001\","
           + "\"post_payments\":[{\"name\":\"租借费用\",\"amount\":300,\"description\":\"2小时\","
           + "\"count\":1}],\"total_amount\":300,\"time_range\":{\"end_time\":\"20261126120000\"}}")
          .getBytes(StandardCharsets.UTF_8);
  private static final int ROUNDS = 8;
  private static final String URL = "/v3/payscore/serviceorder/BENCH00000001/complete";

  private final String scenario;
  private final BenchSettings settings;

  public CryptoBench(String scenario, BenchSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
  }

  public BenchResult run() {
    KeyPair keys = SandboxMerchant.newKeys();
    MerchantCredentials credentials =
        new MerchantCredentials(MerchantId.of("1900000001"), "5A1B2C3D", keys.getPrivate());
    Duration each = settings.duration().dividedBy(4);
    if (each.compareTo(Duration.ofMillis(200)) < 0) {
      each = Duration.ofMillis(200);
    }
    byte[] message =
        SignedRequest.message("POST", URL, 1_764_000_000L, "NONCE", BODY)
            .getBytes(StandardCharsets.UTF_8);
    Signature reused = newSignature();
    Runnable oursOp = () -> sign(credentials);
    Runnable bareOp = () -> bare(reused, keys.getPrivate(), message);
    // warm both paths before timing either, then alternate short rounds so that a neighbour's
    // burst of load on this shared machine falls on both sides alike
    rate(Duration.ofMillis(500), oursOp);
    rate(Duration.ofMillis(500), bareOp);
    Timed ours = Timed.NONE;
    Timed bare = Timed.NONE;
    for (int round = 0; round < ROUNDS; round++) {
      ours = ours.plus(rate(each.dividedBy(ROUNDS), oursOp));
      bare = bare.plus(rate(each.dividedBy(ROUNDS), bareOp));
    }

    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    figures.put("ours_signs_per_s", BenchResult.round(ours.perSecond()));
    figures.put("bare_signature_signs_per_s", BenchResult.round(bare.perSecond()));
    // medians resist a neighbour's burst better than means on a shared machine
    figures.put("ours_p50_ms", BenchResult.round(ours.latencies().percentileMs(50)));
    figures.put("bare_signature_p50_ms", BenchResult.round(bare.latencies().percentileMs(50)));
    figures.put(
        "bare_over_ours_by_p50",
        BenchResult.round(bare.latencies().percentileMs(50) / ours.latencies().percentileMs(50)));
    figures.put("jca_provider", signatureProvider());
    Double openssl = openssl(Math.max(1, each.toSeconds()), notes);
    if (openssl != null) {
      figures.put("openssl_signs_per_s", BenchResult.round(openssl));
      figures.put("ours_over_openssl", BenchResult.round(ours.perSecond() / openssl));
    }
    Provider accp = accp(notes);
    if (accp != null) {
      Security.insertProviderAt(accp, 1);
      try {
        rate(Duration.ofMillis(500), oursOp);
        Timed fast = rate(each, oursOp);
        figures.put("ours_with_accp_signs_per_s", BenchResult.round(fast.perSecond()));
        figures.put("accp_gain", BenchResult.round(fast.perSecond() / ours.perSecond()));
        figures.put("jca_provider_with_accp", signatureProvider());
      } finally {
        Security.removeProvider(accp.getName());
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("duration_per_measurement_s", BenchResult.round(each.toMillis() / 1000.0));
    inputs.put("threads", 1);
    inputs.put("key", "RSA 2048, SHA256withRSA (PKCS#1 v1.5)");
    inputs.put("message_bytes", message.length);
    inputs.put("jdk", Runtime.version().toString());
    return new BenchResult(
        scenario,
        ours.perSecond(),
        ours.perSecond() / bare.perSecond(),
        ours.latencies().percentileMs(50),
        ours.latencies().percentileMs(99),
        inputs,
        figures,
        notes);
  }

  private record Timed(int count, double seconds, long[] samples) {
    static final Timed NONE = new Timed(0, 0, new long[0]);

    double perSecond() {
      return count / seconds;
    }

    Latencies latencies() {
      return new Latencies(samples);
    }

    Timed plus(Timed other) {
      long[] all = Arrays.copyOf(samples, samples.length + other.samples.length);
      System.arraycopy(other.samples, 0, all, samples.length, other.samples.length);
      return new Timed(count + other.count, seconds + other.seconds, all);
    }
  }

  private static Timed rate(Duration duration, Runnable op) {
    long[] samples = new long[1 << 16];
    int n = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long now = start;
    while (now < end) {
      op.run();
      long t = System.nanoTime();
      if (n < samples.length) {
        samples[n] = t - now;
      }
      n++;
      now = t;
    }
    return new Timed(n, (now - start) / 1e9, Arrays.copyOf(samples, Math.min(n, samples.length)));
  }

  private static void sign(MerchantCredentials credentials) {
    SignedRequest.sign(credentials, "POST", URL, 1_764_000_000L, "NONCE", BODY);
  }

  /** The least a signature costs in Java: one reused {@link Signature}, re-initialised. */
  private static void bare(Signature signature, PrivateKey key, byte[] message) {
    try {
      signature.initSign(key);
      signature.update(message);
      signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Signature newSignature() {
    try {
      return Signature.getInstance("SHA256withRSA");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureProvider() {
    try {
      return Signature.getInstance("SHA256withRSA").getProvider().getName();
    } catch (GeneralSecurityException e) {
      return "none";
    }
  }

  /** {@code openssl speed -seconds N rsa2048}, sign/s; null (with a note) when it cannot run. */
  static @Nullable Double openssl(long seconds, List<String> notes) {
    try {
      Process process =
          new ProcessBuilder("openssl", "speed", "-seconds", Long.toString(seconds), "rsa2048")
              .redirectErrorStream(true)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(seconds * 4 + 30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        notes.add("openssl speed failed; skipped");
        return null;
      }
      Matcher m = OPENSSL_RSA2048.matcher(out);
      if (!m.find()) {
        notes.add("openssl speed printed no rsa 2048 line; skipped");
        return null;
      }
      return Double.parseDouble(m.group(1));
    } catch (IOException e) {
      notes.add("openssl not found; the physical-limit comparison skipped");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static @Nullable Provider accp(List<String> notes) {
    try {
      Class<?> type = Class.forName(ACCP);
      Provider provider = (Provider) type.getField("INSTANCE").get(null);
      Throwable failure = (Throwable) type.getMethod("getLoadingError").invoke(provider);
      if (failure != null) {
        notes.add("Amazon Corretto Crypto Provider present but not loadable: " + failure);
        return null;
      }
      return provider;
    } catch (ClassNotFoundException e) {
      notes.add("Amazon Corretto Crypto Provider not on the class path; its gain not measured");
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      notes.add("Amazon Corretto Crypto Provider unusable: " + e);
      return null;
    }
  }
}
