package dev.payscore.sandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields of a request body the way WeChat judges them: the first violation becomes a 400
 * {@code PARAM_ERROR} naming the field. Lengths are counted in code points (fact sheet §4.5).
 */
final class Body {
  static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
  static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final String REPEATABLE_NAME = "商品信息";

  private Body() {}

  static ObjectNode object(JsonNode node, String field) {
    if (!(node instanceof ObjectNode)) {
      throw ApiError.param(field, field + "应为JSON对象");
    }
    return (ObjectNode) node;
  }

  /** A required text: absent, empty or only white space is missing (不能为空). */
  static String requiredString(JsonNode parent, String name, String path, int maxLength) {
    String value = optionalString(parent, name, path, maxLength);
    if (value == null || value.isBlank()) {
      throw ApiError.param(path, path + "不能为空");
    }
    return value;
  }

  static @Nullable String optionalString(JsonNode parent, String name, String path, int maxLength) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.param(path, path + "应为字符串");
    }
    String value = node.asText();
    if (value.codePointCount(0, value.length()) > maxLength) {
      throw ApiError.param(path, path + "长度超过" + maxLength);
    }
    return value;
  }

  static @Nullable Long optionalAmount(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw ApiError.param(path, path + "应为整数");
    }
    long value = node.asLong();
    if (value < 0) {
      throw ApiError.param(path, path + "不能小于0");
    }
    return value;
  }

  static long requiredAmount(JsonNode parent, String name, String path) {
    Long value = optionalAmount(parent, name, path);
    if (value == null) {
      throw ApiError.param(path, path + "不能为空");
    }
    return value;
  }

  static @Nullable Boolean optionalBoolean(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ApiError.param(path, path + "应为布尔值");
    }
    return node.asBoolean();
  }

  static @Nullable ObjectNode optionalObject(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : object(node, name);
  }

  /**
   * Checks a post_payments or post_discounts array: count bounds, item fields (an amount or a
   * description on each), unique names (except {@code 商品信息} among payments); returns Σ amount and
   * whether any item had one.
   */
  static Sum items(
      @Nullable JsonNode array,
      String path,
      int min,
      int max,
      boolean descriptionRequired,
      boolean amountRequired,
      boolean repeatableNameAllowed) {
    if (array == null || array.isNull()) {
      if (min > 0) {
        throw ApiError.param(path, path + "不能为空");
      }
      return new Sum(0, false);
    }
    if (!(array instanceof ArrayNode)) {
      throw ApiError.param(path, path + "应为数组");
    }
    if (array.size() < min || array.size() > max) {
      throw ApiError.param(path, path + "条目数应在" + min + "到" + max + "之间");
    }
    Set<String> names = new HashSet<>();
    long total = 0;
    boolean anyAmount = false;
    for (int i = 0; i < array.size(); i++) {
      String item = path + "[" + i + "]";
      JsonNode node = object(array.get(i), item);
      String name = requiredString(node, "name", item + ".name", 20);
      if (!(repeatableNameAllowed && REPEATABLE_NAME.equals(name)) && !names.add(name)) {
        throw ApiError.param(item + ".name", item + ".name重复: " + name);
      }
      String description =
          descriptionRequired
              ? requiredString(node, "description", item + ".description", 30)
              : optionalString(node, "description", item + ".description", 30);
      Long amount =
          amountRequired
              ? Long.valueOf(requiredAmount(node, "amount", item + ".amount"))
              : optionalAmount(node, "amount", item + ".amount");
      if (amount == null && description == null) {
        // old wiki (fact sheet §2.1, shared by complete and modify): a named item carries an
        // amount or a description; lists that require either never reach this
        throw ApiError.param(item, item + "的amount和description不能同时为空");
      }
      if (amount != null) {
        anyAmount = true;
        try {
          total = Math.addExact(total, amount);
        } catch (ArithmeticException e) {
          throw ApiError.param(path, path + "金额合计超出范围");
        }
      }
      JsonNode count = node.get("count");
      if (count != null && !count.isNull()) {
        // canConvertToInt first: a count beyond 2^63 would wrap in asLong() and pass
        boolean integral = count.isIntegralNumber() && count.canConvertToInt();
        if (!integral || count.asInt() < 1 || count.asInt() > 100) {
          throw ApiError.param(item + ".count", item + ".count应在1到100之间");
        }
      }
    }
    return new Sum(total, anyAmount);
  }

  record Sum(long total, boolean anyAmount) {}

  /** How a pay-score time was written: to the second, to the day, or {@code OnAccept}. */
  enum Precision {
    SECOND,
    DAY,
    ON_ACCEPT
  }

  /** A parsed time; {@code instant} is the start of the second or of the day, in Shanghai. */
  record Time(Precision precision, @Nullable LocalDateTime value) {
    LocalDate date() {
      return value == null ? LocalDate.MIN : value.toLocalDate();
    }
  }

  static @Nullable Time optionalTime(
      JsonNode parent, String name, String path, boolean onAcceptAllowed) {
    String text = optionalString(parent, name, path, 14);
    if (text == null) {
      return null;
    }
    if (onAcceptAllowed && "OnAccept".equals(text)) {
      return new Time(Precision.ON_ACCEPT, null);
    }
    try {
      if (text.length() == 14) {
        return new Time(Precision.SECOND, LocalDateTime.parse(text, SECONDS));
      }
      if (text.length() == 8) {
        return new Time(Precision.DAY, LocalDate.parse(text, DAYS).atStartOfDay());
      }
    } catch (DateTimeParseException e) {
      // falls through to the refusal
    }
    throw ApiError.param(path, path + "时间格式错误: " + text);
  }
}
