package dev.payscore.persistence.internal;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.payscore.CompleteOrder;
import dev.payscore.IntentKind;
import dev.payscore.StorageException;
import dev.payscore.domain.completion.CompletionPayload;
import dev.payscore.domain.intent.CancelPayload;
import dev.payscore.domain.intent.IntentBody;
import dev.payscore.domain.intent.IntentPayload;
import dev.payscore.domain.intent.ModifyPayload;
import dev.payscore.domain.port.out.CancelOrder;
import dev.payscore.domain.port.out.ModifyOrder;
import java.io.IOException;
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
   * The typed view of a stored intent body: its bytes (already checked against their digest) read
   * as the request of {@code kind}. The bytes themselves are kept as they are, never rebuilt.
   *
   * @throws StorageException if the bytes are not that request
   */
  static IntentPayload payload(IntentKind kind, IntentBody body) {
    byte[] bytes = body.bytes();
    try {
      return switch (kind) {
        case COMPLETE ->
            new CompletionPayload(MAPPER.readValue(bytes, CompleteOrder.class), body);
        case CANCEL -> new CancelPayload(MAPPER.readValue(bytes, CancelOrder.class), body);
        case MODIFY -> new ModifyPayload(MAPPER.readValue(bytes, ModifyOrder.class), body);
      };
    } catch (IOException | RuntimeException e) {
      throw new StorageException(
          "the body is not a " + kind + " request: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
