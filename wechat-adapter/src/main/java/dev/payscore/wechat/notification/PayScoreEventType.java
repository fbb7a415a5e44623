package dev.payscore.wechat.notification;

import java.util.Optional;

/** The callback events of Pay Score service orders (§8.1). */
public enum PayScoreEventType {
  /** The user confirmed: the order is DOING/USER_CONFIRM. */
  USER_CONFIRM("PAYSCORE.USER_CONFIRM"),
  /** Collection succeeded: the order is DONE/USER_PAID. */
  USER_PAID("PAYSCORE.USER_PAID"),
  /**
   * An event this version does not know: accepted and recorded under the text WeChat sent ({@link
   * PayScoreNotification#eventName()}), never a reason to move the order. Its {@link #wireName()}
   * is empty.
   */
  OTHER("");

  private final String wireName;

  PayScoreEventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code event_type} text. */
  public String wireName() {
    return wireName;
  }

  /** The event of an {@code event_type} text; empty for any other event (then {@link #OTHER}). */
  public static Optional<PayScoreEventType> of(String wireName) {
    for (PayScoreEventType type : values()) {
      if (type != OTHER && type.wireName.equals(wireName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
