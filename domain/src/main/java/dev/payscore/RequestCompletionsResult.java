package dev.payscore;

import java.util.List;
import java.util.Objects;

/**
 * What a batch of completion requests did: all of them recorded (or found recorded before, for an
 * identical repeat), or none, with every refusal.
 */
public sealed interface RequestCompletionsResult {

  /**
   * Every command was recorded: each result, in command order, is {@link
   * RequestCompletionResult.Requested} (recorded now) or {@link
   * RequestCompletionResult.AlreadyRequested} (the identical completion was recorded before).
   */
  record Recorded(List<RequestCompletionResult> results) implements RequestCompletionsResult {
    public Recorded {
      results = List.copyOf(results);
    }
  }

  /**
   * Nothing of the batch was written: these commands were refused (every one of them, in command
   * order); the commands not named here passed and may be requested again without the refused
   * ones.
   */
  record Refused(List<Refusal> refusals) implements RequestCompletionsResult {
    public Refused {
      refusals = List.copyOf(refusals);
      if (refusals.isEmpty()) {
        throw new IllegalArgumentException("a refused batch has refusals");
      }
    }
  }

  /** Command {@code index} of the batch ({@code command}) and why it was refused. */
  record Refusal(int index, RequestCompletionCommand command, RequestCompletionResult result) {
    public Refusal {
      Objects.requireNonNull(command, "command == null");
      Objects.requireNonNull(result, "result == null");
      if (result instanceof RequestCompletionResult.Requested
          || result instanceof RequestCompletionResult.AlreadyRequested) {
        throw new IllegalArgumentException("not a refusal: " + result);
      }
    }
  }
}
