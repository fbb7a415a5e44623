package dev.payscore.sandbox.internal;

import dev.payscore.sandbox.Endpoint;
import dev.payscore.sandbox.FaultKind;
import dev.payscore.sandbox.FaultRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The fault rules in force and the seeded random that decides the probabilistic ones. Decisions
 * are made under one lock in arrival order, so the same sequence of calls sees the same faults.
 */
public final class Faults {
  private static final class Slot {
    final FaultRule rule;
    int remaining;

    Slot(FaultRule rule) {
      this.rule = rule;
      this.remaining = rule.times();
    }
  }

  private final Random random;
  private final List<Slot> slots = new ArrayList<>();

  public Faults(long seed, List<FaultRule> rules) {
    this.random = new Random(seed);
    rules.forEach(this::add);
  }

  public synchronized void add(FaultRule rule) {
    slots.add(new Slot(Objects.requireNonNull(rule, "rule == null")));
  }

  public synchronized void clear() {
    slots.clear();
  }

  /** The rules still able to fire, with their remaining count as {@code times}. */
  public synchronized List<FaultRule> rules() {
    List<FaultRule> rules = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.remaining != 0) {
        rules.add(slot.rule.times(slot.remaining));
      }
    }
    return rules;
  }

  /** The first rule that fires for this call, or null; a fired rule counts down. */
  public synchronized @Nullable FaultRule decide(
      Endpoint endpoint, @Nullable String outOrderNo, boolean backupHost) {
    for (Slot slot : slots) {
      FaultRule rule = slot.rule;
      if (slot.remaining == 0 || !rule.matches(endpoint, outOrderNo)) {
        continue;
      }
      if (backupHost && rule.kind() == FaultKind.MAIN_HOST_UNAVAILABLE) {
        continue;
      }
      if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
        continue;
      }
      if (slot.remaining > 0) {
        slot.remaining--;
      }
      return rule;
    }
    return null;
  }
}
