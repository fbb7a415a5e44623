package dev.payscore.testing.fakes;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Reads a stored request body (wire names, snake_case) back into the request it holds. */
final class StoredBodies {
  private static final JsonMapper MAPPER = mapper();

  private StoredBodies() {}

  private static JsonMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    // canonical bodies leave an empty post_discounts out
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return mapper;
  }

  static <T> T read(byte[] body, Class<T> type) {
    Objects.requireNonNull(body, "body == null");
    try {
      return MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new UncheckedIOException("not a " + type.getSimpleName() + " body", e);
    }
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
