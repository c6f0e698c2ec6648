-- Student care (docs: student-care.md, ADR 0006): what a school records per student and term, the care rule sets
-- (data, like the poverty rule sets) and the risk results (append-only, one current per student and term).
-- Area columns (province_code, org_unit_id) are copied from the child at write, so that scoping and a province's
-- evaluation read each table through one index.

CREATE TABLE care_attendance (
    child_id      BIGINT       NOT NULL REFERENCES child (id),
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code VARCHAR(2)   NOT NULL,
    org_unit_id   BIGINT       NOT NULL,
    school_days   SMALLINT     NOT NULL CHECK (school_days BETWEEN 1 AND 200),
    days_absent   SMALLINT     NOT NULL CHECK (days_absent >= 0),
    version       BIGINT       NOT NULL DEFAULT 0,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, term),
    CHECK (days_absent <= school_days)
);
CREATE INDEX care_attendance_scope_ix ON care_attendance (province_code, term);

-- Daily absences (to find streaks): one row per student and school day absent.
CREATE TABLE care_absence (
    child_id      BIGINT       NOT NULL REFERENCES child (id),
    absent_on     DATE         NOT NULL,
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code VARCHAR(2)   NOT NULL,
    org_unit_id   BIGINT       NOT NULL,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, absent_on)
);
CREATE INDEX care_absence_scope_ix ON care_absence (province_code, term);

-- Learning: the term's GPA and failed subjects (either may be unknown, not both).
CREATE TABLE care_grade (
    child_id        BIGINT       NOT NULL REFERENCES child (id),
    term            VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code   VARCHAR(2)   NOT NULL,
    org_unit_id     BIGINT       NOT NULL,
    gpa             NUMERIC(3, 2) CHECK (gpa BETWEEN 0 AND 4),
    failed_subjects SMALLINT CHECK (failed_subjects BETWEEN 0 AND 30),
    version         BIGINT       NOT NULL DEFAULT 0,
    recorded_by     VARCHAR(100) NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, term),
    CHECK (gpa IS NOT NULL OR failed_subjects IS NOT NULL)
);
CREATE INDEX care_grade_scope_ix ON care_grade (province_code, term);

-- Health as the school nurse records it (BMI-for-age is not computed here).
CREATE TABLE care_health (
    child_id        BIGINT       NOT NULL REFERENCES child (id),
    term            VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code   VARCHAR(2)   NOT NULL,
    org_unit_id     BIGINT       NOT NULL,
    weight_kg       NUMERIC(5, 2) CHECK (weight_kg > 0 AND weight_kg <= 300),
    height_cm       NUMERIC(5, 1) CHECK (height_cm > 0 AND height_cm <= 250),
    nutrition       VARCHAR(12) CHECK (nutrition IN ('NORMAL', 'UNDERWEIGHT', 'OVERWEIGHT', 'STUNTED')),
    chronic_illness BOOLEAN,
    disability      BOOLEAN,
    version         BIGINT       NOT NULL DEFAULT 0,
    recorded_by     VARCHAR(100) NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (child_id, term),
    CHECK (nutrition IS NOT NULL OR chronic_illness IS NOT NULL)
);
CREATE INDEX care_health_scope_ix ON care_health (province_code, term);

-- SDQ item scores (never the questionnaire's wording), one form of each kind per student and term; scoring is the
-- rule set's and happens at evaluation.
CREATE TABLE care_sdq (
    id            BIGSERIAL PRIMARY KEY,
    child_id      BIGINT       NOT NULL REFERENCES child (id),
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code VARCHAR(2)   NOT NULL,
    org_unit_id   BIGINT       NOT NULL,
    form          VARCHAR(8)   NOT NULL CHECK (form IN ('SELF', 'TEACHER', 'PARENT')),
    items         SMALLINT[]   NOT NULL CHECK (cardinality(items) = 25 AND 0 <= ALL (items) AND 2 >= ALL (items)),
    version       BIGINT       NOT NULL DEFAULT 0,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (child_id, term, form)
);
CREATE INDEX care_sdq_scope_ix ON care_sdq (province_code, term);

-- Protection and behaviour incidents; the term is the one the date falls in.
CREATE TABLE care_incident (
    id            BIGSERIAL PRIMARY KEY,
    child_id      BIGINT       NOT NULL REFERENCES child (id),
    term          VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code VARCHAR(2)   NOT NULL,
    org_unit_id   BIGINT       NOT NULL,
    occurred_on   DATE         NOT NULL,
    type          VARCHAR(14)  NOT NULL CHECK (type IN ('ABUSE', 'NEGLECT', 'CHILD_LABOUR', 'SUBSTANCE', 'VIOLENCE', 'SEXUAL_RISK',
                                                         'GAMING', 'TRUANCY', 'OTHER')),
    severity      VARCHAR(8)   NOT NULL CHECK (severity IN ('CONCERN', 'SERIOUS')),
    note          TEXT         NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
    version       BIGINT       NOT NULL DEFAULT 0,
    recorded_by   VARCHAR(100) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX care_incident_scope_ix ON care_incident (province_code, term);
CREATE INDEX care_incident_child_ix ON care_incident (child_id, term);
-- the same incident posted again is the same incident
CREATE UNIQUE INDEX care_incident_same_ux ON care_incident (child_id, occurred_on, type, severity, md5(note));

-- Care rule sets: the same life as the poverty rule sets (draft → published → retired; published never changes).
CREATE TABLE care_rule_set (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(40)  NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    version         VARCHAR(20)  NOT NULL CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
    name            VARCHAR(200) NOT NULL,
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    effective_terms VARCHAR(6)[] NOT NULL DEFAULT '{}',
    parameters      JSONB        NOT NULL,
    copied_from     BIGINT REFERENCES care_rule_set (id),
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_by    VARCHAR(100),
    published_at    TIMESTAMPTZ,
    lock_version    BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (code, version),
    CHECK (status = 'DRAFT' OR (published_at IS NOT NULL AND published_by IS NOT NULL))
);
CREATE FUNCTION care_rule_set_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'care rule set %/% is % and cannot be deleted', OLD.code, OLD.version, OLD.status;
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'RETIRED' AND NEW.parameters = OLD.parameters AND NEW.code = OLD.code
            AND NEW.version = OLD.version AND NEW.effective_terms = OLD.effective_terms THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'care rule set %/% is % and cannot be changed', OLD.code, OLD.version, OLD.status;
END
$$;
CREATE TRIGGER care_rule_set_immutable BEFORE UPDATE OR DELETE ON care_rule_set FOR EACH ROW EXECUTE FUNCTION care_rule_set_immutable();

-- Risk results: one row per student, term and evaluation, with the inputs it used and the rules that fired.
-- Append-only; care_current names the current one. An evaluation appends only where the outcome differs from the
-- current one (same digest), so evaluating unchanged data again writes nothing.
CREATE TABLE care_result (
    id                  BIGSERIAL PRIMARY KEY,
    child_id            BIGINT       NOT NULL,
    term                VARCHAR(6)   NOT NULL,
    province_code       VARCHAR(2)   NOT NULL,
    org_unit_id         BIGINT       NOT NULL,
    rule_set_id         BIGINT       NOT NULL,
    cause               VARCHAR(8)   NOT NULL CHECK (cause IN ('WRITE', 'RUN')),
    level               VARCHAR(8)   NOT NULL CHECK (level IN ('NORMAL', 'AT_RISK', 'PROBLEM', 'UNKNOWN')),
    learning            VARCHAR(8)   NOT NULL,
    health              VARCHAR(8)   NOT NULL,
    emotional_behaviour VARCHAR(8)   NOT NULL,
    family_economy      VARCHAR(8)   NOT NULL,
    protection          VARCHAR(8)   NOT NULL,
    fired               VARCHAR(60)[] NOT NULL,
    gpa                 NUMERIC(3, 2),
    failed_subjects     SMALLINT,
    nutrition           VARCHAR(12),
    chronic_illness     BOOLEAN,
    school_days         SMALLINT,
    days_absent         SMALLINT,
    sdq_id              BIGINT,
    sdq_form            VARCHAR(8),
    sdq_total           SMALLINT,
    sdq_band            VARCHAR(10),
    sdq_subscales       SMALLINT[],
    eb_concern          SMALLINT     NOT NULL,
    eb_serious          SMALLINT     NOT NULL,
    protection_concern  SMALLINT     NOT NULL,
    protection_serious  SMALLINT     NOT NULL,
    visit_id            BIGINT,
    single_parent       BOOLEAN,
    no_parents          BOOLEAN,
    poverty             VARCHAR(16),
    digest              UUID         NOT NULL,
    computed_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX care_result_child_ix ON care_result (child_id, term);
CREATE FUNCTION care_result_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'care_result is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER care_result_no_update_delete BEFORE UPDATE OR DELETE ON care_result
    FOR EACH ROW EXECUTE FUNCTION care_result_append_only();
CREATE TRIGGER care_result_no_truncate BEFORE TRUNCATE ON care_result
    FOR EACH STATEMENT EXECUTE FUNCTION care_result_append_only();

CREATE TABLE care_current (
    child_id            BIGINT      NOT NULL,
    term                VARCHAR(6)  NOT NULL,
    result_id           BIGINT      NOT NULL,
    province_code       VARCHAR(2)  NOT NULL,
    org_unit_id         BIGINT      NOT NULL,
    level               VARCHAR(8)  NOT NULL,
    learning            VARCHAR(8)  NOT NULL,
    health              VARCHAR(8)  NOT NULL,
    emotional_behaviour VARCHAR(8)  NOT NULL,
    family_economy      VARCHAR(8)  NOT NULL,
    protection          VARCHAR(8)  NOT NULL,
    digest              UUID        NOT NULL,
    PRIMARY KEY (child_id, term)
) WITH (fillfactor = 50);
CREATE INDEX care_current_scope_ix ON care_current (province_code, term, level);
CREATE FUNCTION care_current_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'care_current of child % term % may only move to a newer result', OLD.child_id, OLD.term;
END
$$;
CREATE TRIGGER care_current_forward BEFORE UPDATE ON care_current
    FOR EACH ROW WHEN (NEW.result_id <= OLD.result_id OR NEW.child_id <> OLD.child_id OR NEW.term <> OLD.term)
    EXECUTE FUNCTION care_current_forward();

-- Files checked on the import screen and kept, under a token of their uploader, until applied (or a day old).
CREATE TABLE care_import (
    id          UUID         PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL,
    term        VARCHAR(6)   NOT NULL,
    created_by  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    content     BYTEA,
    applied_at  TIMESTAMPTZ
);

INSERT INTO care_rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
VALUES ('care-default', '2569.1', 'เกณฑ์คัดกรองความเสี่ยงนักเรียน (ค่าเริ่มต้น) / Default student risk screening', 'PUBLISHED',
        '{2569/1,2569/2}', '{
  "sdq": {
    "reverseItems": [7, 11, 14, 21, 25],
    "subscales": {"EMOTIONAL": [3, 8, 13, 16, 24], "CONDUCT": [5, 7, 12, 18, 22], "HYPERACTIVITY": [2, 10, 15, 21, 25],
                  "PEER": [6, 11, 14, 19, 23], "PROSOCIAL": [1, 4, 9, 17, 20]},
    "maxMissingPerSubscale": 2,
    "bands": {"SELF": {"atRiskFrom": 16, "problemFrom": 20}, "TEACHER": {"atRiskFrom": 12, "problemFrom": 16},
              "PARENT": {"atRiskFrom": 14, "problemFrom": 17}}
  },
  "learning": {"atRiskGpaBelow": "2.00", "problemGpaBelow": "1.50", "atRiskFailedFrom": 1, "problemFailedFrom": 2},
  "health": {"atRiskNutrition": ["UNDERWEIGHT", "OVERWEIGHT", "STUNTED"], "atRiskChronicIllness": true,
             "problemChronicAttendanceBelowPercent": "80"},
  "emotionalBehaviour": {"incidentTypes": ["SUBSTANCE", "VIOLENCE", "SEXUAL_RISK", "GAMING", "TRUANCY", "OTHER"],
                         "atRiskConcernFrom": 1, "problemConcernFrom": 3, "problemSeriousFrom": 1},
  "familyEconomy": {"atRiskPoverty": ["POOR"], "problemPoverty": ["EXTREMELY_POOR"], "atRiskSingleParent": true,
                    "atRiskNoParents": true},
  "protection": {"incidentTypes": ["ABUSE", "NEGLECT", "CHILD_LABOUR"], "atRiskConcernFrom": 1, "problemConcernFrom": 2,
                 "problemSeriousFrom": 1}
}'::jsonb, 'migration V30', 'migration V30', now());
