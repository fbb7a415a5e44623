package dev.payscore.domain.model;

/** Money in fen (分, 0.01 CNY); never negative. */
public record Amount(long fen) implements Comparable<Amount> {
  public static final Amount ZERO = new Amount(0);

  public Amount {
    if (fen < 0) {
      throw new IllegalArgumentException("amount < 0: " + fen);
    }
  }

  public static Amount ofFen(long fen) {
    return new Amount(fen);
  }

  public boolean isZero() {
    return fen == 0;
  }

  @Override
  public int compareTo(Amount other) {
    return Long.compare(fen, other.fen);
  }

  @Override
  public String toString() {
    return fen + " fen";
  }
}
