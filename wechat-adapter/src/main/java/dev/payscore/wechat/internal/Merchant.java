package dev.payscore.wechat.internal;

import dev.payscore.MerchantCredentials;
import java.util.Objects;

/**
 * The per-call request tag: whose credentials sign the request and whose keys verify the answer.
 * Retrofit's {@code @Tag} puts it on each request, so one client serves several merchants.
 */
public record Merchant(MerchantCredentials credentials, KeyRing keys) {
  public Merchant {
    Objects.requireNonNull(credentials, "credentials == null");
    Objects.requireNonNull(keys, "keys == null");
  }
}
