package dev.payscore.spring.boot;

import dev.payscore.PayScore;

/**
 * Changes the {@link PayScore.Builder} after the properties were applied (a billing convention,
 * completion limits, a clock, an OkHttp client): every bean of this type is applied in order.
 *
 * <pre>{@code
 * @Bean
 * PayScoreBuilderCustomizer rentalBilling() {
 *   return builder -> builder.billingConvention(BillingConvention.RENTAL);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PayScoreBuilderCustomizer {
  void customize(PayScore.Builder builder);
}
