-- payscore schema, version 1. Released migrations are append-only: change the schema in a new V<n>.
-- Every constraint is named; times are timestamptz (the session time zone never matters).
-- Statements between "[jooq ignore start]" and "[jooq ignore stop]" are PostgreSQL-only (plpgsql,
-- triggers, partial indexes): jOOQ's DDLDatabase skips them when generating code.

CREATE SCHEMA IF NOT EXISTS payscore;

-- The local mirror of a WeChat Pay Score service order (the domain's ServiceOrder).
CREATE TABLE payscore.service_order (
  mchid                 varchar(32)  NOT NULL,
  out_order_no          varchar(32)  NOT NULL,
  appid                 varchar(32)  NOT NULL,
  service_id            varchar(32)  NOT NULL,
  service_introduction  varchar(64)  NOT NULL,
  mode                  varchar(16)  NOT NULL,
  lifecycle             varchar(32)  NOT NULL,
  risk_fund_name        varchar(32)  NOT NULL,
  risk_fund_amount      bigint       NOT NULL,
  risk_fund_description varchar(64),
  time_range            jsonb        NOT NULL,
  post_payments         jsonb        NOT NULL,
  post_discounts        jsonb        NOT NULL,
  location              jsonb,
  attach                varchar(256),
  notify_url            varchar(256) NOT NULL,
  openid                varchar(128),
  order_id              varchar(64),
  total_amount          bigint,
  need_collection       boolean,
  collection            jsonb,
  version               bigint       NOT NULL,
  created_at            timestamptz  NOT NULL DEFAULT now(),
  updated_at            timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT service_order_pk PRIMARY KEY (mchid, out_order_no),
  CONSTRAINT service_order_risk_fund_amount_ck CHECK (risk_fund_amount > 0),
  CONSTRAINT service_order_total_amount_ck CHECK (total_amount >= 0),
  CONSTRAINT service_order_version_ck CHECK (version >= 1)
);

-- A durable request to WeChat (an outbox row): the frozen payload and its attempts.
CREATE TABLE payscore.completion_intent (
  id               uuid          NOT NULL,
  mchid            varchar(32)   NOT NULL,
  out_order_no     varchar(32)   NOT NULL,
  kind             varchar(16)   NOT NULL,
  payload          jsonb         NOT NULL,
  payload_sha256   char(64)      NOT NULL,
  status           varchar(16)   NOT NULL,
  attempts         integer       NOT NULL,
  next_attempt_at  timestamptz   NOT NULL,
  last_outcome     varchar(64),
  last_error       varchar(2000),
  lease_owner      varchar(128),
  lease_expires_at timestamptz,
  requested_by     varchar(128)  NOT NULL,
  created_at       timestamptz   NOT NULL,
  updated_at       timestamptz   NOT NULL,
  version          bigint        NOT NULL,
  CONSTRAINT completion_intent_pk PRIMARY KEY (id),
  CONSTRAINT completion_intent_order_kind_uk UNIQUE (mchid, out_order_no, kind),
  CONSTRAINT completion_intent_order_fk FOREIGN KEY (mchid, out_order_no)
    REFERENCES payscore.service_order (mchid, out_order_no),
  CONSTRAINT completion_intent_attempts_ck CHECK (attempts >= 0),
  CONSTRAINT completion_intent_lease_ck CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
  CONSTRAINT completion_intent_version_ck CHECK (version >= 1)
);

-- Listing and counting a merchant's intents by status, newest first.
CREATE INDEX completion_intent_mchid_status_idx
  ON payscore.completion_intent (mchid, status, created_at);

-- [jooq ignore start]
ALTER TABLE payscore.service_order
  ADD CONSTRAINT service_order_mode_ck CHECK (mode IN ('CONFIRM', 'NO_CONFIRM')),
  ADD CONSTRAINT service_order_lifecycle_ck CHECK (lifecycle IN
    ('CREATED', 'DOING_USER_CONFIRM', 'DOING_MCH_COMPLETE', 'DONE', 'REVOKED', 'EXPIRED'));

ALTER TABLE payscore.completion_intent
  ADD CONSTRAINT completion_intent_kind_ck CHECK (kind IN ('COMPLETE')),
  ADD CONSTRAINT completion_intent_status_ck
    CHECK (status IN ('PENDING', 'IN_FLIGHT', 'SUCCEEDED', 'FAILED', 'NEEDS_ATTENTION')),
  ADD CONSTRAINT completion_intent_sha256_ck CHECK (payload_sha256 ~ '^[0-9a-f]{64}$');

-- "Due intents" stay cheap however many settled intents pile up: only unsettled rows are indexed.
CREATE INDEX completion_intent_pending_due_idx
  ON payscore.completion_intent (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX completion_intent_lease_due_idx
  ON payscore.completion_intent (lease_expires_at) WHERE status = 'IN_FLIGHT';

-- Wakes dispatchers: NOTIFY payscore_intents, '<intent id>' when an intent is inserted as PENDING
-- or becomes PENDING again. PostgreSQL delivers it when (and only if) the transaction commits.
CREATE FUNCTION payscore.completion_intent_notify() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'PENDING' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'PENDING') THEN
    PERFORM pg_notify('payscore_intents', NEW.id::text);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER completion_intent_notify_trg
  AFTER INSERT OR UPDATE OF status ON payscore.completion_intent
  FOR EACH ROW EXECUTE FUNCTION payscore.completion_intent_notify();
-- [jooq ignore stop]

-- The append-only audit history. The database refuses UPDATE and DELETE (trigger below).
CREATE TABLE payscore.audit_event (
  id              bigint GENERATED ALWAYS AS IDENTITY,
  mchid           varchar(32)   NOT NULL,
  out_order_no    varchar(32)   NOT NULL,
  sequence        bigint        NOT NULL,
  event_type      varchar(40)   NOT NULL,
  from_state      varchar(32),
  to_state        varchar(32),
  cause           varchar(16)   NOT NULL,
  actor           varchar(128)  NOT NULL,
  intent_id       uuid,
  amount          bigint,
  request_sha256  char(64),
  response_sha256 char(64),
  wechat_code     varchar(64),
  wechat_message  varchar(1024),
  request_id      varchar(128),
  detail          varchar(8192),
  occurred_at     timestamptz   NOT NULL,
  recorded_at     timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT audit_event_pk PRIMARY KEY (id),
  -- Also the index of one order's history in sequence.
  CONSTRAINT audit_event_order_sequence_uk UNIQUE (mchid, out_order_no, sequence),
  CONSTRAINT audit_event_sequence_ck CHECK (sequence >= 1)
);

-- A merchant's events in a time range, keyset-paged on (occurred_at, id): an index range scan
-- that reads only the rows of the page, at any table size.
CREATE INDEX audit_event_mchid_time_idx ON payscore.audit_event (mchid, occurred_at, id);

-- The last sequence number given out per order; the row lock taken by the upsert serializes
-- concurrent appends to one order until commit, so sequences are gap-free and unique.
CREATE TABLE payscore.audit_sequence (
  mchid         varchar(32) NOT NULL,
  out_order_no  varchar(32) NOT NULL,
  last_sequence bigint      NOT NULL,
  CONSTRAINT audit_sequence_pk PRIMARY KEY (mchid, out_order_no)
);

-- [jooq ignore start]
CREATE FUNCTION payscore.audit_event_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payscore.audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_event_append_only_trg
  BEFORE UPDATE OR DELETE ON payscore.audit_event
  FOR EACH ROW EXECUTE FUNCTION payscore.audit_event_refuse_change();
-- [jooq ignore stop]

-- Callbacks taken in, by WeChat's notification id: a redelivery finds its row and is not applied again.
CREATE TABLE payscore.notification_inbox (
  notification_id varchar(64) NOT NULL,
  mchid           varchar(32) NOT NULL,
  event_type      varchar(64) NOT NULL,
  received_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notification_inbox_pk PRIMARY KEY (notification_id)
);
