package dev.payscore.persistence.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.payscore.domain.completion.CompleteOrder;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.IntentKind;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import dev.payscore.domain.port.out.StorageException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The jsonb columns: domain records as snake_case JSON (WeChat's names, so a completion payload
 * reads like the body that was sent). A missing list reads as empty, since canonical payloads leave
 * empty {@code post_discounts} out.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = mapper();

  private JsonColumns() {}

  private static ObjectMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return mapper;
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static @Nullable String jsonOrNull(@Nullable Object value) {
    return value == null ? null : json(value);
  }

  static <T> T read(String json, Class<T> type, String column) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new StorageException("cannot read column " + column + " as " + type.getSimpleName(), e);
    }
  }

  static <T> @Nullable T readOrNull(@Nullable String json, Class<T> type, String column) {
    return json == null ? null : read(json, type, column);
  }

  static <T> List<T> readList(String json, TypeReference<List<T>> type, String column) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new StorageException("cannot read column " + column, e);
    }
  }

  /**
   * The payload stored for an intent, rebuilt from its jsonb (which PostgreSQL normalizes) and
   * checked against the digest stored beside it: a row changed behind our back is refused.
   */
  static IntentPayload payload(IntentKind kind, String json, String storedSha256, Object intentId) {
    IntentPayload payload =
        switch (kind) {
          case COMPLETE -> CompletionPayload.of(read(json, CompleteOrder.class, "payload"));
          case CANCEL -> CancelPayload.of(read(json, CancelOrder.class, "payload"));
          case MODIFY -> ModifyPayload.of(read(json, ModifyOrder.class, "payload"));
        };
    if (!payload.sha256().equals(storedSha256)) {
      throw new StorageException(
          kind
              + " intent "
              + intentId
              + ": the stored payload does not match its SHA-256 "
              + storedSha256
              + " (rebuilt: "
              + payload.sha256()
              + ")");
    }
    return payload;
  }
}
