package dev.payscore;

import java.util.regex.Pattern;

/** A WeChat Pay merchant number ({@code mchid}): digits, at most 32. */
public record MerchantId(String value) {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  public MerchantId {
    Ids.require(value, "mchid", 32, DIGITS);
  }

  public static MerchantId of(String value) {
    return new MerchantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
