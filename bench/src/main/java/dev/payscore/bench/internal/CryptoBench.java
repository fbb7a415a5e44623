package dev.payscore.bench.internal;

import dev.payscore.MerchantCredentials;
import dev.payscore.MerchantId;
import dev.payscore.bench.BenchResult;
import dev.payscore.bench.BenchSettings;
import dev.payscore.wechat.SignedRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * rsa2048} on the same machine (the physical limit), and our signer and the bare loop again with
 * Amazon Corretto Crypto Provider installed first, when it is on the class path.
 *
 * <p>The two are compared four ways: by rate (wall clock, the headline), by the median over the
 * rounds of their rate ratio, by median latency, and by this thread's CPU time per signature. On a
 * shared machine a neighbour takes the CPU away from whichever side happens to run, which moves
 * the rate; the CPU time a signature costs moves much less.
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
  private static final int ROUNDS = 16;
  private static final String URL = "/v3/payscore/serviceorder/BENCH00000001/complete";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String scenario;
  private final BenchSettings settings;

  public CryptoBench(String scenario, BenchSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
  }

  public BenchResult run() {
    // a JDK key, made before any other provider is installed: the case where a provider that
    // keeps keys in native form must translate ours
    KeyPair keys = SandboxMerchant.newKeys();
    Duration each = settings.duration().dividedBy(4);
    if (each.compareTo(Duration.ofMillis(200)) < 0) {
      each = Duration.ofMillis(200);
    }
    byte[] message =
        SignedRequest.message("POST", URL, 1_764_000_000L, "NONCE", BODY)
            .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> figures = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
    if (!cpu) {
      notes.add("thread CPU time not supported here; the comparison by CPU time skipped");
    }

    Race jdk = race(keys.getPrivate(), message, each);
    Timed ours = jdk.ours();
    Timed bare = jdk.bare();
    figures.put("ours_signs_per_s", BenchResult.round(ours.perSecond()));
    figures.put("bare_signature_signs_per_s", BenchResult.round(bare.perSecond()));
    // medians resist a neighbour's burst better than means on a shared machine
    figures.put("ours_p50_ms", BenchResult.round(ours.latencies().percentileMs(50)));
    figures.put("bare_signature_p50_ms", BenchResult.round(bare.latencies().percentileMs(50)));
    figures.put("bare_over_ours_by_p50", BenchResult.round(jdk.byMedian()));
    // a burst within one round makes one outlying round, which the median passes over
    figures.put("ours_over_bare_by_round_median", BenchResult.round(jdk.byRoundMedian()));
    if (cpu) {
      figures.put("ours_cpu_us_per_sign", BenchResult.round(ours.cpuMicrosPerOp()));
      figures.put("bare_signature_cpu_us_per_sign", BenchResult.round(bare.cpuMicrosPerOp()));
      figures.put("bare_over_ours_by_cpu", BenchResult.round(jdk.byCpu()));
    }
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
        // new credentials: a thread keeps the signer it first made, from the provider preferred
        // then, as an application that installs its provider at start-up would
        Race fast = race(keys.getPrivate(), message, each);
        figures.put("ours_with_accp_signs_per_s", BenchResult.round(fast.ours().perSecond()));
        figures.put(
            "bare_signature_with_accp_signs_per_s", BenchResult.round(fast.bare().perSecond()));
        figures.put("accp_gain", BenchResult.round(fast.ours().perSecond() / ours.perSecond()));
        figures.put("ours_over_bare_with_accp", BenchResult.round(fast.byRate()));
        figures.put("bare_over_ours_with_accp_by_p50", BenchResult.round(fast.byMedian()));
        figures.put(
            "ours_over_bare_with_accp_by_round_median", BenchResult.round(fast.byRoundMedian()));
        if (cpu) {
          figures.put("bare_over_ours_with_accp_by_cpu", BenchResult.round(fast.byCpu()));
        }
        figures.put("jca_provider_with_accp", signatureProvider());
      } finally {
        Security.removeProvider(accp.getName());
      }
    }
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("duration_per_measurement_s", BenchResult.round(each.toMillis() / 1000.0));
    inputs.put("rounds", ROUNDS);
    inputs.put("threads", 1);
    inputs.put("key", "RSA 2048, SHA256withRSA (PKCS#1 v1.5)");
    inputs.put("message_bytes", message.length);
    inputs.put("bare_loop", "one Signature, initialised once, update + sign per call");
    inputs.put("jdk", Runtime.version().toString());
    return new BenchResult(
        scenario,
        ours.perSecond(),
        jdk.byRate(),
        ours.latencies().percentileMs(50),
        ours.latencies().percentileMs(99),
        inputs,
        figures,
        notes);
  }

  /**
   * Our signer and the bare loop, timed on the same thread; {@code roundRatios} holds ours over
   * bare by rate for each round, both sides of a round having run within the same second.
   */
  private record Race(Timed ours, Timed bare, double[] roundRatios) {
    double byRate() {
      return ours.perSecond() / bare.perSecond();
    }

    double byRoundMedian() {
      double[] sorted = roundRatios.clone();
      Arrays.sort(sorted);
      int middle = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    double byMedian() {
      return bare.latencies().percentileMs(50) / ours.latencies().percentileMs(50);
    }

    double byCpu() {
      return bare.cpuMicrosPerOp() / ours.cpuMicrosPerOp();
    }
  }

  /**
   * Warms both sides, then times them in alternating rounds (ours first in even rounds, the bare
   * loop first in odd ones), so that a neighbour's burst of load on this shared machine, and
   * whatever the order itself costs, falls on both alike. The credentials and the bare {@link
   * Signature} are made here, from the provider preferred now.
   */
  private static Race race(PrivateKey key, byte[] message, Duration each) {
    MerchantCredentials credentials =
        new MerchantCredentials(MerchantId.of("1900000001"), "5A1B2C3D", key);
    Signature signature = newSignature(key);
    Runnable oursOp = () -> sign(credentials);
    Runnable bareOp = () -> bare(signature, message);
    rate(Duration.ofMillis(500), oursOp);
    rate(Duration.ofMillis(500), bareOp);
    Duration round = each.dividedBy(ROUNDS);
    Timed ours = Timed.NONE;
    Timed bare = Timed.NONE;
    double[] roundRatios = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      Timed oursRound;
      Timed bareRound;
      if (r % 2 == 0) {
        oursRound = rate(round, oursOp);
        bareRound = rate(round, bareOp);
      } else {
        bareRound = rate(round, bareOp);
        oursRound = rate(round, oursOp);
      }
      roundRatios[r] = oursRound.perSecond() / bareRound.perSecond();
      ours = ours.plus(oursRound);
      bare = bare.plus(bareRound);
    }
    return new Race(ours, bare, roundRatios);
  }

  private record Timed(int count, double seconds, long cpuNanos, long[] samples) {
    static final Timed NONE = new Timed(0, 0, 0, new long[0]);

    double perSecond() {
      return count / seconds;
    }

    double cpuMicrosPerOp() {
      return cpuNanos / 1e3 / count;
    }

    Latencies latencies() {
      return new Latencies(samples);
    }

    Timed plus(Timed other) {
      long[] all = Arrays.copyOf(samples, samples.length + other.samples.length);
      System.arraycopy(other.samples, 0, all, samples.length, other.samples.length);
      return new Timed(
          count + other.count, seconds + other.seconds, cpuNanos + other.cpuNanos, all);
    }
  }

  private static Timed rate(Duration duration, Runnable op) {
    long[] samples = new long[1 << 16];
    int n = 0;
    long cpuStart = cpuNanos();
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
    long cpu = cpuNanos() - cpuStart;
    return new Timed(
        n, (now - start) / 1e9, cpu, Arrays.copyOf(samples, Math.min(n, samples.length)));
  }

  private static long cpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  private static void sign(MerchantCredentials credentials) {
    SignedRequest.sign(credentials, "POST", URL, 1_764_000_000L, "NONCE", BODY);
  }

  /**
   * The least a signature costs in Java: one {@link Signature}, initialised once, fed the message
   * bytes and asked to sign; {@code sign()} leaves it ready for the next message.
   */
  private static void bare(Signature signature, byte[] message) {
    try {
      signature.update(message);
      signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Signature newSignature(PrivateKey key) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      return signature;
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
