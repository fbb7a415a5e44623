package dev.payscore.console.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the console hides unless started to show personal data: the user's openid, wherever it
 * appears (the order's column, an {@code "openid"} field in a detail, the order's own openid in
 * free text).
 */
public final class Privacy {
  /** What stands for a hidden value. */
  public static final String HIDDEN = "***";

  private static final Pattern OPENID_FIELD =
      Pattern.compile("(\"(?:sub_)?openid\"\\s*:\\s*\")[^\"]*(\")", Pattern.CASE_INSENSITIVE);

  private Privacy() {}

  /** {@code text} with the openid field values and {@code openid} itself replaced. */
  public static @Nullable String mask(@Nullable String text, @Nullable String openid) {
    if (text == null) {
      return null;
    }
    String masked = OPENID_FIELD.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN) + "$2");
    if (openid != null && !openid.isBlank()) {
      masked = masked.replace(openid, HIDDEN);
    }
    return masked;
  }
}
