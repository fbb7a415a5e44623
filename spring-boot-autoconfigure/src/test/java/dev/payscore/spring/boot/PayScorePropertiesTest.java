package dev.payscore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.spring.boot.internal.InvalidPayScorePropertiesException;
import dev.payscore.spring.boot.internal.InvalidPayScorePropertiesFailureAnalyzer;
import java.security.KeyPairGenerator;
import java.util.Base64;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Wrong payscore.* properties fail start-up with one message naming every wrong property, and no
 * key, key text or APIv3 key in it (nothing here reaches a database: properties fail first).
 */
final class PayScorePropertiesTest {
  private static final String KEY_TEXT = privateKeyPem();

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PayScoreAutoConfiguration.class))
          .withBean(DataSource.class, PGSimpleDataSource::new);

  private static String privateKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidPayScorePropertiesException cause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidPayScorePropertiesException invalid) {
        return invalid;
      }
    }
    throw new AssertionError("not an InvalidPayScorePropertiesException", failure);
  }

  @Test
  void noMerchantFailsStartUpSayingWhatToConfigure() {
    context.run(
        started -> {
          assertThat(started).hasFailed();
          assertThat(cause(started.getStartupFailure()).problems())
              .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
              .startsWith("payscore.merchants: no merchant configured");
        });
  }

  @Test
  void everyWrongPropertyOfEveryMerchantIsNamedAtOnceWithoutAnySecret() {
    String brokenKey = KEY_TEXT.substring(0, KEY_TEXT.length() - 200) + "\n-----END PRIVATE KEY-----";
    context
        .withPropertyValues(
            "payscore.merchants[0].mchid=1900000109",
            "payscore.merchants[0].private-key=" + brokenKey,
            "payscore.merchants[0].api-v3-key=too-short-secret",
            "payscore.merchants[0].platform-certificates=true",
            "payscore.merchants[1].mchid=1900000110",
            "payscore.merchants[1].serial=ABC",
            "payscore.merchants[1].private-key=file:/nowhere/apiclient_key.pem",
            "payscore.merchants[1].wechat-public-key-id=PUB_KEY_ID_0114",
            "payscore.merchants[1].wechat-public-key=classpath:nowhere.pem",
            "payscore.dispatcher.concurrency=0")
        .run(
            started -> {
              InvalidPayScorePropertiesException invalid = cause(started.getStartupFailure());
              assertThat(invalid.problems())
                  .anyMatch(p -> p.equals("payscore.merchants[0].serial: required"))
                  .anyMatch(p -> p.startsWith("payscore.merchants[0].private-key: ") && p.endsWith("(key not shown)"))
                  .anyMatch(p -> p.startsWith("payscore.merchants[0].api-v3-key: an APIv3 key has 32 bytes"))
                  .anyMatch(p -> p.equals("payscore.merchants[1].private-key: nothing at file:/nowhere/apiclient_key.pem"))
                  .anyMatch(p -> p.equals("payscore.merchants[1].wechat-public-key: nothing at classpath:nowhere.pem"))
                  .anyMatch(p -> p.startsWith("payscore.dispatcher: concurrency < 1"));
              assertThat(invalid.getMessage())
                  .doesNotContain("too-short-secret")
                  .doesNotContain(KEY_TEXT.substring(30, 90));
              FailureAnalysis analysis =
                  new InvalidPayScorePropertiesFailureAnalyzer().analyze(started.getStartupFailure());
              assertThat(analysis.getDescription())
                  .startsWith("payscore cannot start with these properties:\n  - payscore.merchants[0].");
            });
  }

  @Test
  void keyTextWithoutItsBeginLineIsNeverEchoedAsAPath() {
    String body = KEY_TEXT.replace("-----BEGIN PRIVATE KEY-----\n", "");
    context
        .withPropertyValues(
            "payscore.merchants[0].mchid=1900000109",
            "payscore.merchants[0].serial=ABC",
            "payscore.merchants[0].private-key=" + body,
            "payscore.merchants[0].platform-certificates=true",
            "payscore.merchants[0].api-v3-key=0123456789abcdef0123456789ABCDEF")
        .run(
            started ->
                assertThat(cause(started.getStartupFailure()).problems())
                    .containsExactly(
                        "payscore.merchants[0].private-key: nothing at (value not shown: PEM text"
                            + " must start with -----BEGIN)"));
  }

  @Test
  void aGoodMerchantBuildsPayScoreWithoutTouchingTheDatabase() {
    context
        .withPropertyValues(
            "payscore.migrate-on-start=false",
            "payscore.merchants[0].mchid=1900000109",
            "payscore.merchants[0].serial=ABC",
            "payscore.merchants[0].private-key=" + KEY_TEXT,
            "payscore.merchants[0].platform-certificates=true",
            "payscore.merchants[0].api-v3-key=0123456789abcdef0123456789ABCDEF")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              assertThat(started).hasSingleBean(dev.payscore.PayScore.class);
              assertThat(started).hasSingleBean(SpringTransactions.class);
              assertThat(started.getBean(PayScoreProperties.class).getMerchants().get(0).toString())
                  .isEqualTo("Merchant[mchid=1900000109, serial=ABC]");
            });
  }
}
