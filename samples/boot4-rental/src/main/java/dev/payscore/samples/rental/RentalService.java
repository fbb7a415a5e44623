package dev.payscore.samples.rental;

import dev.payscore.CompleteOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.PostPayment;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.spring.boot.PayScoreEvent;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returning a rental and completing its Pay Score order in one JDBC transaction (Boot's
 * JdbcTransactionManager): the rental's row and payscore's intent commit together or not at all.
 */
@Service
public class RentalService {
  static final String APPID = "wxd678efh567hg6787";
  static final String SERVICE_ID = "500001";

  private final JdbcTemplate jdbc;
  private final PayScore payScore;
  private final MerchantId mchid;

  public RentalService(JdbcTemplate jdbc, PayScore payScore, Environment environment) {
    this.jdbc = jdbc;
    this.payScore = payScore;
    this.mchid = MerchantId.of(environment.getRequiredProperty("payscore.merchants[0].mchid"));
  }

  @Transactional
  public void open(String outOrderNo) {
    jdbc.update("INSERT INTO rental (out_order_no, status) VALUES (?, 'OPEN')", outOrderNo);
  }

  @Transactional
  public RequestCompletionResult returnRental(String outOrderNo, long fee) {
    jdbc.update("UPDATE rental SET status = 'RETURNED', fee = ? WHERE out_order_no = ?", fee, outOrderNo);
    return payScore.completions().request(completion(outOrderNo, fee));
  }

  /** Requests, then fails: the rollback takes the intent with it, nothing is sent. */
  @Transactional
  public void returnRentalThenFail(String outOrderNo, long fee) {
    returnRental(outOrderNo, fee);
    throw new IllegalStateException("the till is closed");
  }

  public String status(String outOrderNo) {
    return jdbc.queryForObject("SELECT status FROM rental WHERE out_order_no = ?", String.class, outOrderNo);
  }

  /** Published by payscore after the USER_PAID callback committed. */
  @EventListener
  @Transactional
  public void paid(PayScoreEvent.OrderPaid paid) {
    jdbc.update("UPDATE rental SET status = 'PAID' WHERE out_order_no = ?", paid.outOrderNo().value());
  }

  private RequestCompletionCommand completion(String outOrderNo, long fee) {
    return new RequestCompletionCommand(
        mchid,
        OutOrderNo.of(outOrderNo),
        new CompleteOrder(
            APPID, SERVICE_ID, List.of(new PostPayment("租借费用", fee, "2小时", 1)), List.of(),
            fee, null, null, null, null, null),
        "rental-service");
  }
}
