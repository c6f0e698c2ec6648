-- The provincial committee's review of the screened students and its certified lists (issue 6), and what a
-- returned home visit needs: the reason it was returned, and the answers it had before each correction.

-- A visit returned to its teacher for correction: why, when and by whom (the review keeps the full decision).
ALTER TABLE home_visit ADD COLUMN return_reason VARCHAR(500);
ALTER TABLE home_visit ADD COLUMN returned_at TIMESTAMPTZ;
ALTER TABLE home_visit ADD COLUMN returned_by BIGINT REFERENCES user_account (id);
CREATE INDEX home_visit_returned_ix ON home_visit (org_unit_id) WHERE status = 'RETURNED';

-- The answers of a visit as they were before a correction replaced them (the survey document as JSON), so that
-- earlier results keep the answers they were computed from. Append-only.
CREATE TABLE home_visit_revision (
    id             BIGSERIAL PRIMARY KEY,
    visit_id       BIGINT       NOT NULL REFERENCES home_visit (id),
    document       JSONB        NOT NULL,
    evidence_flags VARCHAR(40)[] NOT NULL,
    submitted_at   TIMESTAMPTZ,
    replaced_at    TIMESTAMPTZ  NOT NULL,
    replaced_by    BIGINT REFERENCES user_account (id)
);
CREATE INDEX home_visit_revision_visit_ix ON home_visit_revision (visit_id);

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END
$$;
CREATE TRIGGER home_visit_revision_append_only BEFORE UPDATE OR DELETE ON home_visit_revision
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- The review state of a screened student in a term. No row means PENDING; a corrected and resubmitted visit puts
-- its students back to PENDING. version: optimistic locking (a decision on a stale list is refused).
CREATE TABLE review (
    child_id        BIGINT       NOT NULL REFERENCES child (id),
    term            VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    visit_id        BIGINT       NOT NULL REFERENCES home_visit (id),
    province_code   VARCHAR(2)   NOT NULL REFERENCES province (code),
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'RETURNED')),
    reason_code     VARCHAR(30),
    reason_text     VARCHAR(500),
    override_reason VARCHAR(500),
    result_id       BIGINT,
    classification  VARCHAR(16),
    decided_by      VARCHAR(100),
    decided_at      TIMESTAMPTZ,
    version         BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (child_id, term),
    CHECK (status = 'PENDING' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL)),
    CHECK (status NOT IN ('REJECTED', 'RETURNED') OR reason_code IS NOT NULL OR reason_text IS NOT NULL),
    CHECK (status <> 'APPROVED' OR classification IN ('POOR', 'EXTREMELY_POOR'))
);
CREATE INDEX review_visit_ix ON review (visit_id);
CREATE INDEX review_list_ix ON review (province_code, term, status);

-- Every decision, as it was made: who, when, what, why, on which result. Append-only.
CREATE TABLE review_decision (
    id              BIGSERIAL PRIMARY KEY,
    child_id        BIGINT       NOT NULL,
    term            VARCHAR(6)   NOT NULL,
    visit_id        BIGINT       NOT NULL,
    province_code   VARCHAR(2)   NOT NULL,
    decision        VARCHAR(12)  NOT NULL CHECK (decision IN ('APPROVE', 'REJECT', 'RETURN', 'RESUBMITTED')),
    result_id       BIGINT,
    classification  VARCHAR(16),
    reason_code     VARCHAR(30),
    reason_text     VARCHAR(500),
    override_reason VARCHAR(500),
    decided_by      VARCHAR(100) NOT NULL,
    remote_addr     VARCHAR(64),
    decided_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX review_decision_child_ix ON review_decision (child_id, term);
CREATE TRIGGER review_decision_append_only BEFORE UPDATE OR DELETE ON review_decision
    FOR EACH ROW EXECUTE FUNCTION append_only();

-- A certified list: a frozen version of a province's approved students in a term. Version 1 is the
-- certification; every later version is an amendment with its reason. Append-only, like its entries.
CREATE TABLE certification (
    id            BIGSERIAL PRIMARY KEY,
    province_code VARCHAR(2)    NOT NULL REFERENCES province (code),
    term          VARCHAR(6)    NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    version       INTEGER       NOT NULL CHECK (version >= 1),
    reason        VARCHAR(1000),
    certified_by  VARCHAR(100)  NOT NULL,
    certified_at  TIMESTAMPTZ   NOT NULL,
    rule_sets     VARCHAR(60)[] NOT NULL,
    counts        JSONB         NOT NULL,
    entries       INTEGER       NOT NULL,
    UNIQUE (province_code, term, version),
    CHECK (version = 1 OR reason IS NOT NULL)
);
CREATE TRIGGER certification_append_only BEFORE UPDATE OR DELETE ON certification
    FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE TABLE certification_entry (
    certification_id BIGINT      NOT NULL REFERENCES certification (id),
    child_id         BIGINT      NOT NULL,
    national_id      VARCHAR(13) NOT NULL,
    org_unit_id      BIGINT      NOT NULL,
    org_unit_code    VARCHAR(20) NOT NULL,
    classification   VARCHAR(16) NOT NULL CHECK (classification IN ('POOR', 'EXTREMELY_POOR')),
    visit_id         BIGINT      NOT NULL,
    result_id        BIGINT      NOT NULL,
    PRIMARY KEY (certification_id, child_id)
);
CREATE TRIGGER certification_entry_append_only BEFORE UPDATE OR DELETE ON certification_entry
    FOR EACH ROW EXECUTE FUNCTION append_only();
