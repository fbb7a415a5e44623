package dev.payscore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies WeChat refuses with a documented 400 before anything is applied (§1, §6.2): overflowing
 * sums, out-of-range numbers, trailing data, repeated keys, bytes that are not UTF-8. Each is sent
 * over real HTTP to a confirmed order; afterwards the order is still DOING/USER_CONFIRM, the ledger
 * holds no COMPLETE and the valid complete still goes through.
 */
final class RequestRobustnessTest {
  private PayScoreSandbox sandbox;
  private Flows flows;

  @BeforeEach
  void confirmedOrder() {
    sandbox = PayScoreSandbox.start(Fixture.config().build());
    flows = new Flows(sandbox);
    flows.confirmed("o-1");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void assertRefusedAndNothingApplied(MerchantClient.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("PARAM_ERROR");
    assertThat(answer.signatureValid()).isTrue();
    assertThat(sandbox.ledger("o-1"))
        .extracting(LedgerEntry::operation)
        .containsExactly(Operation.CREATE, Operation.USER_CONFIRM);
    assertThat(flows.state("o-1")).isEqualTo("DOING/USER_CONFIRM");
    assertThat(flows.complete("o-1", flows.completeBody()).status()).isEqualTo(200);
  }

  private String complete(java.util.function.Consumer<ObjectNode> change) {
    return Fixture.complete(
        b -> {
          Fixture.object(b, "time_range").put("end_time", flows.shanghai(java.time.Duration.ofMinutes(-30)));
          change.accept(b);
        });
  }

  @Test
  void anAmountSumBeyondLongIsRefused() {
    String body =
        complete(
            b -> {
              b.withArray("post_payments")
                  .addObject()
                  .put("name", "超大金额")
                  .put("amount", Long.MAX_VALUE)
                  .put("description", "溢出");
            });
    assertRefusedAndNothingApplied(flows.complete("o-1", body));
  }

  @Test
  void aCountBeyondTwoToTheSixtyThreeIsRefusedNotWrapped() {
    String body =
        complete(
            b ->
                ((ObjectNode) b.withArray("post_payments").get(0))
                    .put("count", BigInteger.TWO.pow(64).add(BigInteger.ONE)));
    assertRefusedAndNothingApplied(flows.complete("o-1", body));
  }

  @Test
  void trailingDataAfterTheObjectIsRefused() {
    for (String trailing : List.of(" {}", "x", "{\"appid\":\"x\"}")) {
      MerchantClient.Answer answer = flows.complete("o-1", complete(b -> {}) + trailing);
      assertThat(answer.status()).as(trailing).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("PARAM_ERROR");
    }
    assertRefusedAndNothingApplied(flows.complete("o-1", complete(b -> {}) + " []"));
  }

  @Test
  void aRepeatedKeyIsRefused() {
    String body = complete(b -> {});
    String repeated = body.replaceFirst("\\{", "{\"total_amount\":1,");
    assertThat(repeated).contains("\"total_amount\":1,").contains("\"total_amount\":4000");
    assertRefusedAndNothingApplied(flows.complete("o-1", repeated));
  }

  @Test
  void aBodyThatIsNotUtf8IsRefusedAfterItsSignatureVerifiedOverTheRawBytes() {
    byte[] utf8 = complete(b -> {}).getBytes(StandardCharsets.UTF_8);
    byte[] latin = complete(b -> {}).replace("5小时", "5\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(new String(latin, StandardCharsets.UTF_8)).contains("\ufffd");

    MerchantClient.Answer answer = flows.client.postBytes(Flows.path("o-1", "complete"), latin);

    assertThat(answer.message()).isEqualTo("请求体不是合法的UTF-8编码");
    assertRefusedAndNothingApplied(answer);
    assertThat(utf8).isNotEmpty();
  }

  @Test
  void aNullDiscountListIsAnAbsentOneAndTheCompleteIsWhole() {
    String body =
        complete(
            b -> {
              b.putNull("post_discounts");
              b.put("total_amount", 50_00);
            });

    MerchantClient.Answer answer = flows.complete("o-1", body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("total_amount").asLong()).isEqualTo(50_00);
    assertThat(flows.state("o-1")).isEqualTo("DOING/MCH_COMPLETE");
    assertThat(flows.query("o-1").json().path("post_discounts").size()).isZero();
    assertThat(flows.complete("o-1", body).code()).isEqualTo("INVALID_REQUEST");
  }
}
