package dev.payscore;

/** The risk-fund kind chosen at create; it decides the cap on the completion total. */
public enum RiskFundName {
  /** 押金, 先免. */
  DEPOSIT,
  /** 预付款, 先免. */
  ADVANCE,
  /** 保证金, 先免. */
  CASH_DEPOSIT,
  /** 预估订单费用, 先享: the total may exceed it, up to the service's risk cap. */
  ESTIMATE_ORDER_COST;

  /** True for 先免 kinds, whose amount caps the completion total (§4.2). */
  public boolean capsTotal() {
    return this != ESTIMATE_ORDER_COST;
  }
}
