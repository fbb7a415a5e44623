package dev.payscore.console;

import dev.payscore.console.internal.Lang;
import dev.payscore.console.internal.Pages;
import dev.payscore.console.internal.Queries;
import dev.payscore.console.internal.View;
import dev.payscore.console.internal.Violation;
import dev.payscore.AuditEvent;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.Operator;
import dev.payscore.PayScore;
import dev.payscore.RetryResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The operator console, independent of any HTTP server: {@link #handle} turns a request into a
 * whole response. Pages: overview ({@code /}), needs attention ({@code /attention}), intents
 * ({@code /intents}), order timeline ({@code /order?no=…}). The one write is {@code POST /retry}
 * (an intent that needs attention, with the operator's name and reason, through {@link
 * dev.payscore.Completions#retry(MerchantId, OutOrderNo, Operator)}), which must carry the
 * CSRF token of the form (double-submit cookie) and, when the browser says where it comes from,
 * come from the console's own origin.
 *
 * <pre>{@code
 * Console console = Console.builder()
 *     .dataSource(dataSource)          // read-only queries
 *     .payScore(payScore)              // the retry
 *     .merchants(MerchantId.of("1900000109"))   // optional: only these merchants
 *     .build();
 * ConsoleResponse response = console.handle(request);
 * }</pre>
 *
 * <p>It shows no secret (it has none) and hides the user's openid unless built with {@link
 * Builder#showPersonalData(boolean)}. Thread-safe.
 */
public final class Console {
  /** The cookie holding the CSRF token of the forms. */
  public static final String CSRF_COOKIE = "payscore_console_csrf";

  /** The cookie remembering the language switch. */
  public static final String LANG_COOKIE = "payscore_console_lang";

  private static final int PAGE_SIZE = 50;
  private static final int MAX_PAGE_SIZE = 200;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final Queries queries;
  private final PayScore payScore;
  private final Set<MerchantId> merchants;
  private final boolean showPersonalData;

  private Console(Builder b) {
    this.payScore = Objects.requireNonNull(b.payScore, "payScore == null");
    this.merchants = Set.copyOf(b.merchants);
    this.queries =
        new Queries(
            Objects.requireNonNull(b.dataSource, "dataSource == null"),
            merchants.stream().map(MerchantId::value).collect(Collectors.toSet()));
    this.showPersonalData = b.showPersonalData;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The merchants this console shows; empty: every merchant. */
  public Set<MerchantId> merchants() {
    return merchants;
  }

  /** Answers one request; never throws for anything the request says. */
  public ConsoleResponse handle(ConsoleRequest request) {
    Objects.requireNonNull(request, "request == null");
    Lang lang = lang(request);
    String csrf = request.cookies().get(CSRF_COOKIE);
    List<ConsoleResponse.Header> headers = new ArrayList<>();
    if (csrf == null || csrf.length() < 20) {
      csrf = token();
      headers.add(cookie(request, CSRF_COOKIE, csrf));
    }
    String chosenLang = request.param("lang");
    if (chosenLang != null && Lang.of(chosenLang) != null) {
      headers.add(cookie(request, LANG_COOKIE, lang.code()));
    }
    View view =
        new View(
            lang,
            request.mount(),
            csrf,
            request.hostFormFields(),
            request.user(),
            request.path(),
            request.params(),
            merchants.isEmpty()
                ? dev.payscore.console.internal.Labels.get(lang, "scope.all")
                : merchants.stream().map(MerchantId::value).sorted().collect(Collectors.joining(", ")),
            showPersonalData);
    Answer answer = route(request, view);
    headers.addAll(answer.headers);
    headers.add(new ConsoleResponse.Header("Content-Security-Policy", SECURITY_POLICY));
    headers.add(new ConsoleResponse.Header("X-Content-Type-Options", "nosniff"));
    headers.add(new ConsoleResponse.Header("X-Frame-Options", "DENY"));
    // not no-referrer: under it browsers send "Origin: null" with the form, which sameOrigin refuses
    headers.add(new ConsoleResponse.Header("Referrer-Policy", "same-origin"));
    headers.add(new ConsoleResponse.Header("Cache-Control", "no-store"));
    if (answer.html != null) {
      headers.add(new ConsoleResponse.Header("Content-Type", "text/html; charset=utf-8"));
      return new ConsoleResponse(
          answer.status, headers, answer.html.getBytes(StandardCharsets.UTF_8));
    }
    return new ConsoleResponse(answer.status, headers, new byte[0]);
  }

  private record Answer(int status, @Nullable String html, List<ConsoleResponse.Header> headers) {
    static Answer page(int status, String html) {
      return new Answer(status, html, List.of());
    }

    static Answer redirect(String location) {
      return new Answer(303, null, List.of(new ConsoleResponse.Header("Location", location)));
    }
  }

  private Answer route(ConsoleRequest request, View view) {
    boolean get = request.method().equals("GET") || request.method().equals("HEAD");
    boolean post = request.method().equals("POST");
    String path = request.path().isEmpty() ? "/" : request.path();
    if (post && path.equals("/retry")) {
      return retry(request, view);
    }
    if (!get || path.equals("/retry")) {
      return new Answer(
          405,
          Pages.message(view, "error.method"),
          List.of(new ConsoleResponse.Header("Allow", path.equals("/retry") ? "POST" : "GET")));
    }
    return switch (path) {
      case "/" -> Answer.page(200, Pages.overview(view, queries.overview(hours(request)), hours(request)));
      case "/attention" -> attention(request, view);
      case "/intents" -> intents(request, view);
      case "/order" -> order(request, view, null, Pages.RetryForm.EMPTY);
      default -> Answer.page(404, Pages.message(view, "error.notFound"));
    };
  }

  private static int hours(ConsoleRequest request) {
    String text = request.param("hours");
    try {
      int hours = text == null ? 3 : Integer.parseInt(text);
      return Math.max(1, Math.min(24, hours));
    } catch (NumberFormatException e) {
      return 3;
    }
  }

  private Answer attention(ConsoleRequest request, View view) {
    List<Violation> violations = new ArrayList<>();
    String mchid = merchant(request, violations);
    String kind = oneOf(request, "kind", IntentKind.values(), violations);
    boolean quarantinedOnly = request.param("quarantined") != null;
    Pages.Filters filters =
        new Pages.Filters(request.param("mchid"), null, request.param("kind"), null, null, null, quarantinedOnly);
    if (!violations.isEmpty()) {
      return Answer.page(
          400, Pages.attention(view, List.of(), List.of(), filters, queries.merchants(), violations));
    }
    return Answer.page(
        200,
        Pages.attention(
            view,
            queries.needingAttention(mchid, kind, quarantinedOnly),
            quarantinedOnly ? List.of() : queries.recentlyFailed(mchid, kind),
            new Pages.Filters(mchid, null, kind, null, null, null, quarantinedOnly),
            queries.merchants(),
            List.of()));
  }

  private Answer intents(ConsoleRequest request, View view) {
    List<Violation> violations = new ArrayList<>();
    String mchid = merchant(request, violations);
    String status = oneOf(request, "status", IntentStatus.values(), violations);
    String kind = oneOf(request, "kind", IntentKind.values(), violations);
    Instant from = localTime(request, "from", violations);
    Instant to = localTime(request, "to", violations);
    if (from != null && to != null && !from.isBefore(to)) {
      violations.add(new Violation("to", "must be after from", request.param("to")));
    }
    int limit = PAGE_SIZE;
    String limitText = request.param("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_PAGE_SIZE) {
        violations.add(new Violation("limit", "must be 1.." + MAX_PAGE_SIZE, limitText));
      }
    }
    String after = request.param("after");
    Queries.Cursor cursor = null;
    if (after != null) {
      try {
        cursor = Queries.Cursor.decode(after);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("after", "not a cursor of this page", after));
      }
    }
    Pages.Filters filters =
        new Pages.Filters(
            request.param("mchid"), request.param("status"), request.param("kind"),
            request.param("from"), request.param("to"), request.param("limit"), false);
    if (!violations.isEmpty()) {
      return Answer.page(
          400,
          Pages.intents(
              view, new Queries.IntentPage(List.of(), null), filters, null, queries.merchants(), violations));
    }
    Queries.IntentPage page =
        queries.intents(new Queries.IntentFilter(mchid, status, kind, from, to), cursor, limit);
    return Answer.page(200, Pages.intents(view, page, filters, after, queries.merchants(), List.of()));
  }

  private Answer order(
      ConsoleRequest request, View view, Pages.@Nullable RetryNotice notice, Pages.RetryForm form) {
    String no = request.param("no");
    if (no == null) {
      return Answer.page(200, Pages.orderPrompt(view, null));
    }
    String mchid = request.param("mchid");
    List<Queries.OrderRow> orders =
        queries.orders(no).stream().filter(o -> mchid == null || o.mchid().equals(mchid)).toList();
    if (orders.isEmpty()) {
      return Answer.page(
          404, Pages.orderPrompt(view, view.t("order.notFound", no)));
    }
    if (orders.size() > 1) {
      return Answer.page(200, Pages.orderChoice(view, no, orders));
    }
    Queries.OrderRow order = orders.get(0);
    List<AuditEvent> events =
        payScore.history().ofOrder(MerchantId.of(order.mchid()), OutOrderNo.of(order.outOrderNo()));
    if (notice == null) {
      notice = notice(request);
    }
    return Answer.page(
        form.violations().isEmpty() ? 200 : 400,
        Pages.timeline(view, order, queries.intentsOf(order.mchid(), order.outOrderNo()), events, notice, form));
  }

  /** The retry's outcome, carried by the redirect after the POST. */
  private static Pages.@Nullable RetryNotice notice(ConsoleRequest request) {
    String result = request.param("result");
    if (result == null) {
      return null;
    }
    return switch (result) {
      case "requeued" -> new Pages.RetryNotice("result.requeued", request.param("by"));
      case "not_needing_attention" -> new Pages.RetryNotice("result.notNeedingAttention", request.param("status"));
      case "unreadable" -> new Pages.RetryNotice("result.unreadable", null);
      case "not_found" -> new Pages.RetryNotice("result.notFound", null);
      default -> null;
    };
  }

  private Answer retry(ConsoleRequest request, View view) {
    if (!sameOrigin(request) || !csrfMatches(request)) {
      return Answer.page(403, Pages.message(view, "error.csrf"));
    }
    List<Violation> violations = new ArrayList<>();
    String mchid = request.param("mchid");
    String no = request.param("no");
    MerchantId merchant = null;
    OutOrderNo order = null;
    try {
      merchant = MerchantId.of(Objects.requireNonNullElse(mchid, ""));
      if (!queries.inScope(merchant.value())) {
        violations.add(new Violation("mchid", "not among this console's merchants", mchid));
      }
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("mchid", "not a merchant id: " + e.getMessage(), mchid));
    }
    try {
      order = OutOrderNo.of(Objects.requireNonNullElse(no, ""));
    } catch (IllegalArgumentException e) {
      violations.add(new Violation("no", "not an out_order_no: " + e.getMessage(), no));
    }
    String name = request.user() != null ? request.user() : request.param("operator");
    String reason = request.param("reason");
    if (name == null) {
      violations.add(new Violation("operator", "required", null));
    }
    if (reason == null) {
      violations.add(new Violation("reason", "required", null));
    }
    Operator operator = null;
    if (name != null) {
      try {
        operator = new Operator(name, reason);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("operator", e.getMessage(), null));
      }
    }
    if (!violations.isEmpty() || merchant == null || order == null || operator == null) {
      if (merchant == null || order == null || !queries.inScope(merchant.value())) {
        return Answer.page(400, Pages.orderPrompt(view, dev.payscore.console.internal.Html.escape(
            violations.stream().map(Violation::toString).collect(Collectors.joining("; ")))));
      }
      return order(request, view, null, new Pages.RetryForm(request.param("operator"), reason, violations));
    }
    RetryResult result = payScore.completions().retry(merchant, order, operator);
    String outcome;
    String extra = null;
    String extraValue = null;
    if (result instanceof RetryResult.Requeued) {
      outcome = "requeued";
      extra = "by";
      extraValue = operator.name();
    } else if (result instanceof RetryResult.NotNeedingAttention not) {
      outcome = "not_needing_attention";
      extra = "status";
      extraValue = not.status().name();
    } else if (result instanceof RetryResult.Unreadable) {
      outcome = "unreadable";
    } else {
      outcome = "not_found";
    }
    StringBuilder location =
        new StringBuilder(request.mount()).append("/order?mchid=").append(encode(merchant.value()))
            .append("&no=").append(encode(order.value())).append("&result=").append(outcome);
    if (extra != null) {
      location.append('&').append(extra).append('=').append(encode(extraValue));
    }
    return Answer.redirect(location.toString());
  }

  /** A browser's Origin, when it sends one, names this host: a form posted from elsewhere is refused. */
  private static boolean sameOrigin(ConsoleRequest request) {
    String origin = request.header("origin");
    String host = request.header("host");
    if (origin == null || host == null) {
      return true; // the CSRF token still decides
    }
    try {
      URI uri = new URI(origin);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean csrfMatches(ConsoleRequest request) {
    String cookie = request.cookies().get(CSRF_COOKIE);
    String field = request.param(View.CSRF_FIELD);
    return cookie != null
        && field != null
        && MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
  }

  private @Nullable String merchant(ConsoleRequest request, List<Violation> violations) {
    String mchid = request.param("mchid");
    if (mchid != null && !queries.inScope(mchid)) {
      violations.add(new Violation("mchid", "not among this console's merchants", mchid));
      return null;
    }
    return mchid;
  }

  private static @Nullable String oneOf(
      ConsoleRequest request, String name, Enum<?>[] values, List<Violation> violations) {
    String value = request.param(name);
    if (value == null) {
      return null;
    }
    for (Enum<?> v : values) {
      if (v.name().equalsIgnoreCase(value)) {
        return v.name();
      }
    }
    violations.add(
        new Violation(
            name,
            "not one of " + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", ")),
            value));
    return null;
  }

  /** A {@code datetime-local} value, read in Asia/Shanghai. */
  private static @Nullable Instant localTime(
      ConsoleRequest request, String name, List<Violation> violations) {
    String value = request.param(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(value).atZone(dev.payscore.console.internal.Format.SHANGHAI).toInstant();
    } catch (DateTimeParseException e) {
      violations.add(new Violation(name, "not a time like 2026-12-08T09:30 (Asia/Shanghai)", value));
      return null;
    }
  }

  private static Lang lang(ConsoleRequest request) {
    Lang chosen = Lang.of(request.param("lang"));
    if (chosen == null) {
      chosen = Lang.of(request.cookies().get(LANG_COOKIE));
    }
    return chosen != null ? chosen : Lang.ofAcceptLanguage(request.header("accept-language"));
  }

  private static ConsoleResponse.Header cookie(ConsoleRequest request, String name, String value) {
    String path = request.mount().isEmpty() ? "/" : request.mount();
    return new ConsoleResponse.Header(
        "Set-Cookie", name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict");
  }

  /** A random 128-bit token, URL-safe. */
  static String token() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Builds a {@link Console}; {@code dataSource} and {@code payScore} are required. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable PayScore payScore;
    private final Set<MerchantId> merchants = new LinkedHashSet<>();
    private boolean showPersonalData;

    private Builder() {}

    /** Where the console reads (read-only transactions on the payscore schema). */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource == null");
      return this;
    }

    /** The facade the retry goes through (and the audit history is read with). */
    public Builder payScore(PayScore value) {
      this.payScore = Objects.requireNonNull(value, "payScore == null");
      return this;
    }

    /** Only these merchants are shown and may be retried; none given: every merchant. */
    public Builder merchants(Collection<MerchantId> values) {
      values.forEach(v -> merchants.add(Objects.requireNonNull(v, "merchant == null")));
      return this;
    }

    public Builder merchants(MerchantId... values) {
      return merchants(Arrays.asList(values));
    }

    /** Show the user's openid (hidden by default, everywhere it appears). */
    public Builder showPersonalData(boolean value) {
      this.showPersonalData = value;
      return this;
    }

    /**
     * @throws IllegalStateException naming every missing setting at once
     */
    public Console build() {
      List<String> missing = new ArrayList<>();
      if (dataSource == null) {
        missing.add("dataSource");
      }
      if (payScore == null) {
        missing.add("payScore");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Console.builder(): missing " + String.join(", ", missing));
      }
      return new Console(this);
    }
  }
}
