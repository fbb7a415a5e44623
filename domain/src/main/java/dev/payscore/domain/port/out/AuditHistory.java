package dev.payscore.domain.port.out;

import dev.payscore.domain.audit.AuditEvent;
import dev.payscore.domain.audit.AuditPage;
import dev.payscore.domain.audit.AuditQuery;
import dev.payscore.domain.model.MerchantId;
import dev.payscore.domain.model.OutOrderNo;
import java.util.List;

/** Reading the audit history; every query is scoped by merchant. */
public interface AuditHistory {

  /** One order's events in sequence order. */
  List<AuditEvent> ofOrder(MerchantId mchid, OutOrderNo outOrderNo);

  /** A page of a merchant's events in a time range (keyset pagination, stable under appends). */
  AuditPage ofMerchant(AuditQuery query);
}
