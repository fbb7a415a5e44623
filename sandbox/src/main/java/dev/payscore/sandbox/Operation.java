package dev.payscore.sandbox;

/**
 * What the sandbox applied to an order: the merchant's calls that changed it, and what the
 * simulated user and WeChat did. Queries, rejected calls and re-entries are not operations.
 */
public enum Operation {
  CREATE,
  CANCEL,
  MODIFY,
  COMPLETE,
  SYNC,
  PAY,
  USER_CONFIRM,
  USER_PAID,
  EXPIRE
}
