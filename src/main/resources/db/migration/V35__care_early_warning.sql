-- Early warning of dropout (student-care.md "Early warning", ADR 0009): term rosters, transfers, the current
-- warning per student and term, follow-ups of ALERTs with their actions, and the school head flag.

-- A unit's roster of a term (DMC-style): who is enrolled, in which grade. Filled by the care import of kind ROSTER.
CREATE TABLE care_roster (
    child_id      BIGINT       NOT NULL REFERENCES child (id),
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code VARCHAR(2)   NOT NULL,
    org_unit_id   BIGINT       NOT NULL,
    grade_level   VARCHAR(3)   NOT NULL,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, term)
);
CREATE INDEX care_roster_unit_ix ON care_roster (org_unit_id, term);
CREATE INDEX care_roster_scope_ix ON care_roster (province_code, term);

-- A student who moved to another school (or left the country, …): no NOT_RE_ENROLLED after the transfer date.
CREATE TABLE care_transfer (
    id             BIGSERIAL PRIMARY KEY,
    child_id       BIGINT       NOT NULL REFERENCES child (id),
    province_code  VARCHAR(2)   NOT NULL,
    org_unit_id    BIGINT       NOT NULL,
    transferred_on DATE         NOT NULL,
    destination    VARCHAR(200) NOT NULL CHECK (length(destination) BETWEEN 1 AND 200),
    note           TEXT         NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    recorded_by    VARCHAR(100) NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    UNIQUE (child_id, transferred_on)
);

-- The current warning of a student in a term; rewritten only when its digest changes. NONE rows remain only where a
-- warning was once raised (a student never warned has no row).
CREATE TABLE care_warning (
    child_id        BIGINT       NOT NULL,
    term            VARCHAR(6)   NOT NULL,
    province_code   VARCHAR(2)   NOT NULL,
    org_unit_id     BIGINT       NOT NULL,
    level           VARCHAR(5)   NOT NULL CHECK (level IN ('NONE', 'WATCH', 'ALERT')),
    indicators      VARCHAR(40)[] NOT NULL,
    attendance_rate NUMERIC(5, 2),
    absence_streak  SMALLINT,
    previous_grade  VARCHAR(3),
    transition      BOOLEAN      NOT NULL DEFAULT FALSE,
    poverty         VARCHAR(16),
    digest          UUID         NOT NULL,
    changed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, term)
) WITH (fillfactor = 70);
CREATE INDEX care_warning_scope_ix ON care_warning (province_code, term, level);
CREATE INDEX care_warning_unit_ix ON care_warning (org_unit_id, term) WHERE level <> 'NONE';

-- A follow-up of an ALERT for the homeroom teachers: acknowledged, acted on, resolved with an outcome. At most one open
-- follow-up per student and term.
CREATE TABLE care_follow_up (
    id              BIGSERIAL PRIMARY KEY,
    child_id        BIGINT       NOT NULL REFERENCES child (id),
    term            VARCHAR(6)   NOT NULL,
    province_code   VARCHAR(2)   NOT NULL,
    org_unit_id     BIGINT       NOT NULL,
    indicators      VARCHAR(40)[] NOT NULL,
    opened_at       TIMESTAMPTZ  NOT NULL,
    acknowledged_by VARCHAR(100),
    acknowledged_at TIMESTAMPTZ,
    resolved_by     VARCHAR(100),
    resolved_at     TIMESTAMPTZ,
    outcome         VARCHAR(16) CHECK (outcome IN ('BACK_IN_CLASS', 'IMPROVED', 'TRANSFERRED', 'DROPPED_OUT', 'OTHER')),
    outcome_note    TEXT         NOT NULL DEFAULT '' CHECK (length(outcome_note) <= 1000),
    version         BIGINT       NOT NULL DEFAULT 0,
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX care_follow_up_open_ux ON care_follow_up (child_id, term) WHERE resolved_at IS NULL;
CREATE INDEX care_follow_up_scope_ix ON care_follow_up (province_code, opened_at) WHERE resolved_at IS NULL;
CREATE INDEX care_follow_up_unit_ix ON care_follow_up (org_unit_id, opened_at) WHERE resolved_at IS NULL;

CREATE TABLE care_follow_up_action (
    id           BIGSERIAL PRIMARY KEY,
    follow_up_id BIGINT       NOT NULL REFERENCES care_follow_up (id),
    kind         VARCHAR(20)  NOT NULL CHECK (kind IN ('HOME_VISIT', 'COUNSELLING', 'TUTORING', 'REFERRAL', 'FINANCIAL_SUPPORT',
                                                        'CONTACT_NEW_SCHOOL')),
    done_on      DATE         NOT NULL,
    note         TEXT         NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    recorded_by  VARCHAR(100) NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL
);
-- the same action posted again is the same action
CREATE UNIQUE INDEX care_follow_up_action_same_ux ON care_follow_up_action (follow_up_id, kind, done_on, md5(note));

-- The school head: a TEACHER account marked as the head of its units (sees their escalated alerts).
ALTER TABLE user_account ADD COLUMN unit_head BOOLEAN NOT NULL DEFAULT FALSE;
