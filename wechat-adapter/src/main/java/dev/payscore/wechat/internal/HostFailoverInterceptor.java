package dev.payscore.wechat.internal;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to the backup host only when it provably never left for the primary one (§9):
 * the {@link #CONNECTED} network interceptor marks each attempt once OkHttp holds a connection, so
 * a failure before that mark is a DNS or connect failure. After the mark, a failure (a read
 * timeout, a reset) may have reached WeChat, and the request is not sent again.
 */
public final class HostFailoverInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(HostFailoverInterceptor.class);

  /**
   * The network interceptor to install with this one. It marks an attempt as connected, and it
   * drops {@code Retry-After} from a 503: OkHttp would otherwise send the request again by itself
   * on {@code 503 Retry-After: 0}, whatever {@code retryOnConnectionFailure} says.
   */
  public static final Interceptor CONNECTED =
      chain -> {
        Attempt attempt = chain.request().tag(Attempt.class);
        if (attempt != null) {
          attempt.connected = true;
        }
        Response response = chain.proceed(chain.request());
        return response.code() == 503 && response.header("Retry-After") != null
            ? response.newBuilder().removeHeader("Retry-After").build()
            : response;
      };

  private final @Nullable HttpUrl backup;

  public HostFailoverInterceptor(@Nullable HttpUrl backup) {
    this.backup = backup;
  }

  /** One attempt at one host; set from the network interceptor on the same thread. */
  static final class Attempt {
    volatile boolean connected;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Attempt primary = new Attempt();
    try {
      return chain.proceed(request.newBuilder().tag(Attempt.class, primary).build());
    } catch (IOException e) {
      if (primary.connected || e instanceof UnverifiableResponseException) {
        throw e;
      }
      if (backup == null || chain.call().isCanceled()) {
        throw new RequestNotSentException("not sent: " + e, e);
      }
      HttpUrl url =
          request.url().newBuilder()
              .scheme(backup.scheme())
              .host(backup.host())
              .port(backup.port())
              .build();
      // Expected when the main host is away; the call's outcome is what a person sees.
      LOG.debug("{} {} not sent to {} ({}): sending to the backup host {}",
          request.method(), request.url().encodedPath(), request.url().host(), e.toString(), backup.host());
      Attempt second = new Attempt();
      try {
        return chain.proceed(request.newBuilder().url(url).tag(Attempt.class, second).build());
      } catch (IOException backupFailure) {
        if (second.connected || backupFailure instanceof UnverifiableResponseException) {
          throw backupFailure;
        }
        backupFailure.addSuppressed(e);
        throw new RequestNotSentException("not sent to either host: " + backupFailure, backupFailure);
      }
    }
  }
}
