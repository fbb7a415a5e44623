package dev.payscore.samples.rental;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A rental, keyed by its Pay Score order's out_order_no. */
@Entity
public class Rental {
  @Id private String outOrderNo;
  private String status;
  private Long fee;

  protected Rental() {}

  public Rental(String outOrderNo) {
    this.outOrderNo = outOrderNo;
    this.status = "OPEN";
  }

  public String getOutOrderNo() {
    return outOrderNo;
  }

  public String getStatus() {
    return status;
  }

  public Long getFee() {
    return fee;
  }

  void returned(long fee) {
    this.status = "RETURNED";
    this.fee = fee;
  }

  void paid() {
    this.status = "PAID";
  }
}
