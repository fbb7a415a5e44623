package dev.payscore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a release publishes is complete: the licence, the metadata Maven Central asks for, a BOM
 * that lists every published module, and a comment on every public type of their API (the release
 * javadoc fails on any other doclint warning).
 */
final class PublishingTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public (?:final |abstract |sealed |non-sealed |static )*(?:class|interface|record|enum|@interface) (\\w+)",
          Pattern.MULTILINE);

  @Test
  void theLicenceIsApache2AndThePomsSayWhatCentralAsks() throws Exception {
    assertThat(Files.readString(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8))
        .contains("Apache License", "Version 2.0, January 2004");
    for (Document pom : List.of(pom(ROOT.resolve("pom.xml")), pom(ROOT.resolve("bom/pom.xml")))) {
      Element project = pom.getDocumentElement();
      assertThat(text(project, "url")).isNotBlank();
      assertThat(text(child(child(project, "licenses"), "license"), "name")).isEqualTo("Apache-2.0");
      assertThat(text(child(child(project, "developers"), "developer"), "name")).isNotBlank();
      assertThat(text(child(project, "scm"), "connection")).startsWith("scm:git:");
      assertThat(text(child(project, "scm"), "url")).isNotBlank();
    }
    for (String module : publishedModules()) {
      Element project = pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      assertThat(text(project, "name")).as(module).isNotBlank();
      assertThat(text(project, "description")).as(module).isNotBlank();
    }
  }

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Element bom = pom(ROOT.resolve("bom/pom.xml")).getDocumentElement();
    List<String> listed = new ArrayList<>();
    NodeList dependencies = child(bom, "dependencyManagement").getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      listed.add(text(dependency, "artifactId"));
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
    }
    List<String> published = new ArrayList<>();
    for (String module : publishedModules()) {
      published.add(text(pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
    }

    assertThat(text(bom, "version"))
        .isEqualTo(text(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    assertThat(published).contains("payscore-engine", "payscore-testing");
    assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void everyPublicTypeOfAPublishedModuleOutsideInternalHasAComment() throws Exception {
    List<String> undocumented = new ArrayList<>();
    for (String module : publishedModules()) {
      Path sources = ROOT.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file :
            files
                .filter(f -> f.toString().endsWith(".java"))
                .filter(f -> !f.toString().contains("/internal/"))
                .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                .toList()) {
          String source = Files.readString(file, StandardCharsets.UTF_8);
          Matcher type = PUBLIC_TYPE.matcher(source);
          if (type.find() && !commentedBefore(source, type.start())) {
            undocumented.add(module + ": " + type.group(1));
          }
        }
      }
    }

    assertThat(undocumented).isEmpty();
  }

  /**
   * Whether a javadoc comment ends right before {@code at}, past annotations (whose arguments may
   * span lines, parentheses balanced).
   */
  private static boolean commentedBefore(String source, int at) {
    int end = source.lastIndexOf("*/", at);
    if (end < 0 || source.lastIndexOf("/**", end) < 0) {
      return false;
    }
    String between = source.substring(end + 2, at);
    int i = 0;
    while (true) {
      while (i < between.length() && Character.isWhitespace(between.charAt(i))) {
        i++;
      }
      if (i == between.length()) {
        return true;
      }
      if (between.charAt(i) != '@') {
        return false;
      }
      i++;
      while (i < between.length()
          && (Character.isJavaIdentifierPart(between.charAt(i)) || between.charAt(i) == '.')) {
        i++;
      }
      if (i < between.length() && between.charAt(i) == '(') {
        int depth = 0;
        do {
          char c = between.charAt(i++);
          depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        } while (depth > 0 && i < between.length());
      }
    }
  }

  /** The modules whose pom does not set {@code maven.deploy.skip}, the parent's list order. */
  private static List<String> publishedModules() throws Exception {
    List<String> published = new ArrayList<>();
    NodeList modules = pom(ROOT.resolve("pom.xml")).getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().trim();
      Element project = pom(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement();
      Element properties = child(project, "properties");
      boolean skipped =
          properties != null
              && child(properties, "maven.deploy.skip") != null
              && text(properties, "maven.deploy.skip").equals("true");
      if (!skipped && !module.equals("bom")) {
        published.add(module);
      }
    }
    return published;
  }

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static @Nullable Element child(@Nullable Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(@Nullable Element parent, String name) throws IOException {
    Element child = child(parent, name);
    assertThat(child).as("<%s>", name).isNotNull();
    return child.getTextContent().trim();
  }
}
