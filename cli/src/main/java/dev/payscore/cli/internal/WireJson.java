package dev.payscore.cli.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads WeChat's wire JSON strictly: no string-to-number or number-to-string coercion, no
 * fractional amounts, no duplicate keys, nothing after the document. Unknown fields are ignored
 * (responses carry more than a command needs). Every failure becomes one {@link UnreadableInput}
 * line naming the file and, when the JSON is at fault, its line, column and field.
 */
public final class WireJson {
  private final ObjectMapper mapper;

  public WireJson() {
    JsonMapper json =
        JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    for (LogicalType type :
        List.of(LogicalType.Integer, LogicalType.Boolean, LogicalType.Textual)) {
      json.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    this.mapper = json;
  }

  /** The mapper, for writing output lines too. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Reads {@code file} as a {@code type}; {@code shown} is how the file is named in errors. */
  public <T> T read(Path file, String shown, Class<T> type) throws UnreadableInput {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UnreadableInput(shown + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UnreadableInput(shown + ": permission denied");
    } catch (IOException e) {
      throw new UnreadableInput(shown + ": " + oneLine(String.valueOf(e.getMessage())));
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw new UnreadableInput(shown + ": expected a JSON object, found null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new UnreadableInput(shown + ": " + position(e) + oneLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UnreadableInput(shown + ": " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static String position(JsonProcessingException e) {
    StringBuilder where = new StringBuilder();
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      where.append("line ").append(location.getLineNr());
      where.append(", column ").append(location.getColumnNr());
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      where.append(where.length() == 0 ? "" : " ").append("at ").append(path(mapping.getPath()));
    }
    return where.length() == 0 ? "" : where.append(": ").toString();
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /**
   * Jackson's message on one line, in JSON's words rather than Java's: no class names, no hints
   * about Jackson settings.
   */
  private static String oneLine(String message) {
    String line = message.replaceAll("\\s*\\R\\s*", " ").trim();
    for (String[] plain : PLAIN_WORDS) {
      line = line.replace(plain[0], plain[1]);
    }
    return line.replaceAll(" \\((but (could|might) if coercion|token `|index \\d)[^)]*\\)", "")
        .replaceAll("`dev\\.payscore\\.[a-z.]+\\.(\\w+)`", "$1");
  }

  private static final List<String[]> PLAIN_WORDS =
      List.of(
          new String[] {"`dev.payscore.cli.internal.WireCompleteOrder`", "a JSON object"},
          new String[] {"`dev.payscore.cli.internal.WireOrder`", "a JSON object"},
          new String[] {"`java.lang.String` value", "a string"},
          new String[] {"`java.lang.Long` value", "an integer"},
          new String[] {"`java.lang.Integer` value", "an integer"},
          new String[] {"`java.lang.Boolean` value", "a boolean"},
          new String[] {"`java.lang.Long`", "an integer"},
          new String[] {"`java.lang.Integer`", "an integer"},
          new String[] {"`long`", "an integer"},
          new String[] {"Missing required creator property", "Missing required field"});

  /** The input cannot be used; the message is the one line to print. */
  public static final class UnreadableInput extends Exception {
    public UnreadableInput(String message) {
      super(message);
    }
  }
}
