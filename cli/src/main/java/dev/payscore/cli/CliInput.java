package dev.payscore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the debugging commands share: required-option checks that report every missing option at
 * once, file reading with one-line errors, and the escaping that makes output exact whatever the
 * terminal's encoding.
 */
final class CliInput {
  private CliInput() {}

  /** A problem to print as one line and exit 1 with; never carries key material. */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  /** Throws one failure naming every option in {@code namesAndValues} (name, value, …) left out. */
  static void requireAll(@Nullable Object... namesAndValues) throws Failure {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        missing.add(String.valueOf(namesAndValues[i]));
      }
    }
    if (!missing.isEmpty()) {
      throw new Failure("missing " + String.join(", ", missing));
    }
  }

  static byte[] read(Path file, String option) throws Failure {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Failure(option + ": no such file: " + file);
    } catch (IOException e) {
      throw new Failure(option + ": cannot read " + file + ": " + e.getMessage());
    }
  }

  static String readText(Path file, String option) throws Failure {
    return new String(read(file, option), StandardCharsets.UTF_8);
  }

  static long epochSeconds(String value, String option) throws Failure {
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new Failure(option + ": not epoch seconds: \"" + value + "\"");
    }
  }

  /**
   * Backslash escapes: {@code \n}, {@code \r}, {@code \t}, {@code \\}, and {@code \}{@code uXXXX}
   * for other control characters and everything outside ASCII, so the output shows the exact text.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** JSON text with non-ASCII as {@code \}{@code uXXXX}: the same JSON value, readable in any encoding. */
  static String asciiJson(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
