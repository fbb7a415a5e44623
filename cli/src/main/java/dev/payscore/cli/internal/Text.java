package dev.payscore.cli.internal;

/** Small text helpers for command output. */
public final class Text {
  private Text() {}

  /** {@code text} cut to {@code max} characters with an ellipsis. */
  public static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Control characters (a newline in a detail) as escapes, so one event stays one line. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
