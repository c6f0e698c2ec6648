-- Out-of-school children and youth, step 3 (issue 8, docs/out-of-school.md "Case payments", ADR 0008): the province
-- certifies its eligible cases of a term (PAYMENT consent not withdrawn, an approved care plan, an accepted or
-- successfully done referral) as numbered, append-only versions; the fund office pays them in OOS_YOUTH payment rounds,
-- whose lines name the certified case instead of a certified child.

-- A certified case list version of a province and term. Version 1 holds the cases eligible at that moment; every later
-- version holds only the eligible cases not certified before (a case is certified once, so it is paid at most once).
CREATE TABLE oos_case_certification (
    id            BIGSERIAL PRIMARY KEY,
    province_code VARCHAR(2)   NOT NULL REFERENCES province (code),
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    version       INTEGER      NOT NULL CHECK (version >= 1),
    certified_by  VARCHAR(100) NOT NULL,
    certified_at  TIMESTAMPTZ  NOT NULL,
    entries       INTEGER      NOT NULL CHECK (entries >= 1),
    UNIQUE (province_code, term, version),
    UNIQUE (id, province_code)
);
CREATE TRIGGER oos_case_certification_append_only BEFORE UPDATE OR DELETE ON oos_case_certification
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- One certified case: what was certified (the referral and its provider, the youth's identity) as it was then.
CREATE TABLE oos_case_certification_entry (
    certification_id BIGINT       NOT NULL,
    case_id          BIGINT       NOT NULL REFERENCES oos_case (id),
    province_code    VARCHAR(2)   NOT NULL,
    subdistrict_code VARCHAR(6)   NOT NULL,
    referral_id      BIGINT       NOT NULL REFERENCES oos_referral (id),
    provider_code    VARCHAR(6)   NOT NULL REFERENCES provider (code),
    national_id      VARCHAR(13),
    first_name       VARCHAR(100) NOT NULL,
    last_name        VARCHAR(100) NOT NULL,
    birth_date       DATE         NOT NULL,
    PRIMARY KEY (certification_id, case_id),
    UNIQUE (certification_id, case_id, province_code),
    FOREIGN KEY (certification_id, province_code) REFERENCES oos_case_certification (id, province_code)
);
-- a case is certified once (a later version holds only cases not certified before)
CREATE UNIQUE INDEX oos_case_certification_entry_case_ux ON oos_case_certification_entry (case_id);
CREATE TRIGGER oos_case_certification_entry_append_only BEFORE UPDATE OR DELETE ON oos_case_certification_entry
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- A payment line pays either a certified child (certification_id, child_id, org_unit_id: V32's keys) or a certified
-- case (case_certification_id, case_id). A composite foreign key with a NULL column is not checked, so each source's
-- key checks only its own lines; the CHECK says a line has exactly one source. One composite key for the case source
-- (entry and province together), and no row-by-row trigger beyond it: planning children stays as fast as before.
ALTER TABLE payment_line ALTER COLUMN child_id DROP NOT NULL;
ALTER TABLE payment_line ALTER COLUMN national_id DROP NOT NULL;
ALTER TABLE payment_line ALTER COLUMN org_unit_id DROP NOT NULL;
ALTER TABLE payment_line ALTER COLUMN certification_id DROP NOT NULL;
ALTER TABLE payment_line ALTER COLUMN classification DROP NOT NULL;
ALTER TABLE payment_line ADD COLUMN case_certification_id BIGINT;
ALTER TABLE payment_line ADD COLUMN case_id BIGINT;
ALTER TABLE payment_line ADD CONSTRAINT payment_line_one_source_ck CHECK (
    CASE WHEN case_id IS NULL
         THEN case_certification_id IS NULL AND child_id IS NOT NULL AND certification_id IS NOT NULL AND org_unit_id IS NOT NULL
              AND national_id IS NOT NULL AND classification IS NOT NULL
         ELSE case_certification_id IS NOT NULL AND child_id IS NULL AND certification_id IS NULL AND org_unit_id IS NULL
              AND classification IS NULL
    END);
ALTER TABLE payment_line ADD CONSTRAINT payment_line_case_entry_fkey
    FOREIGN KEY (case_certification_id, case_id, province_code)
    REFERENCES oos_case_certification_entry (certification_id, case_id, province_code);
-- a case is paid at most once per programme and payee among the lines that stand (a FAILED line may be paid again)
CREATE UNIQUE INDEX payment_line_case_once_ux ON payment_line (programme_code, case_id, payee_type)
    WHERE case_id IS NOT NULL AND status NOT IN ('FAILED', 'CANCELLED');
CREATE INDEX payment_line_case_ix ON payment_line (case_id) WHERE case_id IS NOT NULL;

-- A ledger entry copies its line's child: none for a case's line (the line names the case).
ALTER TABLE ledger_entry ALTER COLUMN child_id DROP NOT NULL;

-- The certified cases (and shares) a round did not plan, with why (ALREADY_PLANNED, NOT_ELIGIBLE, NO_BANK_ACCOUNT, ...).
CREATE TABLE payment_round_case_skip (
    round_id              BIGINT      NOT NULL REFERENCES payment_round (id),
    case_id               BIGINT      NOT NULL,
    national_id           VARCHAR(13),
    payee_type            VARCHAR(10) NOT NULL,
    case_certification_id BIGINT      NOT NULL,
    reason                VARCHAR(30) NOT NULL,
    PRIMARY KEY (round_id, case_id, payee_type)
);

-- A planned line of a case that is no longer eligible when its round is approved becomes CANCELLED (not paid), with a
-- CANCELLED ledger entry saying why.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
    CHECK (kind IN ('PLANNED', 'APPROVED', 'PAID', 'FAILED', 'REVERSAL', 'CANCELLED'));

-- A round of OOS_YOUTH names the certified case list versions it was planned from here (certification_ids stays empty: it
-- names versions of the children's lists, another sequence of ids).
ALTER TABLE payment_round ADD COLUMN case_certification_ids BIGINT[] NOT NULL DEFAULT '{}';
