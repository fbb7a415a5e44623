package dev.payscore.console.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every page needs to render: the language, where the console is mounted, the form fields a
 * POST must carry (the console's CSRF token and the host's), the operator the host authenticated,
 * and the current request (for the language switch).
 */
public record View(
    Lang lang,
    String mount,
    String csrf,
    Map<String, String> hostFormFields,
    @Nullable String user,
    String path,
    Map<String, List<String>> params,
    String scope,
    boolean showPersonalData) {

  /** The console's CSRF form field. */
  public static final String CSRF_FIELD = "csrf";

  private static final String STYLE =
      "body{font:14px/1.45 system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;margin:0;color:#1d2430}"
          + "header{background:#13294b;color:#fff;padding:8px 16px;display:flex;gap:18px;align-items:center;flex-wrap:wrap}"
          + "header a{color:#fff;text-decoration:none}header a.on{border-bottom:2px solid #ffd24d}"
          + "header form{margin-left:auto}header .lang a{margin-left:8px;font-size:12px}"
          + "main{padding:12px 16px}h1{font-size:20px;margin:6px 0 10px}h2{font-size:16px;margin:18px 0 6px}"
          + "table{border-collapse:collapse;margin:6px 0}td,th{border-bottom:1px solid #dde2ea;padding:4px 8px;text-align:left;vertical-align:top}"
          + "th{background:#f1f4f8;font-weight:600}.num{text-align:right}.note{color:#5b6675;font-size:12px}"
          + ".badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;background:#e7ecf3}"
          + ".s-NEEDS_ATTENTION,.q{background:#ffe1c2}.s-FAILED{background:#ffd0d0}.s-SUCCEEDED{background:#d5f2d9}"
          + ".s-PENDING,.s-IN_FLIGHT{background:#dbe9ff}.amount{border-bottom:1px dotted #888;cursor:help}"
          + ".errors{background:#fff0f0;border:1px solid #e0a0a0;padding:6px 12px}.done{background:#effaf0;border:1px solid #9ccfa3;padding:6px 12px}"
          + "form.filters{display:flex;gap:10px;flex-wrap:wrap;align-items:end}label{display:flex;flex-direction:column;font-size:12px;color:#5b6675}"
          + "input,select,button{font:inherit}.src{font-size:12px;color:#5b6675}.detail{max-width:420px;overflow-wrap:anywhere}"
          + "fieldset{border:1px solid #dde2ea;max-width:640px}time{white-space:nowrap}";

  /** The escaped label {@code key}. */
  public String t(String key, Object... argument) {
    return Html.escape(Labels.get(lang, key, argument));
  }

  /** An escaped link target: {@code mount + path}, with the parameters given in pairs (null skipped). */
  public String href(String target, @Nullable String... pairs) {
    StringBuilder url = new StringBuilder(mount).append(target);
    char sep = '?';
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        url.append(sep).append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        sep = '&';
      }
    }
    return Html.escape(url.toString());
  }

  /** The hidden fields every POST form carries. */
  public String formFields() {
    StringBuilder out = new StringBuilder();
    Map<String, String> fields = new LinkedHashMap<>(hostFormFields);
    fields.put(CSRF_FIELD, csrf);
    fields.forEach(
        (name, value) ->
            out.append("<input type=\"hidden\" name=\"")
                .append(Html.escape(name))
                .append("\" value=\"")
                .append(Html.escape(value))
                .append("\">"));
    return out.toString();
  }

  /** A whole page: header with navigation, search and language switch, then {@code body}. */
  public String page(String title, String nav, String body) {
    StringBuilder out = new StringBuilder(body.length() + 4096);
    out.append("<!DOCTYPE html><html lang=\"").append(lang.tag()).append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>").append(Html.escape(title)).append(" · ").append(t("app")).append("</title>")
        .append("<style>").append(STYLE).append("</style></head><body><header>")
        .append("<strong>").append(t("app")).append("</strong>");
    for (String[] item :
        new String[][] {
          {"overview", "/"}, {"attention", "/attention"}, {"intents", "/intents"}, {"order", "/order"}
        }) {
      out.append("<a id=\"nav-").append(item[0]).append("\" href=\"").append(href(item[1])).append('"')
          .append(item[0].equals(nav) ? " class=\"on\"" : "")
          .append('>').append(t("nav." + item[0])).append("</a>");
    }
    out.append("<form method=\"get\" action=\"").append(href("/order")).append("\">")
        .append("<input name=\"no\" id=\"search-no\" placeholder=\"").append(t("search.placeholder"))
        .append("\" maxlength=\"32\"> <button id=\"search-go\">").append(t("search.go")).append("</button></form>")
        .append("<span class=\"lang\">")
        .append(switchTo(Lang.EN, "English"))
        .append(switchTo(Lang.ZH, "中文"))
        .append("</span></header><main><h1>").append(Html.escape(title)).append("</h1>")
        .append("<p class=\"note\">").append(t("times")).append(" · ").append(t("scope", scope)).append("</p>")
        .append(body)
        .append("</main></body></html>");
    return out.toString();
  }

  private String switchTo(Lang target, String name) {
    if (target == lang) {
      return "<a id=\"lang-" + target.code() + "\" class=\"on\">" + name + "</a>";
    }
    StringBuilder url = new StringBuilder(mount).append(path);
    char sep = '?';
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (p.getKey().equals("lang") || p.getKey().equals(CSRF_FIELD)) {
        continue;
      }
      for (String v : p.getValue()) {
        url.append(sep).append(encode(p.getKey())).append('=').append(encode(v));
        sep = '&';
      }
    }
    url.append(sep).append("lang=").append(target.code());
    return "<a id=\"lang-" + target.code() + "\" href=\"" + Html.escape(url.toString()) + "\">" + name + "</a>";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
