package dev.payscore.bench.micro;

import dev.payscore.AppId;
import dev.payscore.CompleteOrder;
import dev.payscore.PostPayment;
import dev.payscore.RiskFund;
import dev.payscore.RiskFundName;
import dev.payscore.ServiceId;
import dev.payscore.TimeRange;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.completion.CompletionTarget;
import dev.payscore.domain.completion.CompletionValidator;
import dev.payscore.domain.model.LifecycleEvent;
import dev.payscore.domain.model.LifecycleState;
import dev.payscore.domain.model.TransitionTable;
import dev.payscore.wechat.SignatureFailure;
import dev.payscore.wechat.internal.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pure functions on a completion's path, each alone: validating a 100-item completion, the
 * transition table, canonicalising the payload (the frozen JSON and its digest), and verifying a
 * signed WeChat response (what every call pays on the way back).
 *
 * <pre>
 * java -cp cli/target/payscore.jar org.openjdk.jmh.Main CompletionBenchmarks
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompletionBenchmarks {
  private static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");
  private static final String APPID = "wx0000000000000001";
  private static final String SERVICE_ID = "00004000000000000000000000000001";

  private CompletionValidator validator;
  private CompleteOrder hundredItems;
  private CompletionTarget target;
  private byte[] responseBody;
  private Map<String, String> responseHeaders;
  private PublicKey wechatKey;

  @Setup
  public void setUp() throws GeneralSecurityException {
    validator = new CompletionValidator(Clock.fixed(NOW, ZoneOffset.UTC));
    List<PostPayment> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(new PostPayment(CompletionValidator.REPEATABLE_NAME, 100L, "第" + i + "件", 1));
    }
    hundredItems =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            items,
            List.of(),
            100L * 100,
            new TimeRange(null, null, "20261126115000", null),
            null,
            null,
            null,
            null);
    target =
        new CompletionTarget(
            AppId.of(APPID),
            ServiceId.of(SERVICE_ID),
            LifecycleState.DOING_USER_CONFIRM,
            RiskFund.of(RiskFundName.DEPOSIT, 100_00),
            TimeRange.between("20261126100000", null));

    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    wechatKey = keys.getPublic();
    responseBody = CompletionPayload.of(hundredItems).bytes();
    String timestamp = Long.toString(NOW.getEpochSecond());
    String nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keys.getPrivate());
    signer.update(
        (timestamp + "\n" + nonce + "\n" + new String(responseBody, StandardCharsets.UTF_8) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    responseHeaders =
        Map.of(
            SignatureVerifier.TIMESTAMP,
            timestamp,
            SignatureVerifier.NONCE,
            nonce,
            SignatureVerifier.SIGNATURE,
            Base64.getEncoder().encodeToString(signer.sign()),
            SignatureVerifier.SERIAL,
            "PUB_KEY_ID_0119000000012025112600000000000001");
    if (verify() != null) {
      throw new IllegalStateException("the prepared response does not verify: " + verify());
    }
  }

  @Benchmark
  public Object validateHundredItemCompletion() {
    return validator.validate(hundredItems, target);
  }

  @Benchmark
  public void transitionTable(Blackhole hole) {
    for (LifecycleState from : LifecycleState.values()) {
      for (LifecycleEvent event : LifecycleEvent.values()) {
        hole.consume(TransitionTable.apply(from, event));
      }
    }
  }

  @Benchmark
  public CompletionPayload canonicalisePayload() {
    return CompletionPayload.of(hundredItems);
  }

  @Benchmark
  public @Nullable SignatureFailure verifyResponse() {
    return verify();
  }

  private @Nullable SignatureFailure verify() {
    return SignatureVerifier.verify(responseHeaders::get, responseBody, serial -> wechatKey, NOW);
  }
}
