package dev.payscore.domain.completion;

import static dev.payscore.domain.completion.Requests.APPID;
import static dev.payscore.domain.completion.Requests.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.CompleteOrder;
import dev.payscore.PostPayment;
import dev.payscore.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CompletionPayloadTest {

  @Test
  void theSeedRequestHasThisExactBody() {
    assertThat(CompletionPayload.of(Requests.seedWithTotal(39900)).json())
        .isEqualTo(
            "{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"2002000000000558128851361561536\","
                + "\"post_payments\":[{\"name\":\"就餐费用\",\"amount\":40000,\"description\":\"就餐人均100元\",\"count\":4}],"
                + "\"post_discounts\":[{\"name\":\"满20减1元\",\"description\":\"不与其他优惠叠加\",\"amount\":100,\"count\":2}],"
                + "\"total_amount\":39900,"
                + "\"time_range\":{\"start_time\":\"20091225091010\",\"end_time\":\"20091225121010\","
                + "\"start_time_remark\":\"备注1\",\"end_time_remark\":\"备注2\"},"
                + "\"location\":{\"end_location\":\"嗨客时尚主题展餐厅\"},"
                + "\"profit_sharing\":true,\"goods_tag\":\"goods_tag\","
                + "\"device\":{\"start_device_id\":\"HG123456\",\"end_device_id\":\"HG123456\","
                + "\"materiel_no\":\"example_materiel_no\"}}");
  }

  @Test
  void equalRequestsGiveEqualBytesAndDigests() {
    CompletionPayload first = CompletionPayload.of(Requests.seedWithTotal(39900));
    CompletionPayload second = CompletionPayload.of(Requests.seedWithTotal(39900));
    assertThat(second.bytes()).isEqualTo(first.bytes());
    assertThat(second.sha256()).isEqualTo(first.sha256()).hasSize(64).matches("[0-9a-f]+");
    assertThat(CompletionPayload.of(Requests.seedWithTotal(39901)).sha256())
        .isNotEqualTo(first.sha256());
  }

  @Test
  void theDigestIsTheSha256OfTheUtf8Body() {
    CompletionPayload payload = CompletionPayload.of(Requests.seedWithTotal(39900));
    assertThat(payload.sha256())
        .isEqualTo(CompletionPayload.sha256Hex(payload.json().getBytes(StandardCharsets.UTF_8)));
    assertThat(CompletionPayload.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void absentFieldsAreLeftOut() {
    CompleteOrder minimal =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment("收费标准", null, "2元/小时", null)),
            List.of(),
            800,
            TimeRange.between(null, "20261126120000"),
            null,
            null,
            null,
            null);
    assertThat(CompletionPayload.of(minimal).json())
        .isEqualTo(
            "{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"2002000000000558128851361561536\","
                + "\"post_payments\":[{\"name\":\"收费标准\",\"description\":\"2元/小时\"}],"
                + "\"total_amount\":800,\"time_range\":{\"end_time\":\"20261126120000\"}}");
  }

  @Test
  void stringsAreEscapedAndNonAsciiIsKept() {
    CompleteOrder tricky =
        new CompleteOrder(
            APPID,
            SERVICE_ID,
            List.of(new PostPayment("a\"b\\c\nd\re\tf\u0001g/🔋", 1L, null, null)),
            List.of(),
            1,
            null,
            null,
            null,
            null,
            null);
    assertThat(CompletionPayload.of(tricky).json())
        .contains("\"name\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g/🔋\"");
  }
}
