package dev.payscore.console.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The console's two languages. */
public enum Lang {
  EN("en"),
  ZH("zh-CN");

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  /** The BCP 47 tag, for {@code <html lang>}. */
  public String tag() {
    return tag;
  }

  /** The code of the {@code lang} switch: "en" or "zh". */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** "en" or "zh" (any case); null for anything else. */
  public static @Nullable Lang of(@Nullable String code) {
    if (code == null) {
      return null;
    }
    return switch (code.strip().toLowerCase(Locale.ROOT)) {
      case "en" -> EN;
      case "zh", "zh-cn" -> ZH;
      default -> null;
    };
  }

  /** Chinese when the browser's first choice is Chinese, English otherwise. */
  public static Lang ofAcceptLanguage(@Nullable String header) {
    return header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
  }
}
