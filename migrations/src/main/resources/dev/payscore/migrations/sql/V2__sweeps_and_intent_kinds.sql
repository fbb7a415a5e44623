-- payscore schema, version 2: reconciliation sweeps, and cancel and modify intents.
-- When a sweep last claimed an order to check it at WeChat (the engine's clock). A sweep claims
-- orders unchanged since its threshold and not checked since then, stamping this column in the
-- same statement (FOR UPDATE SKIP LOCKED), so several instances never check one order twice.
ALTER TABLE payscore.service_order ADD COLUMN checked_at timestamptz;

-- [jooq ignore start]
CREATE INDEX service_order_sweep_idx
  ON payscore.service_order (lifecycle, updated_at)
  WHERE lifecycle IN ('CREATED', 'DOING_USER_CONFIRM', 'DOING_MCH_COMPLETE');
-- [jooq ignore stop]

-- Intents drive cancel and modify calls too, through the same outbox.
-- [jooq ignore start]
ALTER TABLE payscore.completion_intent
  DROP CONSTRAINT completion_intent_kind_ck,
  ADD CONSTRAINT completion_intent_kind_ck CHECK (kind IN ('COMPLETE', 'CANCEL', 'MODIFY'));
-- [jooq ignore stop]
