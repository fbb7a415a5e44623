package dev.payscore.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.domain.port.out.GatewayOutcome;
import dev.payscore.domain.port.out.GatewayOutcome.UnknownCause;
import dev.payscore.domain.port.out.RejectionKind;
import dev.payscore.wechat.SignatureFailure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The classification table of §6.2, row by row. */
class OutcomesTest {
  static final Outcomes.BodyReader<String> TEXT = (status, body) -> new String(body, StandardCharsets.UTF_8);

  static GatewayOutcome<String> respond(int status, boolean signed, String body) {
    return Outcomes.ofResponse(status, signed, "REQ-1", body.getBytes(StandardCharsets.UTF_8), TEXT);
  }

  static String error(String code, String message) {
    return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":{\"field\":\"/total_amount\",\"issue\":\"x\"}}";
  }

  /** Every refusal of §6.2 (and the general table's merchant errors) with the kind it is. */
  static Stream<Arguments> rejectedRows() {
    return Stream.of(
        Arguments.of(400, "PARAM_ERROR", "最终总金额计算非法", RejectionKind.PARAMETER),
        Arguments.of(400, "PARAM_ERROR", "真实结束时间小于预计开始时间", RejectionKind.PARAMETER),
        Arguments.of(400, "PARAM_ERROR", "完结订单状态不合法", RejectionKind.STATE),
        Arguments.of(400, "PARAM_ERROR", "订单重入参数校验失败", RejectionKind.REENTRY_MISMATCH),
        Arguments.of(400, "INVALID_REQUEST", "当前订单状态不合法", RejectionKind.STATE),
        Arguments.of(400, "INVALID_REQUEST", "订单重入参数校验失败", RejectionKind.REENTRY_MISMATCH),
        Arguments.of(400, "INVALID_REQUEST", "单据正在扣款中，请稍后再试", RejectionKind.BUSY),
        Arguments.of(400, "INVALID_REQUEST", "综合评估未通过", RejectionKind.OTHER),
        Arguments.of(400, "INVALID_ORDER_STATE", "单据状态错误", RejectionKind.STATE),
        Arguments.of(400, "ORDER_CANCELED", "单据已取消", RejectionKind.STATE),
        Arguments.of(400, "ORDER_DONE", "订单已完成", RejectionKind.STATE),
        Arguments.of(401, "SIGN_ERROR", "签名错误", RejectionKind.AUTH_CONFIG),
        Arguments.of(401, "UNKNOWN_CODE", "签名错误", RejectionKind.AUTH_CONFIG),
        Arguments.of(403, "NO_AUTH", "商户信息不合法", RejectionKind.AUTH_CONFIG),
        Arguments.of(403, "NO_AUTH", "商户暂无权限使用此服务", RejectionKind.AUTH_CONFIG),
        Arguments.of(403, "RULE_LIMIT", "状态不合法", RejectionKind.AUTH_CONFIG),
        Arguments.of(400, "MCH_NOT_EXISTS", "商户号不存在", RejectionKind.AUTH_CONFIG),
        Arguments.of(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配", RejectionKind.AUTH_CONFIG),
        Arguments.of(404, "ORDER_NOT_EXIST", "订单不存在", RejectionKind.NOT_FOUND),
        Arguments.of(404, "NOT_FOUND", "no such resource", RejectionKind.OTHER),
        Arguments.of(400, "A_CODE_WECHAT_ADDS_LATER", "单据正在扣款中", RejectionKind.OTHER));
  }

  @ParameterizedTest(name = "{0} {1} {2} is Rejected {3}")
  @MethodSource("rejectedRows")
  void signedFourHundredsAreRejectedWithEveryFieldAndTheirKind(
      int status, String code, String message, RejectionKind kind) {
    GatewayOutcome<String> outcome = respond(status, true, error(code, message));

    assertThat(outcome)
        .isEqualTo(
            new GatewayOutcome.Rejected<String>(
                status,
                code,
                kind,
                message,
                "{\"field\":\"/total_amount\",\"issue\":\"x\"}",
                "REQ-1"));
  }

  @ParameterizedTest(name = "{0} is Accepted")
  @org.junit.jupiter.params.provider.ValueSource(ints = {200, 204})
  void verifiedTwoHundredAndTwoHundredFourAreAccepted(int status) {
    assertThat(respond(status, true, "{}")).isEqualTo(new GatewayOutcome.Accepted<>("{}", "REQ-1"));
  }

  @ParameterizedTest(name = "429 {0} is Throttled")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"FREQUENCY_LIMITED", "RATELIMIT_EXCEEDED"})
  void fourTwentyNineIsThrottled(String code) {
    assertThat(respond(429, true, error(code, "频率超限")))
        .isEqualTo(new GatewayOutcome.Throttled<String>(code, "频率超限", "REQ-1"));
  }

  @ParameterizedTest(name = "{0} is Unknown SERVER_ERROR")
  @org.junit.jupiter.params.provider.ValueSource(ints = {500, 502, 503, 504})
  void fiveHundredsAreUnknownServerErrors(int status) {
    GatewayOutcome<String> outcome = respond(status, true, error("SYSTEM_ERROR", "系统错误"));
    assertThat(outcome).isInstanceOf(GatewayOutcome.Unknown.class);
    GatewayOutcome.Unknown<String> unknown = (GatewayOutcome.Unknown<String>) outcome;
    assertThat(unknown.cause()).isEqualTo(UnknownCause.SERVER_ERROR);
    assertThat(unknown.status()).isEqualTo(status);
  }

  @Test
  void anUnsignedProxyErrorIsNotARefusal() {
    assertThat(unknownCause(respond(400, false, error("PARAM_ERROR", "x")))).isEqualTo(UnknownCause.UNVERIFIABLE_RESPONSE);
    assertThat(unknownCause(respond(502, false, "<html>bad gateway</html>"))).isEqualTo(UnknownCause.SERVER_ERROR);
    assertThat(respond(429, false, "")).isInstanceOf(GatewayOutcome.Throttled.class);
  }

  @Test
  void unreadableBodiesAndOddStatusesAreMalformed() {
    Outcomes.BodyReader<String> failing = (status, body) -> {
      throw new IllegalArgumentException("missing state");
    };
    assertThat(unknownCause(Outcomes.ofResponse(200, true, null, new byte[0], failing)))
        .isEqualTo(UnknownCause.MALFORMED_RESPONSE);
    assertThat(unknownCause(respond(400, true, "not json"))).isEqualTo(UnknownCause.MALFORMED_RESPONSE);
    assertThat(unknownCause(respond(202, true, ""))).isEqualTo(UnknownCause.MALFORMED_RESPONSE);
    assertThat(unknownCause(respond(302, true, ""))).isEqualTo(UnknownCause.MALFORMED_RESPONSE);
  }

  static Stream<Arguments> failureRows() {
    return Stream.of(
        Arguments.of(new SocketTimeoutException("Read timed out"), UnknownCause.TIMEOUT),
        Arguments.of(new InterruptedIOException("timeout"), UnknownCause.TIMEOUT),
        Arguments.of(new IOException("unexpected end of stream"), UnknownCause.CONNECTION_DROPPED),
        Arguments.of(new RequestNotSentException("not sent", new ConnectException("refused")), UnknownCause.NOT_SENT),
        Arguments.of(new UnverifiableResponseException(SignatureFailure.SIGNATURE_MISMATCH, 200, "R"), UnknownCause.UNVERIFIABLE_RESPONSE));
  }

  @ParameterizedTest(name = "{0} is Unknown {1}")
  @MethodSource("failureRows")
  void failuresAreUnknownWithTheirCause(IOException failure, UnknownCause cause) {
    assertThat(unknownCause(Outcomes.ofFailure(failure))).isEqualTo(cause);
  }

  static UnknownCause unknownCause(GatewayOutcome<?> outcome) {
    assertThat(outcome).isInstanceOf(GatewayOutcome.Unknown.class);
    return ((GatewayOutcome.Unknown<?>) outcome).cause();
  }
}
