package dev.payscore.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.payscore.PayScore;
import dev.payscore.testing.fakes.ScriptedPayScoreGateway;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** The console is off unless enabled, and a wrong path or merchant stops the start, named. */
class ConsoleMountTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PayScoreConsoleAutoConfiguration.class))
          .withBean(DataSource.class, PGSimpleDataSource::new)
          .withBean(
              PayScore.class,
              () -> PayScore.builder().dataSource(new PGSimpleDataSource())
                  .gateway(new ScriptedPayScoreGateway()).listen(false).build());

  @Test
  void offByDefault() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void mountedUnderThePathWhenEnabled() {
    runner
        .withPropertyValues("payscore.console.enabled=true")
        .run(context -> assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings())
            .containsExactly("/payscore/console/*"));
  }

  @Test
  void everyWrongPropertyIsNamedAtOnce() {
    runner
        .withPropertyValues(
            "payscore.console.enabled=true", "payscore.console.path=ops/", "payscore.console.merchants=x")
        .run(context -> assertThat(context).getFailure().rootCause()
            .hasMessageContaining("payscore.console.path must start with /")
            .hasMessageContaining("payscore.console.merchants"));
  }
}
