-- payscore schema, version 4: merchant-scoped claims in database time, and no per-row NOTIFY.

-- The per-row pg_notify trigger of V1 made every transaction that inserted or released an intent
-- take PostgreSQL's global notification lock at commit and hold it through the WAL flush, so that
-- merchant transactions requesting completions committed one at a time. Dispatchers are now woken
-- in the JVM that recorded the intent and by one debounced NOTIFY sent outside the merchant's
-- transaction; polling stays the floor.
-- [jooq ignore start]
DROP TRIGGER completion_intent_notify_trg ON payscore.completion_intent;
DROP FUNCTION payscore.completion_intent_notify();
-- [jooq ignore stop]

-- An instance claims only the merchants it holds credentials for, so due intents are read per
-- merchant, in due order: one index range per merchant instead of the whole queue filtered.
-- [jooq ignore start]
DROP INDEX payscore.completion_intent_pending_due_idx;
DROP INDEX payscore.completion_intent_lease_due_idx;
CREATE INDEX completion_intent_pending_due_idx
  ON payscore.completion_intent (mchid, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX completion_intent_lease_due_idx
  ON payscore.completion_intent (mchid, lease_expires_at) WHERE status = 'IN_FLIGHT';
-- [jooq ignore stop]
