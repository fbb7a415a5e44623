package dev.payscore.wechat.internal;

import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.Tag;

/**
 * The service-order endpoints (§2) and the certificate download. Bodies go in as ready bytes (so
 * the signed bytes are the sent bytes) and come back raw (so they are verified before parsing);
 * {@code out_order_no} travels in the path only.
 */
public interface PayScoreService {
  @Endpoint("create")
  @POST("v3/payscore/serviceorder")
  Call<ResponseBody> create(@Tag Merchant merchant, @Body RequestBody body);

  @Endpoint("query")
  @GET("v3/payscore/serviceorder")
  Call<ResponseBody> query(
      @Tag Merchant merchant,
      @Query("service_id") String serviceId,
      @Query("out_order_no") @Nullable String outOrderNo,
      @Query("query_id") @Nullable String queryId,
      @Query("appid") String appid);

  @Endpoint("cancel")
  @POST("v3/payscore/serviceorder/{out_order_no}/cancel")
  Call<ResponseBody> cancel(
      @Tag Merchant merchant, @Path("out_order_no") String outOrderNo, @Body RequestBody body);

  @Endpoint("modify")
  @POST("v3/payscore/serviceorder/{out_order_no}/modify")
  Call<ResponseBody> modify(
      @Tag Merchant merchant, @Path("out_order_no") String outOrderNo, @Body RequestBody body);

  @Endpoint("complete")
  @POST("v3/payscore/serviceorder/{out_order_no}/complete")
  Call<ResponseBody> complete(
      @Tag Merchant merchant, @Path("out_order_no") String outOrderNo, @Body RequestBody body);

  @Endpoint("sync")
  @POST("v3/payscore/serviceorder/{out_order_no}/sync")
  Call<ResponseBody> sync(
      @Tag Merchant merchant, @Path("out_order_no") String outOrderNo, @Body RequestBody body);

  @Endpoint("pay")
  @POST("v3/payscore/serviceorder/{out_order_no}/pay")
  Call<ResponseBody> pay(
      @Tag Merchant merchant, @Path("out_order_no") String outOrderNo, @Body RequestBody body);

  @Endpoint(value = "certificates", verifiedByCaller = true)
  @GET("v3/certificates")
  Call<ResponseBody> certificates(@Tag Merchant merchant);
}
