package dev.payscore.domain.port.in;

import dev.payscore.RequestCompletionCommand;
import dev.payscore.RequestCompletionResult;

/**
 * Asks for a completion (完结) of a service order, inside the caller's transaction: the request is
 * validated, the order's state guarded, the payload frozen and recorded as an intent that the
 * engine then sends. Refusals are {@link RequestCompletionResult} values; nothing is written on any
 * of them.
 */
public interface RequestCompletion {

  RequestCompletionResult request(RequestCompletionCommand command);
}
