-- payscore schema, version 5: the confirmation time in the order mirror, and a sweep schedule per
-- order.

-- When the user confirmed the order, as WeChat said it (the PAYSCORE.USER_CONFIRM callback's
-- create_time, a concrete time_range.start_time of an OnAccept order) or, for a no-confirm order,
-- when its create was answered. For an OnAccept order it is the service's start: a completion's
-- end_time must be after it. NULL while unknown (orders mirrored before this version among them).
ALTER TABLE payscore.service_order ADD COLUMN confirmed_at timestamptz;

-- When a sweep should look at the order again (database time), NULL until a sweep has looked at it
-- since its last change; sweep_checks counts the unchanged looks (the back-off doubles with each);
-- sweep_finding is the last finding audited, so that an unchanged one is not audited again. A
-- change of the order (every versioned update) resets all three.
ALTER TABLE payscore.service_order ADD COLUMN next_check_at timestamptz;
ALTER TABLE payscore.service_order ADD COLUMN sweep_checks integer NOT NULL DEFAULT 0;
ALTER TABLE payscore.service_order ADD COLUMN sweep_finding varchar(2000);
ALTER TABLE payscore.service_order
  ADD CONSTRAINT service_order_sweep_checks_ck CHECK (sweep_checks >= 0);

-- A sweep reads each state's orders in index order and stops at its quota: orders never looked at
-- since their last change by updated_at, orders looked at before by next_check_at.
-- [jooq ignore start]
DROP INDEX payscore.service_order_sweep_idx;
CREATE INDEX service_order_sweep_first_idx
  ON payscore.service_order (lifecycle, updated_at)
  WHERE next_check_at IS NULL
    AND lifecycle IN ('CREATED', 'DOING_USER_CONFIRM', 'DOING_MCH_COMPLETE');
CREATE INDEX service_order_sweep_again_idx
  ON payscore.service_order (lifecycle, next_check_at)
  WHERE next_check_at IS NOT NULL
    AND lifecycle IN ('CREATED', 'DOING_USER_CONFIRM', 'DOING_MCH_COMPLETE');
-- [jooq ignore stop]
