package dev.payscore.console.internal;

import java.util.Map;
import java.util.Set;

/**
 * Every label of the console in English and Chinese. A placeholder {@code {0}} takes an argument
 * (escaped by the caller like any other text).
 */
public final class Labels {
  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          l("app", "payscore console", "payscore 控制台"),
          l("nav.overview", "Overview", "概览"),
          l("nav.attention", "Needs attention", "待处理"),
          l("nav.intents", "Intents", "意图"),
          l("nav.order", "Order timeline", "订单时间线"),
          l("search.placeholder", "out_order_no", "商户订单号"),
          l("search.go", "Open", "查看"),
          l("times", "Times in Asia/Shanghai (UTC+08:00)", "时间为北京时间 Asia/Shanghai（UTC+08:00）"),
          l("scope", "Merchants: {0}", "商户：{0}"),
          l("scope.all", "all", "全部"),
          l("col.merchant", "Merchant", "商户号"),
          l("col.order", "Order", "商户订单号"),
          l("col.kind", "Kind", "类型"),
          l("col.status", "Status", "状态"),
          l("col.reason", "Reason", "原因"),
          l("col.age", "Waiting", "已等待"),
          l("col.attempts", "Attempts", "尝试次数"),
          l("col.amount", "Amount", "金额"),
          l("col.created", "Requested", "请求时间"),
          l("col.updated", "Updated", "更新时间"),
          l("col.generation", "Gen.", "代次"),
          l("col.outcome", "Last outcome", "最近结果"),
          l("col.time", "Time", "时间"),
          l("col.source", "Source", "来源"),
          l("col.event", "Event", "事件"),
          l("col.states", "State", "状态变化"),
          l("col.actor", "Actor", "操作者"),
          l("col.wechat", "WeChat's answer", "微信返回"),
          l("col.detail", "Detail", "详情"),
          l("col.count", "Count", "数量"),
          l("col.requestedBy", "Requested by", "请求方"),
          l("quarantined", "quarantined", "已隔离"),
          l("attention.title", "Intents that need a person", "需要人工处理的意图"),
          l("attention.none", "Nothing needs attention.", "没有需要处理的意图。"),
          l("attention.summary", "By merchant, kind and reason", "按商户、类型和原因汇总"),
          l(
              "attention.failed",
              "Failed in the last 7 days (final: a corrected request supersedes them)",
              "最近 7 天失败的意图（终态：发起修正后的请求以取代）"),
          l("attention.quarantinedOnly", "Quarantined only", "仅已隔离"),
          l("filter.any", "any", "全部"),
          l("filter.apply", "Filter", "筛选"),
          l("filter.from", "Requested from", "请求时间起"),
          l("filter.to", "to", "至"),
          l("intents.title", "Intents (complete, cancel, modify)", "意图（完结、取消、修改）"),
          l("intents.next", "Next page →", "下一页 →"),
          l("intents.first", "← First page", "← 第一页"),
          l("intents.none", "No intents match.", "没有符合条件的意图。"),
          l("order.title", "Order timeline", "订单时间线"),
          l("order.prompt", "Give an out_order_no.", "请输入商户订单号。"),
          l("order.notFound", "No order {0} among this console's merchants.", "本控制台的商户中没有订单 {0}。"),
          l("order.choose", "Several merchants have order {0}:", "多个商户有订单 {0}："),
          l("order.lifecycle", "Lifecycle", "订单状态"),
          l("order.total", "Total", "总金额"),
          l("order.wechatId", "WeChat order id", "微信订单号"),
          l("order.hidden", "hidden (--show-personal-data shows it)", "已隐藏（--show-personal-data 可显示）"),
          l("order.intents", "Intents of this order", "此订单的意图"),
          l("order.history", "History", "审计历史"),
          l("order.noHistory", "No audit events.", "没有审计事件。"),
          l("retry.title", "Retry as an operator", "以操作员身份重试"),
          l(
              "retry.explain",
              "Puts the {0} intent back in line: due now, attempts counted from zero; its frozen"
                  + " bytes are sent again unchanged. Fix what was wrong first.",
              "将 {0} 意图重新排队：立即到期，尝试次数清零；原冻结的请求字节将原样再次发送。请先修复问题。"),
          l("retry.operator", "Your name", "操作员"),
          l("retry.reason", "Reason", "原因"),
          l("retry.submit", "Retry", "重试"),
          l("result.requeued", "Requeued by {0}: the intent is PENDING again.", "{0} 已重新排队：意图重新处于 PENDING。"),
          l(
              "result.notNeedingAttention",
              "Not retried: the intent is {0}; only an intent that needs attention is retried.",
              "未重试：意图状态为 {0}；只有待处理的意图可以重试。"),
          l(
              "result.unreadable",
              "Not retried: the row still cannot be read. Repair it, or request a corrected intent"
                  + " of its kind, which supersedes it.",
              "未重试：该行仍无法读取。请修复，或发起同类型的修正请求以取代它。"),
          l("result.notFound", "Not retried: no intent was requested for this order.", "未重试：此订单没有意图。"),
          l("overview.title", "Overview", "概览"),
          l("overview.byStatus", "Intents by status", "各状态的意图数"),
          l("overview.quarantined", "of which quarantined", "其中已隔离"),
          l("overview.oldestPending", "Oldest pending", "最早的待发送意图"),
          l("overview.none", "none", "无"),
          l("overview.chart", "Completions per minute, last {0} h", "每分钟完结数（最近 {0} 小时）"),
          l("overview.chartTotal", "{0} in all", "共 {0} 笔"),
          l("errors.title", "Please correct:", "请更正："),
          l("error.notFound", "No such page.", "没有这个页面。"),
          l("error.method", "Only GET, and POST for the retry.", "仅支持 GET，以及重试用的 POST。"),
          l(
              "error.csrf",
              "Refused: the form's CSRF token is missing or wrong. Reload the page and try again.",
              "已拒绝：表单的 CSRF 令牌缺失或不正确。请刷新页面后重试。"),
          l("cause.REQUEST", "request", "请求"),
          l("cause.API_CALL", "attempt", "调用"),
          l("cause.QUERY", "query", "查询"),
          l("cause.CALLBACK", "callback", "回调"),
          l("cause.OPERATOR", "operator", "操作员"),
          l("cause.STORAGE", "storage", "存储"),
          l("cause.TRANSITION", "transition", "状态变更"));

  private Labels() {}

  private static Map.Entry<String, String[]> l(String key, String en, String zh) {
    return Map.entry(key, new String[] {en, zh});
  }

  /** The label {@code key} in {@code lang}, its {@code {0}} replaced by {@code argument}. */
  public static String get(Lang lang, String key, Object... argument) {
    String[] both = LABELS.get(key);
    if (both == null) {
      throw new IllegalArgumentException("no label " + key);
    }
    String text = both[lang.ordinal()];
    return argument.length == 0 ? text : text.replace("{0}", String.valueOf(argument[0]));
  }

  /** Every key (for the test that both languages have each). */
  static Set<String> keys() {
    return LABELS.keySet();
  }
}
