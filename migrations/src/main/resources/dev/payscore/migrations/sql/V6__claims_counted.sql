-- payscore schema, version 6: claims are counted, so that an intent whose dispatchers keep dying
-- (or keep failing to settle) is set aside for a person instead of being sent again every lease.
--
-- claims: how many times the intent was claimed since it was last settled (a settlement or an
-- operator's retry resets it; a claim given back unsent at shutdown takes its count back). A
-- claim that takes over an expired lease with claims at the configured limit moves the intent to
-- NEEDS_ATTENTION instead of claiming it. Since this version a claim also counts the attempt it is
-- about to send (attempts + 1), so attempts never under-counts the calls sent, even when a
-- dispatcher dies between sending and settling.
ALTER TABLE payscore.completion_intent ADD COLUMN claims integer NOT NULL DEFAULT 0;
ALTER TABLE payscore.completion_intent
  ADD CONSTRAINT completion_intent_claims_ck CHECK (claims >= 0);
