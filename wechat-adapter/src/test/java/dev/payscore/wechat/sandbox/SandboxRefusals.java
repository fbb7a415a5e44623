package dev.payscore.wechat.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payscore.Rule;
import dev.payscore.domain.port.out.GatewayOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rule the sandbox names in a create, complete, modify or cancel refusal: its {@code
 * detail.field} and message mapped to our {@link Rule} (the first row that matches). The sandbox
 * stops at the first broken rule; ours reports all.
 *
 * <p>{@code 真实结束时间小于预计开始时间} is one message for two of our rules: an end not after the start the
 * order was created with ({@link Rule#END_TIME_BEFORE_START}) and, for an {@code OnAccept} order,
 * an end not after the user confirmed ({@link Rule#END_TIME_BEFORE_CONFIRMATION}): {@link
 * #rule(GatewayOutcome.Rejected, boolean)} says which.
 */
final class SandboxRefusals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEFORE_START = "真实结束时间小于预计开始时间";

  /** One row: a field test, a message fragment, our rule. */
  private record Row(Predicate<String> field, String message, Rule rule) {}

  private static Predicate<String> is(String field) {
    return field::equals;
  }

  private static Predicate<String> endsWith(String suffix) {
    return field -> field.endsWith(suffix);
  }

  private static Predicate<String> startsWith(String prefix) {
    return field -> field.startsWith(prefix);
  }

  private static final List<Row> ROWS =
      List.of(
          new Row(is("post_payments"), "条目数", Rule.POST_PAYMENTS_SIZE),
          new Row(is("post_payments"), "不能为空", Rule.POST_PAYMENTS_SIZE),
          new Row(is("post_discounts"), "条目数", Rule.POST_DISCOUNTS_SIZE),
          new Row(endsWith(".name"), "长度超过", Rule.NAME_LENGTH),
          new Row(endsWith(".name"), "不能为空", Rule.REQUIRED),
          new Row(endsWith(".name"), "重复", Rule.NAME_DUPLICATE),
          new Row(endsWith(".description"), "长度超过", Rule.DESCRIPTION_LENGTH),
          new Row(endsWith(".description"), "不能为空", Rule.DESCRIPTION_REQUIRED),
          new Row(endsWith(".amount"), "不能为空", Rule.AMOUNT_REQUIRED),
          new Row(endsWith(".amount"), "不能小于0", Rule.AMOUNT_NEGATIVE),
          new Row(endsWith(".count"), "应在1到100之间", Rule.COUNT_RANGE),
          new Row(startsWith("post_payments["), "amount和description不能同时为空", Rule.ITEM_EMPTY),
          new Row(is("total_amount"), "不能小于0", Rule.TOTAL_NEGATIVE),
          new Row(is("total_amount"), "最终总金额计算非法", Rule.TOTAL_FORMULA),
          new Row(is("total_amount"), "总金额超过风险金额", Rule.TOTAL_OVER_RISK_FUND),
          new Row(is("total_amount"), "总金额超过此服务的服务风险金额", Rule.TOTAL_OVER_SERVICE_RISK_CAP),
          new Row(startsWith("device."), "长度超过", Rule.DEVICE_LENGTH),
          new Row(endsWith("_remark"), "长度超过", Rule.REMARK_LENGTH),
          new Row(startsWith("time_range."), "时间格式需与创建订单时一致", Rule.PRECISION_MISMATCH),
          new Row(startsWith("time_range."), "时间格式错误", Rule.TIME_FORMAT),
          new Row(startsWith("time_range."), "长度超过", Rule.TIME_FORMAT),
          new Row(is("time_range.end_time"), "不能为空", Rule.END_TIME_REQUIRED),
          new Row(is("time_range.end_time"), "实际结束时间不能晚于使用完结接口的时间", Rule.END_TIME_IN_FUTURE),
          new Row(is("time_range.end_time"), "真实结束时间小于预计开始时间", Rule.END_TIME_BEFORE_START),
          new Row(is("time_range.start_time"), "不能为空", Rule.REQUIRED),
          new Row(is("time_range.start_time"), "预计服务开始时间", Rule.START_TIME_PASSED),
          new Row(is("time_range.end_time"), "开始时间与结束时间格式不一致", Rule.PRECISION_MISMATCH),
          new Row(is("time_range.end_time"), "预计服务结束时间需晚于开始时间", Rule.END_TIME_BEFORE_START),
          new Row(is("time_range.end_time"), "预计服务结束日期不能早于开始日期", Rule.END_TIME_BEFORE_START),
          new Row(is("time_range.end_time"), "预计服务结束时间需晚于当前时间1分钟", Rule.END_TIME_TOO_SOON),
          new Row(is("goods_tag"), "长度超过", Rule.GOODS_TAG_LENGTH),
          new Row(startsWith("location."), "长度超过", Rule.LOCATION_LENGTH),
          new Row(
              is("location.start_location"), "start_location不能为空", Rule.LOCATION_START_REQUIRED),
          new Row(is("out_order_no"), "不能为空", Rule.REQUIRED),
          new Row(is("out_order_no"), "", Rule.OUT_ORDER_NO_FORMAT),
          new Row(is("service_introduction"), "不能为空", Rule.REQUIRED),
          new Row(is("service_introduction"), "长度超过", Rule.SERVICE_INTRODUCTION_LENGTH),
          new Row(is("risk_fund.amount"), "服务风险金额", Rule.RISK_FUND_OVER_SERVICE_RISK_CAP),
          new Row(is("attach"), "长度超过", Rule.ATTACH_LENGTH),
          new Row(is("notify_url"), "不能为空", Rule.REQUIRED),
          new Row(is("notify_url"), "长度超过", Rule.NOTIFY_URL_LENGTH),
          new Row(is("notify_url"), "notify_url", Rule.NOTIFY_URL_FORMAT),
          new Row(is("openid"), "不能为空", Rule.REQUIRED),
          new Row(is("reason"), "不能为空", Rule.REQUIRED),
          new Row(is("reason"), "长度超过", Rule.REASON_LENGTH),
          new Row(is("total_amount"), "修改后金额不能高于原金额", Rule.TOTAL_ABOVE_CURRENT));

  private SandboxRefusals() {}

  /**
   * Our rule for a 400 {@code PARAM_ERROR} with a field; empty when the sandbox names none we know.
   */
  static Optional<Rule> rule(GatewayOutcome.Rejected<?> refusal) {
    return rule(refusal, false);
  }

  /**
   * As {@link #rule(GatewayOutcome.Rejected)}; {@code onAccept} when the order was created with
   * {@code start_time: OnAccept} and the request sends no start of its own, so that its start is
   * the confirmation.
   */
  static Optional<Rule> rule(GatewayOutcome.Rejected<?> refusal, boolean onAccept) {
    return plainRule(refusal)
        .map(
            rule ->
                onAccept
                        && rule == Rule.END_TIME_BEFORE_START
                        && refusal.message().contains(BEFORE_START)
                    ? Rule.END_TIME_BEFORE_CONFIRMATION
                    : rule);
  }

  private static Optional<Rule> plainRule(GatewayOutcome.Rejected<?> refusal) {
    String field = field(refusal.detail());
    if (refusal.status() != 400 || !"PARAM_ERROR".equals(refusal.code()) || field == null) {
      return Optional.empty();
    }
    return ROWS.stream()
        .filter(row -> row.field().test(field) && refusal.message().contains(row.message()))
        .map(Row::rule)
        .findFirst();
  }

  private static @Nullable String field(@Nullable String detail) {
    if (detail == null) {
      return null;
    }
    try {
      JsonNode field = JSON.readTree(detail).path("field");
      return field.isTextual() ? field.asText() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
