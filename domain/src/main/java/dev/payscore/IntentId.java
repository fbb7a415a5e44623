package dev.payscore;

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

  public static IntentId parse(String text) {
    return new IntentId(UUID.fromString(text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
