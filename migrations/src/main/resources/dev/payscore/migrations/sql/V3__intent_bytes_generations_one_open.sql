-- payscore schema, version 3: intents store the exact request bytes they send; one open intent per
-- order across kinds; generations (a corrected request after FAILED, a further modification);
-- unreadable rows are quarantined with a reason.

ALTER TABLE payscore.completion_intent ADD COLUMN body bytea;
-- The n-th intent of its kind for the order; n > 1 names the intent it follows in supersedes.
ALTER TABLE payscore.completion_intent ADD COLUMN generation integer NOT NULL DEFAULT 1;
ALTER TABLE payscore.completion_intent ADD COLUMN supersedes uuid;
-- Why a claim set this row aside (NEEDS_ATTENTION) instead of sending it; null otherwise.
ALTER TABLE payscore.completion_intent ADD COLUMN quarantine_reason varchar(2000);

-- Existing rows: the bytes that were sent are the canonical JSON of the jsonb payload (wire names
-- in the fact sheet's order, no whitespace, absent fields left out, CanonicalJson's escapes).
-- Rebuilt here once; a row whose rebuilt bytes do not match payload_sha256 was already unreadable
-- and is quarantined by the first claim that meets it.
-- [jooq ignore start]
CREATE FUNCTION payscore.v3_json_string(s text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  out text := replace(replace(s, '\', '\\'), '"', '\"');
BEGIN
  out := replace(replace(replace(out, E'\n', '\n'), E'\r', '\r'), E'\t', '\t');
  FOR i IN 1..31 LOOP
    IF i NOT IN (9, 10, 13) THEN
      out := replace(out, chr(i), '\u' || lpad(to_hex(i), 4, '0'));
    END IF;
  END LOOP;
  RETURN '"' || out || '"';
END;
$$;

CREATE FUNCTION payscore.v3_canonical(v jsonb, context text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  keys text[];
  parts text[] := '{}';
  k text;
  element jsonb;
BEGIN
  CASE jsonb_typeof(v)
    WHEN 'string' THEN
      RETURN payscore.v3_json_string(v #>> '{}');
    WHEN 'number', 'boolean', 'null' THEN
      RETURN v::text;
    WHEN 'array' THEN
      FOR element IN SELECT e FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, n) ORDER BY n LOOP
        parts := parts || payscore.v3_canonical(element, context);
      END LOOP;
      RETURN '[' || array_to_string(parts, ',') || ']';
    ELSE
      keys := CASE context
        WHEN 'post_payments' THEN ARRAY['name', 'amount', 'description', 'count']
        WHEN 'post_discounts' THEN ARRAY['name', 'description', 'amount', 'count']
        WHEN 'time_range' THEN ARRAY['start_time', 'end_time', 'start_time_remark', 'end_time_remark']
        WHEN 'location' THEN ARRAY['start_location', 'end_location']
        WHEN 'device' THEN ARRAY['start_device_id', 'end_device_id', 'materiel_no']
        ELSE ARRAY['appid', 'service_id', 'post_payments', 'post_discounts', 'total_amount',
                   'time_range', 'location', 'profit_sharing', 'goods_tag', 'reason', 'device']
      END;
      FOREACH k IN ARRAY keys LOOP
        IF v ? k AND jsonb_typeof(v -> k) <> 'null' THEN
          parts := parts || (payscore.v3_json_string(k) || ':' || payscore.v3_canonical(v -> k, k));
        END IF;
      END LOOP;
      RETURN '{' || array_to_string(parts, ',') || '}';
  END CASE;
END;
$$;

UPDATE payscore.completion_intent
  SET body = convert_to(payscore.v3_canonical(payload, 'request'), 'UTF8');

DROP FUNCTION payscore.v3_canonical(jsonb, text);
DROP FUNCTION payscore.v3_json_string(text);

ALTER TABLE payscore.completion_intent ALTER COLUMN body SET NOT NULL;
-- [jooq ignore stop]

-- The bytes are the truth from now on.
ALTER TABLE payscore.completion_intent DROP COLUMN payload;

ALTER TABLE payscore.completion_intent DROP CONSTRAINT completion_intent_order_kind_uk;
ALTER TABLE payscore.completion_intent
  ADD CONSTRAINT completion_intent_generation_uk UNIQUE (mchid, out_order_no, kind, generation);
ALTER TABLE payscore.completion_intent
  ADD CONSTRAINT completion_intent_supersedes_fk FOREIGN KEY (supersedes)
    REFERENCES payscore.completion_intent (id);
ALTER TABLE payscore.completion_intent
  ADD CONSTRAINT completion_intent_generation_ck CHECK (generation >= 1);

-- [jooq ignore start]
ALTER TABLE payscore.completion_intent
  DROP CONSTRAINT completion_intent_status_ck,
  ADD CONSTRAINT completion_intent_status_ck CHECK (status IN
    ('PENDING', 'IN_FLIGHT', 'SUCCEEDED', 'FAILED', 'NEEDS_ATTENTION', 'SUPERSEDED')),
  ADD CONSTRAINT completion_intent_lineage_ck CHECK ((generation = 1) = (supersedes IS NULL));

-- Before V3 a cancel or modify could be recorded while another intent of the order was open. Of
-- several open intents of one order the oldest stays; the others end FAILED, saying why (stop the
-- dispatchers of older versions before migrating, so that none of them is in flight).
WITH ranked AS (
  SELECT id, row_number() OVER (PARTITION BY mchid, out_order_no ORDER BY created_at, id) AS n
  FROM payscore.completion_intent
  WHERE status IN ('PENDING', 'IN_FLIGHT', 'NEEDS_ATTENTION'))
UPDATE payscore.completion_intent i
  SET status = 'FAILED', lease_owner = NULL, lease_expires_at = NULL, updated_at = now(),
      last_outcome = 'V3_ANOTHER_INTENT_OPEN',
      last_error = 'closed by migration V3: another intent of this order was open; request it again',
      version = version + 1
  FROM ranked
  WHERE i.id = ranked.id AND ranked.n > 1;

-- One open intent per order, whatever its kind. Open: PENDING, IN_FLIGHT and NEEDS_ATTENTION (it
-- may have reached WeChat; a person decides). The request handlers also lock the order row first.
CREATE UNIQUE INDEX completion_intent_open_uk
  ON payscore.completion_intent (mchid, out_order_no)
  WHERE status IN ('PENDING', 'IN_FLIGHT', 'NEEDS_ATTENTION');
-- [jooq ignore stop]
