package dev.payscore.domain.port.out;

import dev.payscore.AppId;
import dev.payscore.OutOrderNo;
import dev.payscore.ServiceId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A query by exactly one of {@code out_order_no} and {@code query_id} (§2.2). */
public record OrderQuery(
    AppId appid, ServiceId serviceId, @Nullable OutOrderNo outOrderNo, @Nullable String queryId) {
  public OrderQuery {
    Objects.requireNonNull(appid, "appid == null");
    Objects.requireNonNull(serviceId, "serviceId == null");
    if ((outOrderNo == null) == (queryId == null)) {
      throw new IllegalArgumentException("give exactly one of out_order_no and query_id");
    }
    if (queryId != null && (queryId.isEmpty() || queryId.length() > 512)) {
      throw new IllegalArgumentException("query_id must have 1..512 characters");
    }
  }

  public static OrderQuery byOutOrderNo(AppId appid, ServiceId serviceId, OutOrderNo outOrderNo) {
    return new OrderQuery(appid, serviceId, outOrderNo, null);
  }

  public static OrderQuery byQueryId(AppId appid, ServiceId serviceId, String queryId) {
    return new OrderQuery(appid, serviceId, null, queryId);
  }
}
