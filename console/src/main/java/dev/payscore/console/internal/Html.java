package dev.payscore.console.internal;

import org.jspecify.annotations.Nullable;

/** Escaping for HTML text and attribute values: everything the console prints goes through it. */
public final class Html {
  private Html() {}

  /** {@code value} as HTML text or a quoted attribute value; null is empty. */
  public static String escape(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // control characters (other than tab and newline) would only confuse a reader
          if (c < 0x20 && c != '\t' && c != '\n') {
            out.append("&#xfffd;");
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
