package dev.payscore.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied operation: when (on the sandbox clock), to which order, the request body exactly as
 * received (empty for user and WeChat actions) and the state it left the order in, as {@code
 * STATE[/STATE_DESCRIPTION]}. Lets a test assert "complete applied exactly once, with this total".
 */
public record LedgerEntry(
    long sequence,
    Instant time,
    String mchid,
    String outOrderNo,
    Operation operation,
    String requestBody,
    String resultingState) {

  public LedgerEntry {
    Objects.requireNonNull(time, "time == null");
    Objects.requireNonNull(mchid, "mchid == null");
    Objects.requireNonNull(outOrderNo, "outOrderNo == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(requestBody, "requestBody == null");
    Objects.requireNonNull(resultingState, "resultingState == null");
  }
}
