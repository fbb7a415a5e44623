package dev.payscore.spring.boot;

import static dev.payscore.spring.boot.internal.BootClasses.DATA_SOURCE_3;
import static dev.payscore.spring.boot.internal.BootClasses.DATA_SOURCE_4;
import static dev.payscore.spring.boot.internal.BootClasses.FLYWAY_3;
import static dev.payscore.spring.boot.internal.BootClasses.FLYWAY_4;

import dev.payscore.DispatcherOptions;
import dev.payscore.PayScore;
import dev.payscore.PayScoreListener;
import dev.payscore.RateLimit;
import dev.payscore.SweepOptions;
import dev.payscore.micrometer.PayScoreMetrics;
import dev.payscore.spring.boot.internal.CallbackRoutes;
import dev.payscore.spring.boot.internal.InvalidPayScorePropertiesException;
import dev.payscore.spring.boot.internal.ListenDataSources;
import dev.payscore.spring.boot.internal.Listeners;
import dev.payscore.spring.boot.internal.MerchantSettings;
import dev.payscore.spring.boot.internal.PayScoreLifecycle;
import dev.payscore.spring.boot.internal.SpringEventsListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * payscore in a Spring Boot application: a {@link PayScore} on the application's {@link
 * DataSource} from the {@code payscore.*} properties ({@link PayScoreProperties}), migrated at
 * start-up, whose requests join {@code @Transactional} ({@link SpringTransactions}), started and
 * stopped with the context, publishing {@link PayScoreEvent}s, answering WeChat's callbacks at
 * {@code payscore.callback-path}. Works on Spring Boot 3.5 and 4.0 (the DataSource and Flyway
 * auto-configurations are named in both their packages).
 */
@AutoConfiguration(afterName = {DATA_SOURCE_3, DATA_SOURCE_4, FLYWAY_3, FLYWAY_4})
@ConditionalOnClass(PayScore.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "payscore", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PayScoreProperties.class)
public class PayScoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public SpringTransactions payScoreTransactions(DataSource dataSource) {
    return new SpringTransactions(dataSource);
  }

  /**
   * The instance, migrated when {@code payscore.migrate-on-start}; closed with the context.
   *
   * @throws InvalidPayScorePropertiesException naming every wrong property at once
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PayScore payScore(
      DataSource dataSource,
      PayScoreProperties properties,
      SpringTransactions transactions,
      ObjectProvider<PayScoreListener> listeners,
      ApplicationEventPublisher events,
      ObjectProvider<PayScoreBuilderCustomizer> customizers,
      ResourceLoader resources) {
    DataSource pool = SpringTransactions.unwrap(dataSource);
    List<PayScoreListener> told = new ArrayList<>(listeners.orderedStream().toList());
    told.add(new SpringEventsListener(events));
    PayScore.Builder builder =
        PayScore.builder()
            .dataSource(pool)
            .transactions(transactions)
            .listener(Listeners.of(told))
            .listen(properties.isListen())
            .callTimeout(properties.getCallTimeout());
    ListenDataSources.outsideThePool(pool).ifPresent(builder::listenDataSource);
    List<String> problems =
        new ArrayList<>(MerchantSettings.apply(properties.getMerchants(), builder, resources));
    if (properties.getEndpoints().getPrimary() != null) {
      builder.endpoint(properties.getEndpoints().getPrimary());
    }
    if (properties.getEndpoints().getBackup() != null) {
      builder.backupEndpoint(properties.getEndpoints().getBackup());
    }
    if (properties.getInstanceName() != null) {
      builder.instanceName(properties.getInstanceName());
    }
    option(problems, "payscore.dispatcher", () -> builder.dispatcherOptions(dispatcher(properties)));
    option(problems, "payscore.sweeps", () -> builder.sweeps(sweeps(properties.getSweeps())));
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    if (!problems.isEmpty()) {
      throw new InvalidPayScorePropertiesException(problems);
    }
    PayScore payScore;
    try {
      payScore = builder.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidPayScorePropertiesException(List.of(String.valueOf(e.getMessage())));
    }
    if (properties.isMigrateOnStart()) {
      try {
        payScore.migrate();
      } catch (RuntimeException e) {
        payScore.close();
        throw e;
      }
    }
    return payScore;
  }

  private static void option(List<String> problems, String prefix, Supplier<?> apply) {
    try {
      apply.get();
    } catch (IllegalArgumentException e) {
      problems.add(prefix + ": " + e.getMessage());
    }
  }

  private static DispatcherOptions dispatcher(PayScoreProperties properties) {
    PayScoreProperties.Dispatcher d = properties.getDispatcher();
    DispatcherOptions options =
        DispatcherOptions.defaults().withShutdownGrace(properties.getShutdownTimeout());
    if (d.getConcurrency() != null) {
      options = options.withConcurrency(d.getConcurrency());
    }
    if (d.getBatchSize() != null) {
      options = options.withBatchSize(d.getBatchSize());
    }
    if (d.getLease() != null) {
      options = options.withLease(d.getLease());
    }
    if (d.getPollInterval() != null) {
      options = options.withPollInterval(d.getPollInterval());
    }
    PayScoreProperties.RateLimit r = properties.getRateLimit();
    if (r.getMaxPerSecond() != null || r.getMinPerSecond() != null) {
      RateLimit defaults = RateLimit.defaults();
      options =
          options.withRateLimit(
              new RateLimit(
                  r.getMaxPerSecond() != null ? r.getMaxPerSecond() : defaults.maxPerSecond(),
                  r.getMinPerSecond() != null ? r.getMinPerSecond() : defaults.minPerSecond(),
                  defaults.recoveryPerSuccess()));
    }
    return options;
  }

  private static SweepOptions sweeps(PayScoreProperties.Sweeps s) {
    SweepOptions d = SweepOptions.defaults();
    return new SweepOptions(
        s.getInterval() != null ? s.getInterval() : d.interval(),
        d.created(),
        d.confirmed(),
        d.completed(),
        s.getBatchSize() != null ? s.getBatchSize() : d.batchSize(),
        d.maxBackOff());
  }

  /** Starts and stops payscore with the context, in {@link PayScoreLifecycle#PHASE}. */
  @Bean
  @ConditionalOnMissingBean
  public PayScoreLifecycle payScoreLifecycle(PayScore payScore) {
    return new PayScoreLifecycle(payScore);
  }

  /**
   * Micrometer meters ({@code payscore.*}) when Micrometer and {@code payscore-micrometer} are on the
   * class path: a listener told before the instance is built (so no event is missed), its gauges
   * reading the stats of the instance at scrape time; Boot binds it to every registry.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"io.micrometer.core.instrument.MeterRegistry", "dev.payscore.micrometer.PayScoreMetrics"})
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    PayScoreMetrics payScoreMetrics(ObjectProvider<PayScore> payScore) {
      return new PayScoreMetrics(() -> payScore.getObject().completions().stats());
    }
  }

  /** WeChat's callbacks, on Spring MVC. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
  static class Callbacks {
    @Bean
    RouterFunction<ServerResponse> payScoreCallbacks(
        PayScore payScore, PayScoreProperties properties) {
      return CallbackRoutes.of(properties.getCallbackPath(), payScore);
    }
  }
}
