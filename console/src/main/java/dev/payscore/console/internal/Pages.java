package dev.payscore.console.internal;

import static dev.payscore.console.internal.Html.escape;

import dev.payscore.console.internal.Queries.IntentRow;
import dev.payscore.console.internal.Queries.OrderRow;
import dev.payscore.domain.audit.AuditEntry;
import dev.payscore.AuditEvent;
import dev.payscore.AuditEventType;
import dev.payscore.IntentKind;
import dev.payscore.IntentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The console's pages as HTML; every value from the database or the request is escaped here. */
public final class Pages {
  private Pages() {}

  /** The filter values a page shows back in its form (raw, as the user typed them). */
  public record Filters(
      @Nullable String mchid,
      @Nullable String status,
      @Nullable String kind,
      @Nullable String from,
      @Nullable String to,
      @Nullable String limit,
      boolean quarantinedOnly) {}

  // ---- overview ----

  public static String overview(View v, Queries.Overview o, int hours) {
    StringBuilder b = new StringBuilder();
    b.append("<h2>").append(v.t("overview.byStatus")).append("</h2><table id=\"by-status\"><tr><th>")
        .append(v.t("col.status")).append("</th><th class=\"num\">").append(v.t("col.count")).append("</th></tr>");
    long total = 0;
    for (Map.Entry<String, Long> e : o.byStatus().entrySet()) {
      total += e.getValue();
      b.append("<tr><td>").append(badge(e.getKey())).append("</td><td class=\"num\"><a href=\"")
          .append(v.href("/intents", "status", e.getKey())).append("\">").append(e.getValue())
          .append("</a></td></tr>");
    }
    b.append("<tr><td>").append(v.t("overview.quarantined")).append("</td><td class=\"num\"><a href=\"")
        .append(v.href("/attention", "quarantined", "on")).append("\">").append(o.quarantined())
        .append("</a></td></tr><tr><th>Σ</th><th class=\"num\">").append(total).append("</th></tr></table>");
    b.append("<p id=\"oldest-pending\">").append(v.t("overview.oldestPending")).append(": <strong>")
        .append(o.oldestPending() == null ? v.t("overview.none") : escape(Format.age(o.oldestPending(), v.lang())))
        .append("</strong></p>");
    int sum = 0;
    for (int n : o.perMinute()) {
      sum += n;
    }
    b.append("<h2>").append(v.t("overview.chart", hours)).append(" · ").append(v.t("overview.chartTotal", sum))
        .append("</h2>").append(chart(o.perMinute(), o.now()));
    b.append("<p class=\"note\">");
    for (int h : new int[] {1, 3, 6, 12, 24}) {
      b.append("<a href=\"").append(v.href("/", "hours", Integer.toString(h))).append("\">").append(h).append(" h</a> ");
    }
    return v.page(Labels.get(v.lang(), "overview.title"), "overview", b.append("</p>").toString());
  }

  /** Bars of completions per minute, oldest left; hour marks in Shanghai time; counts on hover. */
  static String chart(int[] perMinute, Instant now) {
    int width = 720;
    int height = 150;
    int top = 12;
    int bottom = 20;
    int max = 1;
    for (int n : perMinute) {
      max = Math.max(max, n);
    }
    double step = (double) width / perMinute.length;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width + 40)
        .append("\" height=\"").append(height).append("\" role=\"img\">")
        .append("<text x=\"").append(width + 4).append("\" y=\"").append(top + 4).append("\" font-size=\"11\">")
        .append(max).append("</text>")
        .append("<line x1=\"0\" x2=\"").append(width).append("\" y1=\"").append(height - bottom)
        .append("\" y2=\"").append(height - bottom).append("\" stroke=\"#888\"/>");
    double plot = height - bottom - top;
    for (int i = 0; i < perMinute.length; i++) {
      Instant minute = now.minus(Duration.ofMinutes(perMinute.length - 1L - i));
      if (perMinute[i] > 0) {
        double h = Math.max(1, plot * perMinute[i] / max);
        svg.append(String.format(java.util.Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2f6fd0\"><title>%s +08:00: %d</title></rect>",
                i * step, height - bottom - h, Math.max(1, step - 0.5), h, Format.minute(minute), perMinute[i]));
      }
      if (Format.minute(minute).endsWith(":00") || i == 0) {
        svg.append(String.format(java.util.Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#5b6675\">%s</text>",
                i * step, height - 5, Format.minute(minute)));
      }
    }
    return svg.append("</svg>").toString();
  }

  // ---- needs attention ----

  public static String attention(
      View v,
      List<IntentRow> needing,
      List<IntentRow> failed,
      Filters f,
      Collection<String> merchants,
      List<Violation> violations) {
    StringBuilder b = new StringBuilder(errors(v, violations));
    b.append("<form class=\"filters\" method=\"get\" action=\"").append(v.href("/attention")).append("\">")
        .append(select(v, "mchid", "col.merchant", merchants, f.mchid()))
        .append(select(v, "kind", "col.kind", names(IntentKind.values()), f.kind()))
        .append("<label><span>").append(v.t("attention.quarantinedOnly"))
        .append("</span><input type=\"checkbox\" name=\"quarantined\"")
        .append(f.quarantinedOnly() ? " checked" : "").append("></label>")
        .append("<button>").append(v.t("filter.apply")).append("</button></form>");
    if (needing.isEmpty()) {
      b.append("<p id=\"attention-none\">").append(v.t("attention.none")).append("</p>");
    } else {
      Map<String, Integer> summary = new LinkedHashMap<>();
      for (IntentRow r : needing) {
        summary.merge(r.mchid() + "\u0000" + r.kind() + "\u0000" + r.reasonClass(), 1, Integer::sum);
      }
      b.append("<h2>").append(v.t("attention.summary")).append("</h2><table id=\"attention-summary\"><tr><th>")
          .append(v.t("col.merchant")).append("</th><th>").append(v.t("col.kind")).append("</th><th>")
          .append(v.t("col.reason")).append("</th><th class=\"num\">").append(v.t("col.count")).append("</th></tr>");
      summary.forEach(
          (key, n) -> {
            String[] k = key.split("\u0000", -1);
            b.append("<tr><td>").append(escape(k[0])).append("</td><td>").append(escape(k[1]))
                .append("</td><td>")
                .append(k[2].equals("QUARANTINED") ? "<span class=\"badge q\">" + v.t("quarantined") + "</span>" : escape(k[2]))
                .append("</td><td class=\"num\">").append(n).append("</td></tr>");
          });
      b.append("</table><h2>").append(v.t("attention.title")).append("</h2>");
      b.append(intentTable(v, "attention", needing, true));
    }
    if (!failed.isEmpty()) {
      b.append("<h2>").append(v.t("attention.failed")).append("</h2>").append(intentTable(v, "failed", failed, true));
    }
    return v.page(Labels.get(v.lang(), "attention.title"), "attention", b.toString());
  }

  // ---- intents ----

  public static String intents(
      View v,
      Queries.IntentPage page,
      Filters f,
      @Nullable String after,
      Collection<String> merchants,
      List<Violation> violations) {
    StringBuilder b = new StringBuilder(errors(v, violations));
    b.append("<form class=\"filters\" method=\"get\" action=\"").append(v.href("/intents")).append("\">")
        .append(select(v, "mchid", "col.merchant", merchants, f.mchid()))
        .append(select(v, "status", "col.status", names(IntentStatus.values()), f.status()))
        .append(select(v, "kind", "col.kind", names(IntentKind.values()), f.kind()))
        .append(dateInput(v, "from", "filter.from", f.from()))
        .append(dateInput(v, "to", "filter.to", f.to()))
        .append("<button id=\"filter-go\">").append(v.t("filter.apply")).append("</button></form>");
    if (page.rows().isEmpty()) {
      b.append("<p>").append(v.t("intents.none")).append("</p>");
    } else {
      b.append(intentTable(v, "intents", page.rows(), false));
    }
    b.append("<p>");
    if (after != null) {
      b.append("<a id=\"first-page\" href=\"")
          .append(v.href("/intents", "mchid", f.mchid(), "status", f.status(), "kind", f.kind(), "from", f.from(), "to", f.to(), "limit", f.limit()))
          .append("\">").append(v.t("intents.first")).append("</a> ");
    }
    if (page.next() != null) {
      b.append("<a id=\"next-page\" href=\"")
          .append(v.href("/intents", "mchid", f.mchid(), "status", f.status(), "kind", f.kind(), "from", f.from(),
              "to", f.to(), "limit", f.limit(), "after", page.next().encode()))
          .append("\">").append(v.t("intents.next")).append("</a>");
    }
    return v.page(Labels.get(v.lang(), "intents.title"), "intents", b.append("</p>").toString());
  }

  private static String intentTable(View v, String id, List<IntentRow> rows, boolean waiting) {
    StringBuilder b = new StringBuilder("<table id=\"").append(id).append("-table\"><tr>");
    for (String col :
        new String[] {"col.merchant", "col.order", "col.kind", "col.status", "col.generation", "col.attempts",
          "col.amount", waiting ? "col.age" : "col.created", "col.reason"}) {
      b.append("<th>").append(v.t(col)).append("</th>");
    }
    b.append("</tr>");
    for (IntentRow r : rows) {
      b.append("<tr><td>").append(escape(r.mchid())).append("</td><td><a class=\"order-link\" href=\"")
          .append(v.href("/order", "mchid", r.mchid(), "no", r.outOrderNo())).append("\">")
          .append(escape(r.outOrderNo())).append("</a></td><td>").append(escape(r.kind())).append("</td><td>")
          .append(badge(r.status()));
      if (r.quarantineReason() != null) {
        b.append(" <span class=\"badge q\">").append(v.t("quarantined")).append("</span>");
      }
      b.append("</td><td class=\"num\">").append(r.generation()).append("</td><td class=\"num\">")
          .append(r.attempts()).append("</td><td class=\"num\">").append(Format.amount(r.amount(), v.lang()))
          .append("</td><td>")
          .append(waiting ? escape(Format.age(r.waited(), v.lang())) : Format.time(r.createdAt()))
          .append("</td><td class=\"detail\">").append(escape(r.reason())).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  // ---- order timeline ----

  /** The result of a retry, shown on the timeline after the redirect. */
  public record RetryNotice(String key, @Nullable String argument) {}

  /** The retry form's state: what the operator typed, what was wrong with it. */
  public record RetryForm(@Nullable String operator, @Nullable String reason, List<Violation> violations) {
    public static final RetryForm EMPTY = new RetryForm(null, null, List.of());
  }

  public static String orderPrompt(View v, @Nullable String message) {
    String body = message == null ? "<p>" + v.t("order.prompt") + "</p>" : "<p id=\"order-missing\">" + message + "</p>";
    return v.page(Labels.get(v.lang(), "order.title"), "order", body);
  }

  public static String orderChoice(View v, String no, List<OrderRow> orders) {
    StringBuilder b = new StringBuilder("<p>").append(v.t("order.choose", no)).append("</p><ul>");
    for (OrderRow o : orders) {
      b.append("<li><a href=\"").append(v.href("/order", "mchid", o.mchid(), "no", o.outOrderNo())).append("\">")
          .append(escape(o.mchid())).append(" / ").append(escape(o.outOrderNo())).append("</a></li>");
    }
    return v.page(Labels.get(v.lang(), "order.title"), "order", b.append("</ul>").toString());
  }

  public static String timeline(
      View v,
      OrderRow order,
      List<IntentRow> intents,
      List<AuditEvent> events,
      @Nullable RetryNotice notice,
      RetryForm form) {
    StringBuilder b = new StringBuilder();
    if (notice != null) {
      b.append("<p id=\"retry-result\" class=\"done\">").append(v.t(notice.key(), notice.argument() == null ? "" : notice.argument()))
          .append("</p>");
    }
    String openid =
        order.openid() == null ? "" : v.showPersonalData() ? escape(order.openid()) : Privacy.HIDDEN + " <span class=\"note\">" + v.t("order.hidden") + "</span>";
    b.append("<table id=\"order\"><tr><th>").append(v.t("col.merchant")).append("</th><td>").append(escape(order.mchid()))
        .append("</td></tr><tr><th>").append(v.t("col.order")).append("</th><td id=\"order-no\">").append(escape(order.outOrderNo()))
        .append("</td></tr><tr><th>").append(v.t("order.lifecycle")).append("</th><td>").append(badge(order.lifecycle()))
        .append("</td></tr><tr><th>").append(v.t("order.total")).append("</th><td>").append(Format.amount(order.totalAmount(), v.lang()))
        .append("</td></tr><tr><th>").append(v.t("order.wechatId")).append("</th><td>").append(escape(order.orderId()))
        .append("</td></tr><tr><th>openid</th><td id=\"openid\">").append(openid)
        .append("</td></tr></table>");
    b.append("<h2>").append(v.t("order.intents")).append("</h2>").append(intentTable(v, "order-intents", intents, false));
    intents.stream()
        .filter(i -> i.status().equals(IntentStatus.NEEDS_ATTENTION.name()))
        .findFirst()
        .ifPresent(i -> b.append(retryForm(v, order, i, form)));
    b.append("<h2>").append(v.t("order.history")).append("</h2>");
    if (events.isEmpty()) {
      b.append("<p>").append(v.t("order.noHistory")).append("</p>");
    } else {
      b.append("<table id=\"timeline\"><tr><th>#</th><th>").append(v.t("col.time")).append("</th><th>")
          .append(v.t("col.source")).append("</th><th>").append(v.t("col.event")).append("</th><th>")
          .append(v.t("col.states")).append("</th><th>").append(v.t("col.actor")).append("</th><th>")
          .append(v.t("col.amount")).append("</th><th>").append(v.t("col.wechat")).append("</th><th>")
          .append(v.t("col.detail")).append("</th></tr>");
      for (AuditEvent event : events) {
        AuditEntry e = event.entry();
        String source =
            e.type() == AuditEventType.TRANSITION_APPLIED || e.type() == AuditEventType.STATE_OBSERVED
                ? "TRANSITION"
                : e.cause().name();
        String states =
            e.fromState() == null && e.toState() == null
                ? ""
                : escape(e.fromState()) + " → " + escape(e.toState());
        String wechat =
            String.join(" ", nonNull(e.wechatCode(), e.wechatMessage(), e.requestId() == null ? null : "request-id " + e.requestId()));
        String detail = v.showPersonalData() ? e.detail() : Privacy.mask(e.detail(), order.openid());
        b.append("<tr class=\"ev ev-").append(escape(e.type())).append("\"><td class=\"num\">").append(event.sequence())
            .append("</td><td>").append(Format.time(e.occurredAt())).append("</td><td class=\"src\">")
            .append(v.t("cause." + source)).append("</td><td>").append(escape(e.type())).append("</td><td>")
            .append(states).append("</td><td class=\"actor\">").append(escape(e.actor())).append("</td><td class=\"num\">")
            .append(Format.amount(e.amount(), v.lang())).append("</td><td class=\"detail\">").append(escape(wechat))
            .append("</td><td class=\"detail\">").append(escape(detail)).append("</td></tr>");
      }
      b.append("</table>");
    }
    return v.page(Labels.get(v.lang(), "order.title") + " " + order.outOrderNo(), "order", b.toString());
  }

  private static String retryForm(View v, OrderRow order, IntentRow intent, RetryForm form) {
    StringBuilder b = new StringBuilder("<form id=\"retry\" method=\"post\" action=\"").append(v.href("/retry"))
        .append("\"><fieldset><legend>").append(v.t("retry.title")).append("</legend>")
        .append(errors(v, form.violations()))
        .append("<p class=\"note\">").append(v.t("retry.explain", intent.kind())).append("</p>")
        .append(v.formFields())
        .append("<input type=\"hidden\" name=\"mchid\" value=\"").append(escape(order.mchid())).append("\">")
        .append("<input type=\"hidden\" name=\"no\" value=\"").append(escape(order.outOrderNo())).append("\">");
    if (v.user() == null) {
      b.append("<label><span>").append(v.t("retry.operator")).append("</span><input id=\"retry-operator\" name=\"operator\" maxlength=\"128\" required value=\"")
          .append(escape(form.operator())).append("\"></label>");
    } else {
      b.append("<p>").append(v.t("retry.operator")).append(": <strong>").append(escape(v.user())).append("</strong></p>");
    }
    return b.append("<label><span>").append(v.t("retry.reason"))
        .append("</span><textarea id=\"retry-reason\" name=\"reason\" rows=\"2\" cols=\"60\" maxlength=\"1000\" required>")
        .append(escape(form.reason())).append("</textarea></label><p><button id=\"retry-submit\">")
        .append(v.t("retry.submit")).append("</button></p></fieldset></form>").toString();
  }

  // ---- errors and pieces ----

  /** A plain page for a refusal (404, 405, 403). */
  public static String message(View v, String key) {
    return v.page(Labels.get(v.lang(), "app"), "", "<p id=\"message\">" + v.t(key) + "</p>");
  }

  static String errors(View v, List<Violation> violations) {
    if (violations.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<div class=\"errors\" id=\"errors\">").append(v.t("errors.title")).append("<ul>");
    violations.forEach(x -> b.append("<li>").append(escape(x)).append("</li>"));
    return b.append("</ul></div>").toString();
  }

  private static String badge(@Nullable Object status) {
    return "<span class=\"badge s-" + escape(status) + "\">" + escape(status) + "</span>";
  }

  private static String select(View v, String name, String label, Collection<String> options, @Nullable String chosen) {
    StringBuilder b = new StringBuilder("<label><span>").append(v.t(label)).append("</span><select name=\"").append(name)
        .append("\" id=\"filter-").append(name).append("\"><option value=\"\">").append(v.t("filter.any")).append("</option>");
    for (String o : options) {
      b.append("<option").append(o.equals(chosen) ? " selected" : "").append(" value=\"").append(escape(o)).append("\">")
          .append(escape(o)).append("</option>");
    }
    return b.append("</select></label>").toString();
  }

  private static String dateInput(View v, String name, String label, @Nullable String value) {
    return "<label><span>" + v.t(label) + "</span><input type=\"datetime-local\" name=\"" + name + "\" id=\"filter-" + name
        + "\" value=\"" + escape(value) + "\"></label>";
  }

  private static List<String> names(Enum<?>[] values) {
    return java.util.Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<String> nonNull(@Nullable String... values) {
    return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toList();
  }
}
