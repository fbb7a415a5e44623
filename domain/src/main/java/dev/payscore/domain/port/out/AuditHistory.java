package dev.payscore.domain.port.out;

import dev.payscore.AuditEvent;
import dev.payscore.AuditPage;
import dev.payscore.AuditQuery;
import dev.payscore.MerchantId;
import dev.payscore.OutOrderNo;
import java.util.List;

/** Reading the audit history; every query is scoped by merchant. */
public interface AuditHistory {

  /** One order's events in sequence order. */
  List<AuditEvent> ofOrder(MerchantId mchid, OutOrderNo outOrderNo);

  /** A page of a merchant's events in a time range (keyset pagination, stable under appends). */
  AuditPage ofMerchant(AuditQuery query);
}
