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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returning a rental and completing its Pay Score order in one transaction: the rental's update and
 * payscore's intent commit together or not at all.
 */
@Service
public class RentalService {
  static final String APPID = "wxd678efh567hg6787";
  static final String SERVICE_ID = "500001";

  private final Rentals rentals;
  private final JdbcTemplate jdbc;
  private final PayScore payScore;
  private final MerchantId mchid;

  public RentalService(Rentals rentals, JdbcTemplate jdbc, PayScore payScore,
      org.springframework.core.env.Environment environment) {
    this.rentals = rentals;
    this.jdbc = jdbc;
    this.payScore = payScore;
    this.mchid = MerchantId.of(environment.getRequiredProperty("payscore.merchants[0].mchid"));
  }

  @Transactional
  public Rental open(String outOrderNo) {
    return rentals.save(new Rental(outOrderNo));
  }

  /** JPA: the entity's update and the completion intent commit together. */
  @Transactional
  public RequestCompletionResult returnRental(String outOrderNo, long fee) {
    Rental rental = rentals.findById(outOrderNo).orElseThrow();
    rental.returned(fee);
    return payScore.completions().request(completion(outOrderNo, fee));
  }

  /** JDBC (JdbcTemplate in the same transaction): the same, with SQL. */
  @Transactional
  public RequestCompletionResult returnRentalWithSql(String outOrderNo, long fee) {
    jdbc.update("UPDATE rental SET status = 'RETURNED', fee = ? WHERE out_order_no = ?", fee, outOrderNo);
    return payScore.completions().request(completion(outOrderNo, fee));
  }

  /** Requests, then fails: the rollback takes the intent with it, nothing is sent. */
  @Transactional
  public void returnRentalThenFail(String outOrderNo, long fee) {
    returnRental(outOrderNo, fee);
    throw new IllegalStateException("the till is closed");
  }

  /** Published by payscore after the USER_PAID callback committed. */
  @EventListener
  @Transactional
  public void paid(PayScoreEvent.OrderPaid paid) {
    rentals.findById(paid.outOrderNo().value()).ifPresent(Rental::paid);
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
