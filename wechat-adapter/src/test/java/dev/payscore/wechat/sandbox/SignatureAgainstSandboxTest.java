package dev.payscore.wechat.sandbox;

import static dev.payscore.wechat.sandbox.SandboxedGateway.MCHID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.MerchantCredentials;
import dev.payscore.OutOrderNo;
import dev.payscore.WechatKeys;
import dev.payscore.domain.model.ObservedOrder;
import dev.payscore.domain.port.out.GatewayOutcome.UnknownCause;
import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.sandbox.Operation;
import dev.payscore.wechat.WechatPayScoreGateway;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests signed by our signer that WeChat must refuse with 401 {@code SIGN_ERROR}: a body changed
 * after signing, a timestamp more than 5 minutes off, a merchant serial WeChat does not know.
 * Nothing is applied in any of them.
 */
final class SignatureAgainstSandboxTest {
  @RegisterExtension static final SandboxedGateway wechat = SandboxedGateway.start();

  @StartStop final MockWebServer tamperer = new MockWebServer();

  private static WechatPayScoreGateway gateway(
      String baseUrl, MerchantCredentials credentials, Clock clock) {
    return WechatPayScoreGateway.builder()
        .baseUrl(baseUrl)
        .merchant(
            credentials,
            WechatKeys.publicKey(wechat.sandbox.publicKeyId(), wechat.sandbox.publicKey()))
        .clock(clock)
        .build();
  }

  private static GatewayOutcome<ObservedOrder> complete(
      WechatPayScoreGateway gateway, OutOrderNo outOrderNo) {
    try (gateway) {
      return gateway.complete(MCHID, outOrderNo, wechat.completeBody());
    }
  }

  @Test
  void aBodyChangedAfterSigningIsRefusedAndRejected() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    tamperer.setDispatcher(
        new Tamperer(wechat.sandbox.baseUrl(), "\"total_amount\":4000", "\"total_amount\":1"));

    GatewayOutcome<ObservedOrder> outcome =
        complete(
            gateway(
                tamperer.url("/").toString(),
                SandboxedGateway.credentials(SandboxedGateway.SERIAL),
                wechat.clock),
            outOrderNo);

    assertThat(outcome)
        .isInstanceOf(GatewayOutcome.Rejected.class)
        .extracting("status", "code", "message")
        .containsExactly(401, "SIGN_ERROR", "签名错误");
    assertThat(wechat.operations(outOrderNo)).doesNotContain(Operation.COMPLETE);
  }

  @Test
  void anUnknownMerchantSerialIsRefusedAndRejected() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();

    GatewayOutcome<ObservedOrder> outcome =
        complete(
            gateway(
                wechat.sandbox.baseUrl() + "/",
                SandboxedGateway.credentials("00FF00FF00FF00FF"),
                wechat.clock),
            outOrderNo);

    assertThat(outcome)
        .isInstanceOf(GatewayOutcome.Rejected.class)
        .extracting("status", "code", "message")
        .containsExactly(401, "SIGN_ERROR", "商户证书序列号有误");
    assertThat(wechat.operations(outOrderNo)).doesNotContain(Operation.COMPLETE);
  }

  /**
   * A clock 6 minutes behind: WeChat refuses the request, and its signed 401 is itself 6 minutes
   * off our clock, so the gateway cannot trust it either. The outcome is Unknown, never a refusal
   * the engine would act on; status 401 and STALE_TIMESTAMP tell the operator to fix the clock.
   */
  @Test
  void aStaleTimestampIsRefusedAndTheRefusalIsUnverifiableOnTheSameSkewedClock() {
    OutOrderNo outOrderNo = wechat.confirmedAndUsed();
    Clock behind = Clock.offset(wechat.clock, Duration.ofMinutes(-6));

    GatewayOutcome<ObservedOrder> outcome =
        complete(
            gateway(
                wechat.sandbox.baseUrl() + "/",
                SandboxedGateway.credentials(SandboxedGateway.SERIAL),
                behind),
            outOrderNo);

    assertThat(outcome)
        .isInstanceOf(GatewayOutcome.Unknown.class)
        .extracting("cause", "description", "status")
        .containsExactly(UnknownCause.UNVERIFIABLE_RESPONSE, "STALE_TIMESTAMP", 401);
    assertThat(wechat.operations(outOrderNo)).doesNotContain(Operation.COMPLETE);
  }

  /**
   * A man in the middle: forwards each request to WeChat with its body changed, and the answer
   * back.
   */
  private static final class Tamperer extends Dispatcher {
    private static final MediaType JSON = MediaType.get("application/json");
    private final OkHttpClient client =
        new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final String target;
    private final String from;
    private final String to;

    Tamperer(String target, String from, String to) {
      this.target = target;
      this.from = from;
      this.to = to;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String body = request.getBody() == null ? "" : request.getBody().utf8();
      Headers.Builder headers = new Headers.Builder();
      request
          .getHeaders()
          .forEach(
              header -> {
                String name = header.getFirst();
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                  headers.add(name, header.getSecond());
                }
              });
      Request forwarded =
          new Request.Builder()
              .url(target + request.getTarget())
              .headers(headers.build())
              .method(
                  request.getMethod(),
                  "GET".equals(request.getMethod())
                      ? null
                      : RequestBody.create(body.replace(from, to), JSON))
              .build();
      try (Response response = client.newCall(forwarded).execute()) {
        MockResponse.Builder answer = new MockResponse.Builder().code(response.code());
        response
            .headers()
            .forEach(
                header -> {
                  if (header.getFirst().toLowerCase(Locale.ROOT).startsWith("wechatpay-")
                      || header.getFirst().equalsIgnoreCase("Request-ID")
                      || header.getFirst().equalsIgnoreCase("Content-Type")) {
                    answer.addHeader(header.getFirst(), header.getSecond());
                  }
                });
        return answer.body(response.body().string()).build();
      } catch (IOException e) {
        return new MockResponse.Builder().code(599).build();
      }
    }
  }
}
