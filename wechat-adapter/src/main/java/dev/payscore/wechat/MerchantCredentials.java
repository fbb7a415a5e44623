package dev.payscore.wechat;

import dev.payscore.domain.model.MerchantId;
import java.security.PrivateKey;
import java.util.Objects;

/**
 * What a merchant signs requests with: its {@code mchid}, the serial of its API certificate
 * ({@code serial_no} in {@code Authorization}) and the matching RSA private key
 * ({@code apiclient_key.pem}). {@link #toString()} never shows the key.
 */
public record MerchantCredentials(MerchantId mchid, String certificateSerial, PrivateKey privateKey) {
  public MerchantCredentials {
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(certificateSerial, "certificateSerial == null");
    Objects.requireNonNull(privateKey, "privateKey == null");
    if (certificateSerial.isBlank()) {
      throw new IllegalArgumentException("certificateSerial is blank");
    }
    if (!"RSA".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("privateKey is not RSA: " + privateKey.getAlgorithm());
    }
  }

  @Override
  public String toString() {
    return "MerchantCredentials[mchid=" + mchid + ", certificateSerial=" + certificateSerial
        + ", privateKey=<redacted>]";
  }
}
