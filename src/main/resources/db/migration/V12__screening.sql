-- Poverty screening (docs: screening.md). Rule sets are data: every number lives in `parameters`; a published
-- rule set never changes again. Results are append-only, one per visit (household) and screening, with one
-- marked current per visit; the students of the household share it (visit_student).
CREATE TABLE rule_set (
    id              BIGSERIAL PRIMARY KEY,
    code            VARCHAR(40)  NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    version         VARCHAR(20)  NOT NULL CHECK (version ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
    name            VARCHAR(200) NOT NULL,
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    effective_terms VARCHAR(6)[] NOT NULL DEFAULT '{}',
    parameters      JSONB        NOT NULL,
    copied_from     BIGINT REFERENCES rule_set (id),
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_by    VARCHAR(100),
    published_at    TIMESTAMPTZ,
    lock_version    BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (code, version),
    CHECK (status = 'DRAFT' OR (published_at IS NOT NULL AND published_by IS NOT NULL))
);

-- A published rule set is immutable: only its retirement may change it, and it cannot be deleted.
CREATE FUNCTION rule_set_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'rule set %/% is % and cannot be deleted', OLD.code, OLD.version, OLD.status;
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
    RAISE EXCEPTION 'rule set %/% is % and cannot be changed', OLD.code, OLD.version, OLD.status;
END
$$;
CREATE TRIGGER rule_set_immutable BEFORE UPDATE OR DELETE ON rule_set FOR EACH ROW EXECUTE FUNCTION rule_set_immutable();

-- Re-screening runs (RESCREEN writes results) and what-if simulations (WHAT_IF writes only counts).
CREATE TABLE screening_run (
    id                 BIGSERIAL PRIMARY KEY,
    kind               VARCHAR(10)  NOT NULL CHECK (kind IN ('RESCREEN', 'WHAT_IF')),
    term               VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    province_code      VARCHAR(2) REFERENCES province (code),
    rule_set_id        BIGINT       NOT NULL REFERENCES rule_set (id),
    compare_rule_set_id BIGINT REFERENCES rule_set (id),
    amount_per_child   NUMERIC(12, 2),
    funded_classes     VARCHAR(16)[] NOT NULL DEFAULT '{}',
    status             VARCHAR(10)  NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_by       VARCHAR(100) NOT NULL,
    requested_at       TIMESTAMPTZ  NOT NULL,
    heartbeat_at       TIMESTAMPTZ  NOT NULL,
    finished_at        TIMESTAMPTZ,
    households_total   INTEGER,
    households_done    INTEGER      NOT NULL DEFAULT 0,
    error              TEXT,
    CHECK (kind = 'RESCREEN' OR compare_rule_set_id IS NOT NULL)
);
CREATE INDEX screening_run_running_ix ON screening_run (term) WHERE status = 'RUNNING';

-- Households and students per province and pair of classes: for RESCREEN the class before (NONE when the visit
-- had no result) and after; for WHAT_IF the class under the compared (published) and the draft rule set.
CREATE TABLE screening_run_count (
    run_id        BIGINT      NOT NULL REFERENCES screening_run (id),
    province_code VARCHAR(2)  NOT NULL REFERENCES province (code),
    from_class    VARCHAR(16) NOT NULL,
    to_class      VARCHAR(16) NOT NULL,
    households    INTEGER     NOT NULL,
    students      INTEGER     NOT NULL,
    PRIMARY KEY (run_id, province_code, from_class, to_class)
);

CREATE TABLE screening_result (
    id                 BIGSERIAL PRIMARY KEY,
    visit_id           BIGINT       NOT NULL REFERENCES home_visit (id),
    term               VARCHAR(6)   NOT NULL,
    province_code      VARCHAR(2)   NOT NULL,
    rule_set_id        BIGINT       NOT NULL REFERENCES rule_set (id),
    cause              VARCHAR(12)  NOT NULL CHECK (cause IN ('SUBMITTED', 'RESUBMITTED', 'RUN')),
    run_id             BIGINT REFERENCES screening_run (id),
    classification     VARCHAR(16)  NOT NULL CHECK (classification IN ('INCOMPLETE', 'NOT_POOR', 'POOR', 'EXTREMELY_POOR')),
    members            SMALLINT     NOT NULL,
    household_income   NUMERIC(14, 2),
    per_capita_income  NUMERIC(12, 2),
    hardship_score     INTEGER,
    dependants         SMALLINT,
    cut_off            INTEGER,
    p_dependants       SMALLINT,
    p_tenure           SMALLINT,
    p_dwelling         SMALLINT,
    p_farmland         SMALLINT,
    p_water            SMALLINT,
    p_electricity      SMALLINT,
    p_vehicles         SMALLINT,
    p_appliances       SMALLINT,
    missing            VARCHAR(40)[] NOT NULL DEFAULT '{}',
    current            BOOLEAN      NOT NULL,
    computed_at        TIMESTAMPTZ  NOT NULL,
    CHECK (cause <> 'RUN' OR run_id IS NOT NULL),
    CHECK (classification = 'INCOMPLETE' OR (per_capita_income IS NOT NULL AND hardship_score IS NOT NULL))
);
CREATE INDEX screening_result_visit_ix ON screening_result (visit_id);
CREATE UNIQUE INDEX screening_result_current_ux ON screening_result (visit_id) WHERE current;
CREATE INDEX screening_result_list_ix ON screening_result (province_code, term, classification) WHERE current;

-- Results are append-only: the only change allowed is a current result becoming a past one. The triggers are
-- column- and WHEN-qualified, so flipping `current` on a million rows runs no function per row.
CREATE FUNCTION screening_result_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'screening_result is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER screening_result_no_change
    BEFORE UPDATE OF id, visit_id, term, province_code, rule_set_id, cause, run_id, classification, members, household_income,
        per_capita_income, hardship_score, dependants, cut_off, p_dependants, p_tenure, p_dwelling, p_farmland, p_water,
        p_electricity, p_vehicles, p_appliances, missing, computed_at
    ON screening_result FOR EACH ROW EXECUTE FUNCTION screening_result_append_only();
CREATE TRIGGER screening_result_only_retire
    BEFORE UPDATE OF current ON screening_result
    FOR EACH ROW WHEN (NOT (OLD.current AND NOT NEW.current)) EXECUTE FUNCTION screening_result_append_only();
CREATE TRIGGER screening_result_no_delete
    BEFORE DELETE ON screening_result FOR EACH ROW EXECUTE FUNCTION screening_result_append_only();
CREATE TRIGGER screening_result_no_truncate
    BEFORE TRUNCATE ON screening_result FOR EACH STATEMENT EXECUTE FUNCTION screening_result_append_only();

INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
VALUES ('cct-pmt-default', '2569.1', 'เกณฑ์คัดกรองความยากจน (ค่าเริ่มต้น) / Default poverty screening', 'PUBLISHED',
        '{2569/1,2569/2}', '{
  "incomeCeiling": "3000.00",
  "cutOff": 20,
  "cutOffByRegion": {},
  "dependants": {"points": 5, "maxCounted": 4, "singleParent": 5, "elderlyFromAge": 60, "workingAgeFrom": 15, "workingAgeTo": 65},
  "tenure": {"OWN": 0, "RENT": 4, "DORMITORY": 4, "LIVE_WITH_OTHERS": 6},
  "floor": {"TILE": 0, "PARQUET": 0, "CEMENT": 1, "VINYL": 1, "WOOD_PLANK": 2, "OTHER": 3, "BAMBOO": 4, "EARTH": 5},
  "walls": {"CEMENT_RENDERED": 0, "BRICK_BLOCK": 1, "FIBRE_CEMENT": 1, "WOOD_PLANK": 2, "ZINC": 3, "PLYWOOD": 3, "OTHER": 4, "BAMBOO_SCRAP": 5},
  "roof": {"TILE": 0, "METAL": 1, "WOOD_PLANK": 2, "OTHER": 3, "LEAVES": 5, "SHEET": 5},
  "noToilet": 4,
  "farmland": {"OVER_5_RAI": 0, "RAI_1_TO_5": 1, "UNDER_1_RAI": 2, "NONE": 3},
  "water": {"TAP": 0, "BOTTLED": 1, "WELL": 3, "RAIN_OR_STREAM": 5},
  "electricity": {"METER": 0, "SHARED_OR_BATTERY": 5, "GENERATOR_OR_SOLAR": 5, "NONE": 8},
  "vehicles": {"noVehicle": 3, "carUpTo15y": -10, "carOver15y": -4, "pickupUpTo15y": -8, "pickupOver15y": -3,
               "tractorUpTo15y": -8, "tractorOver15y": -3, "motorcycleOrBoat": 0, "lowest": -20},
  "appliances": {"computer": -2, "airConditioner": -4, "flatScreenTv": -1, "washingMachine": -1, "refrigerator": -1}
}'::jsonb, 'migration V12', 'migration V12', now());
