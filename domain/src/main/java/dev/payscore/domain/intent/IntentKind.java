package dev.payscore.domain.intent;

/** Which call an intent drives. Only completions today; cancel and modify will use the same path. */
public enum IntentKind {
  COMPLETE
}
