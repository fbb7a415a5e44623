package dev.payscore.samples.rental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.PayScore;
import dev.payscore.samples.support.FreshDatabase;
import dev.payscore.samples.support.SandboxMerchant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The other order: the application's Flyway had run its V1 before payscore's first start, and
 * payscore migrates beside it on start-up (own location, schema and history table).
 */
@SpringBootTest
class AppFlywayFirstTest {
  static final SandboxMerchant WECHAT = SandboxMerchant.start();
  static final FreshDatabase DATABASE =
      FreshDatabase.create("boot4_app_first").migratedByTheApplicationsFlyway();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DATABASE::url);
    WECHAT.properties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopWechat() {
    WECHAT.close();
  }

  @Autowired PayScore payScore;
  @Autowired JdbcTemplate jdbc;

  @Test
  void bothHistoriesHoldTheirOwnMigrations() {
    assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history", String.class))
        .containsExactly("1");
    assertThat(payScore.migrate().migrations()).as("payscore migrated at start-up").isEmpty();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM payscore.completion_intent", Integer.class))
        .isZero();
  }
}
