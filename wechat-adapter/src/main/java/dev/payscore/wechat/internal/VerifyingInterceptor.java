package dev.payscore.wechat.internal;

import dev.payscore.wechat.SignatureFailure;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Invocation;

/**
 * Verifies every response (§7.2), error responses included, over its raw bytes before anything
 * parses it, and throws {@link UnverifiableResponseException} when it does not hold. The only
 * response let through unverified is a non-2xx one without any signature header (a proxy's error
 * page): the outcome table never treats such a response as WeChat's word.
 */
public final class VerifyingInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyingInterceptor.class);

  private final Clock clock;

  public VerifyingInterceptor(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    Invocation invocation = request.tag(Invocation.class);
    Endpoint endpoint = invocation == null ? null : invocation.method().getAnnotation(Endpoint.class);
    if (endpoint != null && endpoint.verifiedByCaller()) {
      return response;
    }
    Merchant merchant = Objects.requireNonNull(request.tag(Merchant.class), "Merchant tag");
    byte[] body;
    try (ResponseBody raw = response.body()) {
      body = raw.bytes();
    }
    Response buffered =
        response.newBuilder().body(ResponseBody.create(body, response.body().contentType())).build();
    if (!response.isSuccessful() && !SignatureVerifier.isSigned(response::header)) {
      return buffered;
    }
    SignatureFailure failure =
        SignatureVerifier.verify(response::header, body, merchant.keys()::findOrRefresh, clock.instant());
    if (failure != null) {
      String requestId = response.header("Request-ID");
      LOG.warn("{} {}: response signature not accepted: {} (HTTP {}, Request-ID {})",
          endpoint == null ? request.method() : endpoint.value(),
          request.url().encodedPath(), failure, response.code(), requestId);
      throw new UnverifiableResponseException(failure, response.code(), requestId);
    }
    return buffered;
  }
}
