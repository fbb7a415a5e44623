package dev.payscore.spring.boot.internal;

import dev.payscore.IntentStats;
import dev.payscore.PayScore;
import dev.payscore.spring.boot.PayScoreProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * payscore's health, whichever Boot asks: the database answers the stats query (one cheap count),
 * the dispatcher runs, fewer intents need attention than the threshold and the oldest pending one
 * is younger than its threshold. {@link Result#problems()} empty means UP.
 */
public final class HealthCheck {
  private final PayScore payScore;
  private final PayScoreProperties.Health thresholds;

  public HealthCheck(PayScore payScore, PayScoreProperties.Health thresholds) {
    this.payScore = payScore;
    this.thresholds = thresholds;
  }

  /** What the indicator shows: the problems (none when UP) and the figures. */
  public record Result(List<String> problems, Map<String, Object> details) {}

  public Result check() {
    List<String> problems = new ArrayList<>();
    Map<String, Object> details = new LinkedHashMap<>();
    boolean running = payScore.isRunning();
    details.put("dispatcher", running ? "running" : "stopped");
    if (!running) {
      problems.add("the dispatcher is not running");
    }
    IntentStats stats;
    try {
      stats = payScore.completions().stats();
    } catch (RuntimeException e) {
      details.put("database", "unreachable: " + e.getClass().getSimpleName());
      problems.add("the database does not answer");
      details.put("problems", problems);
      return new Result(problems, details);
    }
    details.put("database", "up");
    details.put("pending", stats.pending());
    details.put("inFlight", stats.inFlight());
    details.put("needsAttention", stats.needsAttention());
    stats.oldestPendingAge().ifPresent(age -> details.put("oldestPendingAge", age.toString()));
    int attention = thresholds.getNeedsAttentionThreshold();
    if (attention > 0 && stats.needsAttention() >= attention) {
      problems.add(
          stats.needsAttention()
              + " intent(s) need attention (threshold "
              + attention
              + "): GET /actuator/payscore lists them");
    }
    Duration oldest = thresholds.getOldestPendingThreshold();
    stats
        .oldestPendingAge()
        .filter(age -> age.compareTo(oldest) > 0)
        .ifPresent(age -> problems.add("the oldest pending intent waits for " + age + " (> " + oldest + ")"));
    if (!problems.isEmpty()) {
      details.put("problems", problems);
    }
    return new Result(problems, details);
  }
}
