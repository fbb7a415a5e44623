package dev.payscore.examples;

import dev.payscore.CompleteOrder;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import dev.payscore.PayScore;
import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;
import dev.payscore.spring.boot.PayScoreEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The README's Spring Boot snippet: a service that completes in its own {@code @Transactional}. */
final class SpringRentals {
  private SpringRentals() {}

  // snippet:spring-service
  @Service
  public static class RentalService {
    private static final MerchantId MCHID = MerchantId.of("1900000001");
    private final JdbcTemplate jdbc;
    private final PayScore payScore;                        // the starter's bean

    public RentalService(JdbcTemplate jdbc, PayScore payScore) {
      this.jdbc = jdbc;
      this.payScore = payScore;
    }

    @Transactional                                          // JDBC or JPA, Boot's transaction manager
    public RequestCompletionResult returnRental(String outOrderNo, CompleteOrder bill) {
      jdbc.update("UPDATE rental SET status = 'RETURNED' WHERE out_order_no = ?", outOrderNo);
      return payScore.completions().request(                // joins this transaction: both or neither
          new RequestCompletionCommand(MCHID, OutOrderNo.of(outOrderNo), bill, "rental-service"));
    }                                                       // sent by the dispatcher after the commit

    @EventListener                                          // after payscore's own commit
    public void paid(PayScoreEvent.OrderPaid paid) {
      jdbc.update("UPDATE rental SET status = 'PAID' WHERE out_order_no = ?", paid.outOrderNo().value());
    }
  }
  // end-snippet
}
