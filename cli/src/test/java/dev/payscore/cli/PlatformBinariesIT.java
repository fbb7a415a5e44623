package dev.payscore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.testing.database.EmbeddedBinaries;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one {@code payscore.jar} runs the demo's embedded PostgreSQL on every supported platform:
 * for each os/arch, zonky's own resolver, loaded from the jar alone, finds that platform's native
 * binaries in it. (Failsafe runs this after {@code package} built the jar.)
 */
final class PlatformBinariesIT {
  private static final Path JAR = Path.of("target", "payscore.jar");

  @BeforeAll
  static void theJarIsBuilt() {
    assertThat(JAR).as("run by failsafe after package").exists();
  }

  /** os.name and os.arch as zonky passes them (uname -s style) for each platform. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "Linux, amd64, Linux, x86_64",
    "Linux, aarch64, Linux, aarch64",
    "Mac OS X, x86_64, Darwin, x86_64",
    "Mac OS X, aarch64, Darwin, aarch64",
    "Windows 11, amd64, Windows, x86_64",
  })
  void zonkyResolvesEachPlatformsNativeBinariesFromTheJarAlone(
      String osName, String osArch, String system, String hardware) throws Exception {
    EmbeddedBinaries binaries = EmbeddedBinaries.forPlatform(osName, osArch).orElseThrow();

    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getEntry(binaries.resource())).as(binaries.resource()).isNotNull();
    }
    try (URLClassLoader alone =
            new URLClassLoader(
                new URL[] {JAR.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        InputStream binary = resolve(alone, system, hardware)) {
      byte[] magic = binary.readNBytes(6);
      assertThat(magic).as("an xz archive").containsExactly(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00);
    }
  }

  private static InputStream resolve(ClassLoader loader, String system, String hardware)
      throws Exception {
    Class<?> resolver =
        Class.forName("io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver", true, loader);
    Object instance = resolver.getField("INSTANCE").get(null);
    return (InputStream)
        resolver
            .getMethod("getPgBinary", String.class, String.class)
            .invoke(instance, system, hardware);
  }
}
