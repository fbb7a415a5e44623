package dev.payscore.domain.model;

/** WeChat's {@code state} of a service order (§3.1). */
public enum ServiceOrderState {
  CREATED,
  DOING,
  DONE,
  REVOKED,
  EXPIRED
}
