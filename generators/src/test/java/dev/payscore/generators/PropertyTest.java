package dev.payscore.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

final class PropertyTest {
  @Test
  void aFailingTryNamesItsSeedAndThatSeedReplaysTheSameValue() throws Throwable {
    List<DynamicTest> tries =
        Property.check(50, Gen.ints(0, 1000), v -> assertThat(v).isLessThan(900))
            .collect(Collectors.toList());
    Throwable failure = null;
    for (DynamicTest t : tries) {
      failure = catchThrowable(() -> t.getExecutable().execute());
      if (failure != null) {
        break;
      }
    }
    assertThat(failure).isInstanceOf(AssertionError.class);
    String message = failure.getMessage();
    assertThat(message).contains("-Dpayscore.seed=0x").contains("falsified by ");
    String seed = message.substring(message.indexOf("-Dpayscore.seed=") + 16).split(" ")[0];
    int value = Integer.parseInt(message.split("falsified by ")[1].split("\n")[0]);
    long parsed = Long.parseUnsignedLong(seed.substring(2), 16);
    assertThat(Gen.ints(0, 1000).next(Property.random(parsed))).isEqualTo(value);
  }

  @Test
  void theSeedPropertyFixesTheFirstTrysSeed() {
    String before = System.getProperty(Property.SEED_PROPERTY);
    System.setProperty(Property.SEED_PROPERTY, "0x2a");
    try {
      DynamicTest first = Property.check(3, Gen.ints(0, 1), v -> {}).findFirst().orElseThrow();
      assertThat(first.getDisplayName()).isEqualTo("try 0 (seed 0x2a)");
    } finally {
      if (before == null) {
        System.clearProperty(Property.SEED_PROPERTY);
      } else {
        System.setProperty(Property.SEED_PROPERTY, before);
      }
    }
  }
}
