package dev.payscore;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The identity of an intent, chosen by the domain so the caller knows it before commit. */
public record IntentId(UUID value) {
  public IntentId {
    Objects.requireNonNull(value, "value == null");
  }

  public static IntentId random() {
    return new IntentId(UUID.randomUUID());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static IntentId parse(String text) {
    return new IntentId(UUID.fromString(text));
  }

  /** The UUID, which JSON shows as its text (never {@code {"value": …}}). */
  @JsonValue
  @Override
  public UUID value() {
    return value;
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
