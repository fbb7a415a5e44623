package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The unauthenticated {@code /sandbox/…} paths a test in any language can drive. */
final class AdminPathsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void start() {
    sandbox = PayScoreSandbox.start(Fixture.config().build());
    flows = new Flows(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return MerchantClient.JSON.readTree(response.body());
  }

  @Test
  void theUserConfirmsAndPaysOverHttp() throws Exception {
    flows.created("o-1");

    JsonNode confirmed = json(call("POST", "/sandbox/orders/o-1/confirm", "{\"openid\":\"oAdmin\"}"));
    sandbox.clock().advance(java.time.Duration.ofHours(25));
    flows.complete("o-1", flows.completeBody());
    JsonNode paid = json(call("POST", "/sandbox/orders/o-1/pay", ""));

    assertThat(confirmed.path("openid").asText()).isEqualTo("oAdmin");
    assertThat(confirmed.path("query_id").asText()).isNotEmpty();
    assertThat(paid.path("state").asText()).isEqualTo("DONE");
    assertThat(json(call("GET", "/sandbox/orders/o-1", "")).path("collection").path("state").asText())
        .isEqualTo("USER_PAID");
  }

  @Test
  void theLedgerListsWhatWasAppliedWithTheBodyAsReceived() throws Exception {
    flows.completed("o-1");
    flows.created("o-2");

    JsonNode ledger = json(call("GET", "/sandbox/ledger?out_order_no=o-1", ""));

    assertThat(ledger).hasSize(3);
    assertThat(ledger.get(0).path("operation").asText()).isEqualTo("CREATE");
    assertThat(ledger.get(1).path("operation").asText()).isEqualTo("USER_CONFIRM");
    assertThat(ledger.get(2).path("operation").asText()).isEqualTo("COMPLETE");
    assertThat(MerchantClient.JSON.readTree(ledger.get(2).path("request_body").asText()).path("total_amount").asLong())
        .isEqualTo(40_00);
    assertThat(ledger.get(2).path("resulting_state").asText()).isEqualTo("DOING/MCH_COMPLETE");
    assertThat(json(call("GET", "/sandbox/ledger", ""))).hasSize(4);
  }

  @Test
  void faultRulesAreAddedListedAndCleared() throws Exception {
    flows.created("o-1");

    call("POST", "/sandbox/faults", "{\"kind\":\"THROTTLE\",\"endpoint\":\"QUERY\",\"out_order_no\":\"o-1\",\"times\":1}");
    JsonNode listed = json(call("GET", "/sandbox/faults", ""));
    int throttled = flows.query("o-1").status();
    call("POST", "/sandbox/faults", "{\"kind\":\"FAIL_BEFORE_APPLY\"}");
    call("DELETE", "/sandbox/faults", "");

    assertThat(listed).hasSize(1);
    assertThat(throttled).isEqualTo(429);
    assertThat(flows.query("o-1").status()).isEqualTo(200);
  }

  @Test
  void theClockAdvancesOverHttp() throws Exception {
    flows.created("o-1");

    HttpResponse<String> advanced = call("POST", "/sandbox/clock/advance?seconds=2592000", "");

    assertThat(json(advanced).path("epoch_second").asLong()).isEqualTo(Fixture.START.getEpochSecond() + 2_592_000);
    assertThat(json(call("GET", "/sandbox/orders/o-1", "")).path("state").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void aNumberTwoMerchantsUseNeedsTheMchid() throws Exception {
    SandboxConfig.Merchant first = Fixture.merchant();
    SandboxConfig.Merchant second =
        new SandboxConfig.Merchant(
            "1900000002",
            first.serialNo(),
            first.publicKey(),
            first.apiV3Key(),
            first.appids(),
            first.services());
    sandbox.close();
    sandbox = PayScoreSandbox.start(Fixture.config().merchant(second).build());
    flows = new Flows(sandbox);
    flows.created("o-1");
    flows.created("o-2");
    MerchantClient other = flows.client.withMchid("1900000002");
    assertThat(other.post(Flows.ORDERS, Fixture.create("o-1")).status()).isEqualTo(200);

    HttpResponse<String> ambiguous = call("GET", "/sandbox/orders/o-1", "");

    assertThat(ambiguous.statusCode()).isEqualTo(400);
    assertThat(json(ambiguous).path("code").asText()).isEqualTo("PARAM_ERROR");
    assertThat(json(call("GET", "/sandbox/orders/o-1?mchid=1900000002", "")).path("mchid").asText())
        .isEqualTo("1900000002");
    assertThat(json(call("GET", "/sandbox/orders/o-2", "")).path("mchid").asText())
        .isEqualTo(Fixture.MCHID);
    assertThat(call("GET", "/sandbox/orders/o-2?mchid=1900000002", "").statusCode()).isEqualTo(404);
  }

  @Test
  void theInfoPathGivesTheKeyAndAnUnknownPathIs404() throws Exception {
    JsonNode info = json(call("GET", "/sandbox", ""));

    assertThat(info.path("public_key_id").asText()).isEqualTo(sandbox.publicKeyId());
    assertThat(info.path("public_key_pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(call("GET", "/sandbox/nothing", "").statusCode()).isEqualTo(404);
    assertThat(call("POST", "/sandbox/orders/nope/confirm", "").statusCode()).isEqualTo(404);
  }
}
