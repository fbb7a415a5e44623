package dev.payscore;

import java.util.regex.Pattern;

/** An AppID bound to the merchant ({@code appid}), at most 32 visible ASCII characters. */
public record AppId(String value) {
  private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]+");

  public AppId {
    Ids.require(value, "appid", 32, VISIBLE);
  }

  public static AppId of(String value) {
    return new AppId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
