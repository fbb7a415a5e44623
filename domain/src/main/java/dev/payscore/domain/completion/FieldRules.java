package dev.payscore.domain.completion;

import dev.payscore.Device;
import dev.payscore.Location;
import dev.payscore.OutOrderNo;
import dev.payscore.PostDiscount;
import dev.payscore.PostPayment;
import dev.payscore.Rule;
import dev.payscore.domain.completion.CompletionValidator.Report;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rule of each field, once: create, complete, modify and cancel all judge a field they share
 * (items, ids, remarks, location, device, reason) through the same method here, so a limit or a
 * charset cannot drift between requests (fact sheet §4.5: "apply to create, complete and modify").
 * Every free text is also checked to be well-formed Unicode; a required text that is blank (only
 * white space) is missing ({@link Rule#REQUIRED}), as the sandbox judges it.
 */
final class FieldRules {
  /** The one payment name that may repeat (smart retail: one line per product). */
  static final String REPEATABLE_NAME = "商品信息";

  static final int MAX_PAYMENTS = 100;
  static final int MAX_DISCOUNTS = 30;
  static final int MAX_NAME = 20;
  static final int MAX_DESCRIPTION = 30;
  static final int MAX_REMARK = 20;
  static final int MAX_GOODS_TAG = 32;
  static final int MAX_ID = 32;
  static final int MIN_COUNT = 1;
  static final int MAX_COUNT = 100;
  static final int MAX_SERVICE_INTRODUCTION = 20;
  static final int MAX_ATTACH = 256;
  static final int MAX_NOTIFY_URL = 255;
  static final int MAX_REASON = 50;

  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
  private static final Pattern IPV4 =
      Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

  private FieldRules() {}

  /** Whether the id is 1..32 visible ASCII; reports it if not. */
  static boolean id(String path, String value, Rule format, Report report) {
    if (value.isBlank()) {
      report.add(path, Rule.REQUIRED, orNull(value), "is required");
      return false;
    }
    if (length(value) > MAX_ID || !VISIBLE_ASCII.matcher(value).matches()) {
      report.add(path, format, value, "must be 1.." + MAX_ID + " visible ASCII characters");
      return false;
    }
    return true;
  }

  static void outOrderNo(String value, Report report) {
    if (value.isBlank()) {
      report.add("out_order_no", Rule.REQUIRED, orNull(value), "is required");
    } else if (length(value) > MAX_ID || !OutOrderNo.PATTERN.matcher(value).matches()) {
      report.add(
          "out_order_no",
          Rule.OUT_ORDER_NO_FORMAT,
          value,
          "must be 1.." + MAX_ID + " of digits, letters, _ - |");
    }
  }

  /**
   * {@code post_payments}: {@code min}..100 items (0 at create, 1 at complete and modify), each
   * named, unique but for {@value #REPEATABLE_NAME}, with an amount or a description.
   */
  static void payments(List<PostPayment> payments, int min, Report report) {
    if (payments.size() < min || payments.size() > MAX_PAYMENTS) {
      report.add(
          "post_payments",
          Rule.POST_PAYMENTS_SIZE,
          Integer.toString(payments.size()),
          "must have " + min + ".." + MAX_PAYMENTS + " items, has " + payments.size());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < payments.size(); i++) {
      PostPayment payment = payments.get(i);
      String path = "post_payments[" + i + "]";
      name(path, payment.name(), names, REPEATABLE_NAME, report);
      text(
          path + ".description",
          payment.description(),
          MAX_DESCRIPTION,
          Rule.DESCRIPTION_LENGTH,
          report);
      amount(path, payment.amount(), report);
      count(path, payment.count(), report);
      if (payment.amount() == null && payment.description() == null) {
        report.add(path, Rule.ITEM_EMPTY, null, "needs an amount or a description");
      }
    }
  }

  /**
   * {@code post_discounts}: at most 30, each named (unique) and described; an amount is required
   * except at create.
   */
  static void discounts(List<PostDiscount> discounts, boolean amountRequired, Report report) {
    if (discounts.size() > MAX_DISCOUNTS) {
      report.add(
          "post_discounts",
          Rule.POST_DISCOUNTS_SIZE,
          Integer.toString(discounts.size()),
          "must have at most " + MAX_DISCOUNTS + " items, has " + discounts.size());
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < discounts.size(); i++) {
      PostDiscount discount = discounts.get(i);
      String path = "post_discounts[" + i + "]";
      name(path, discount.name(), names, null, report);
      String description = discount.description();
      if (description == null || description.isBlank()) {
        report.add(
            path + ".description",
            Rule.DESCRIPTION_REQUIRED,
            description == null ? null : orNull(description),
            "a discount needs a description");
      }
      text(path + ".description", description, MAX_DESCRIPTION, Rule.DESCRIPTION_LENGTH, report);
      if (amountRequired && discount.amount() == null) {
        report.add(path + ".amount", Rule.AMOUNT_REQUIRED, null, "a discount needs an amount");
      }
      amount(path, discount.amount(), report);
      count(path, discount.count(), report);
    }
  }

  private static void name(
      String item, String name, Set<String> seen, @Nullable String repeatable, Report report) {
    if (name.isBlank()) {
      report.add(item + ".name", Rule.REQUIRED, orNull(name), "is required");
      return;
    }
    text(item + ".name", name, MAX_NAME, Rule.NAME_LENGTH, report);
    if (!seen.add(name) && !name.equals(repeatable)) {
      report.add(item + ".name", Rule.NAME_DUPLICATE, name, "repeats an earlier name");
    }
  }

  private static void amount(String item, @Nullable Long amount, Report report) {
    if (amount != null && amount < 0) {
      report.add(item + ".amount", Rule.AMOUNT_NEGATIVE, amount.toString(), "must be >= 0 fen");
    }
  }

  private static void count(String item, @Nullable Integer count, Report report) {
    if (count != null && (count < MIN_COUNT || count > MAX_COUNT)) {
      report.add(
          item + ".count",
          Rule.COUNT_RANGE,
          count.toString(),
          "must be in " + MIN_COUNT + ".." + MAX_COUNT);
    }
  }

  static void remark(String path, @Nullable String remark, Report report) {
    text(path, remark, MAX_REMARK, Rule.REMARK_LENGTH, report);
  }

  /**
   * {@code location}: each text within the configured limit; at create an end place needs a start
   * place too (old wiki).
   */
  static void location(@Nullable Location location, int max, boolean atCreate, Report report) {
    if (location == null) {
      return;
    }
    text("location.start_location", location.startLocation(), max, Rule.LOCATION_LENGTH, report);
    text("location.end_location", location.endLocation(), max, Rule.LOCATION_LENGTH, report);
    if (atCreate && location.endLocation() != null && location.startLocation() == null) {
      report.add(
          "location.start_location",
          Rule.LOCATION_START_REQUIRED,
          null,
          "is required when end_location is given at create");
    }
  }

  /** {@code device} of create, complete and modify: texts within their (UNCONFIRMED) limits. */
  static void device(@Nullable Device device, CompletionLimits limits, Report report) {
    if (device == null) {
      return;
    }
    int max = limits.deviceIdMaxLength();
    text("device.start_device_id", device.startDeviceId(), max, Rule.DEVICE_LENGTH, report);
    text("device.end_device_id", device.endDeviceId(), max, Rule.DEVICE_LENGTH, report);
    text(
        "device.materiel_no",
        device.materielNo(),
        limits.materielNoMaxLength(),
        Rule.DEVICE_LENGTH,
        report);
  }

  /** {@code reason} of cancel and modify: required, at most 50 characters (the 2020 wiki: 30). */
  static void reason(String reason, Report report) {
    if (reason.isBlank()) {
      report.add("reason", Rule.REQUIRED, orNull(reason), "is required");
      return;
    }
    text("reason", reason, MAX_REASON, Rule.REASON_LENGTH, report);
  }

  static void serviceIntroduction(String text, Report report) {
    if (text.isBlank()) {
      report.add(
          "service_introduction", Rule.REQUIRED, orNull(text), "is required");
      return;
    }
    text(
        "service_introduction",
        text,
        MAX_SERVICE_INTRODUCTION,
        Rule.SERVICE_INTRODUCTION_LENGTH,
        report);
  }

  /**
   * {@code notify_url}: at most 255 characters, an absolute https URL with a host and no query
   * (§2.1). Plain http is taken for a loopback host only, the sandbox's convenience, since WeChat
   * could never reach it: a merchant stages with a notify server on its own machine.
   */
  static void notifyUrl(String url, Report report) {
    if (url.isBlank()) {
      report.add("notify_url", Rule.REQUIRED, orNull(url), "is required");
      return;
    }
    text("notify_url", url, MAX_NOTIFY_URL, Rule.NOTIFY_URL_LENGTH, report);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      report.add("notify_url", Rule.NOTIFY_URL_FORMAT, url, "is not a URL");
      return;
    }
    String scheme = String.valueOf(uri.getScheme());
    if (uri.getHost() == null || uri.getRawQuery() != null) {
      report.add(
          "notify_url",
          Rule.NOTIFY_URL_FORMAT,
          url,
          "must be an https URL with a host and no query");
    } else if (!scheme.equals("https") && !(scheme.equals("http") && loopback(uri.getHost()))) {
      report.add(
          "notify_url",
          Rule.NOTIFY_URL_FORMAT,
          url,
          "must be https (plain http only for a loopback host, against the sandbox)");
    }
  }

  /** localhost, 127.0.0.0/8 or ::1, written as such: nothing is looked up (domain is pure). */
  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost") || host.equals("[::1]")) {
      return true;
    }
    Matcher quad = IPV4.matcher(host);
    if (!quad.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(quad.group(i)) > 255) {
        return false;
      }
    }
    return quad.group(1).equals("127");
  }

  /** A text within {@code max} characters and well-formed; absent is fine. */
  static void text(String path, @Nullable String value, int max, Rule lengthRule, Report report) {
    if (value == null) {
      return;
    }
    int length = length(value);
    if (length > max) {
      report.add(
          path, lengthRule, value, "must have at most " + max + " characters, has " + length);
    }
    wellFormed(path, value, report);
  }

  /** A lone surrogate cannot be encoded in UTF-8 and would reach WeChat as {@code ?}. */
  static void wellFormed(String path, String text, Report report) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        i++;
      } else if (Character.isSurrogate(c)) {
        report.add(
            path,
            Rule.TEXT_MALFORMED,
            text,
            String.format(
                "has a lone surrogate U+%04X at %d: not Unicode text, it would be sent as ?",
                (int) c, i));
        return;
      }
    }
  }

  /** A blank value as the violation's value: none when empty. */
  private static @Nullable String orNull(String value) {
    return value.isEmpty() ? null : value;
  }

  /** Characters as WeChat counts them: code points, so 充 and 🔋 are one each. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
