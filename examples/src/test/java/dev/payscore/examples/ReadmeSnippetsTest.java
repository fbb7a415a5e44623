package dev.payscore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README is a compiled snippet: it is preceded by {@code <!-- snippet:
 * NAME -->} and equals the lines between {@code // snippet:NAME} and {@code // end-snippet} in this
 * module's sources (with their common indentation removed).
 */
final class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern README_BLOCK =
      Pattern.compile("(<!-- snippet: ([a-z-]+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SOURCE_SNIPPET =
      Pattern.compile("\\n[ ]*// snippet:([a-z-]+)\\n(.*?)\\n[ ]*// end-snippet\\n", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfTheReadmeIsACompiledSnippetVerbatim() throws IOException {
    Map<String, String> snippets = sourceSnippets();
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = README_BLOCK.matcher(readme);
    List<String> shown = new ArrayList<>();
    while (block.find()) {
      String name = block.group(2);
      assertThat(name)
          .as("a ```java block without <!-- snippet: NAME --> before it:%n%s", block.group(3))
          .isNotNull();
      assertThat(snippets).as("snippets in %s", SOURCES).containsKey(name);
      assertThat(block.group(3)).as("README snippet %s", name).isEqualTo(snippets.get(name));
      shown.add(name);
    }
    assertThat(shown).as("snippets the README shows").isNotEmpty().doesNotHaveDuplicates();
    assertThat(shown).as("every example snippet is in the README").containsExactlyInAnyOrderElementsOf(snippets.keySet());
  }

  @Test
  void snippetsAreFoundWithTheirIndentationRemoved() {
    String source = "class A {\n  void f() {\n    // snippet:x\n    a();\n      b();\n    // end-snippet\n  }\n}\n";

    assertThat(snippetsOf(source)).containsEntry("x", "a();\n  b();\n");
  }

  private static Map<String, String> sourceSnippets() throws IOException {
    Map<String, String> snippets = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        snippetsOf(Files.readString(file, StandardCharsets.UTF_8))
            .forEach(
                (name, text) ->
                    assertThat(snippets.put(name, text)).as("snippet %s defined twice", name).isNull());
      }
    }
    return snippets;
  }

  static Map<String, String> snippetsOf(String source) {
    Map<String, String> snippets = new LinkedHashMap<>();
    Matcher snippet = SOURCE_SNIPPET.matcher(source);
    while (snippet.find()) {
      List<String> lines = snippet.group(2).lines().toList();
      int indent =
          lines.stream()
              .filter(l -> !l.isBlank())
              .mapToInt(l -> l.length() - l.stripLeading().length())
              .min()
              .orElse(0);
      StringBuilder text = new StringBuilder();
      for (String line : lines) {
        text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
      }
      snippets.put(snippet.group(1), text.toString());
    }
    return snippets;
  }
}
