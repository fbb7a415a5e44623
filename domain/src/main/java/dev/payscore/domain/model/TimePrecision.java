package dev.payscore.domain.model;

/** The two precisions of a Pay Score time; an order keeps the one it was created with. */
public enum TimePrecision {
  /** {@code yyyyMMddHHmmss}. */
  SECOND,
  /** {@code yyyyMMdd}. */
  DAY
}
