package dev.payscore.wechat.internal;

import dev.payscore.wechat.SignedRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Signs each request once (§7.1), as an application interceptor so that nothing below it can
 * re-sign or re-send. The body is read to bytes and those very bytes are both signed and sent.
 */
public final class SigningInterceptor implements Interceptor {
  public static final MediaType JSON = MediaType.get("application/json");

  private final Clock clock;
  private final Supplier<String> nonces;
  private final String userAgent;

  public SigningInterceptor(Clock clock, Supplier<String> nonces, String userAgent) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.nonces = Objects.requireNonNull(nonces, "nonces == null");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Merchant merchant = request.tag(Merchant.class);
    if (merchant == null) {
      throw new IllegalStateException("request without a Merchant tag: " + request.url().encodedPath());
    }
    byte[] body = bytes(request.body());
    HttpUrl url = request.url();
    String query = url.encodedQuery();
    String canonicalUrl = url.encodedPath() + (query == null ? "" : "?" + query);
    SignedRequest signed;
    try {
      signed =
          SignedRequest.sign(
              merchant.credentials(),
              request.method(),
              canonicalUrl,
              clock.instant().getEpochSecond(),
              nonces.get(),
              body);
    } catch (RuntimeException e) {
      throw new RequestNotSentException("cannot sign the request: " + e.getMessage(), e);
    }
    Request.Builder signedRequest =
        request
            .newBuilder()
            .header("Authorization", signed.authorization())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    if (request.body() != null) {
      signedRequest
          .header("Content-Type", JSON.toString())
          .method(request.method(), RequestBody.create(body, JSON));
    }
    merchant.keys().keys().requestSerial().ifPresent(id -> signedRequest.header("Wechatpay-Serial", id));
    return chain.proceed(signedRequest.build());
  }

  private static byte[] bytes(RequestBody body) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }
}
