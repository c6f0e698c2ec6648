-- Which result is current moves from a flag on every result to a narrow table, so that re-screening a million
-- households appends results and rewrites one small row per visit instead of rewriting every wide result row
-- (measured: the flag's UPDATE, the partial indexes and the foreign-key checks were ~85 % of a re-screening run).
-- The result also keeps how many students the household had, so lists and runs count students without a join.

DROP TRIGGER screening_result_no_change ON screening_result;
DROP TRIGGER screening_result_only_retire ON screening_result;
DROP TRIGGER screening_result_no_delete ON screening_result;

ALTER TABLE screening_result ADD COLUMN students SMALLINT NOT NULL DEFAULT 0;
UPDATE screening_result r SET students = (SELECT count(*) FROM visit_student vs WHERE vs.visit_id = r.visit_id);
ALTER TABLE screening_result ALTER COLUMN students DROP DEFAULT;

CREATE TABLE screening_current (
    visit_id       BIGINT      PRIMARY KEY,
    result_id      BIGINT      NOT NULL,
    term           VARCHAR(6)  NOT NULL,
    province_code  VARCHAR(2)  NOT NULL,
    classification VARCHAR(16) NOT NULL,
    students       SMALLINT    NOT NULL
) WITH (fillfactor = 50);  -- room on each page, so that moving a visit to its new result is a HOT update when its class stays
INSERT INTO screening_current (visit_id, result_id, term, province_code, classification, students)
SELECT visit_id, id, term, province_code, classification, students FROM screening_result WHERE current;
CREATE INDEX screening_current_list_ix ON screening_current (province_code, term, classification);

-- dropping the flag drops the two partial indexes built on it
ALTER TABLE screening_result DROP COLUMN current;

-- Results are written only by the screening statement, which takes the visit, rule set and run from the same
-- statement's rows and parameters; the per-row foreign-key checks (three lookups per result) are replaced by
-- refusing to delete a visit that has results (rule sets other than drafts cannot be deleted, runs are never
-- deleted).
ALTER TABLE screening_result DROP CONSTRAINT screening_result_visit_id_fkey;
ALTER TABLE screening_result DROP CONSTRAINT screening_result_rule_set_id_fkey;
ALTER TABLE screening_result DROP CONSTRAINT screening_result_run_id_fkey;

CREATE FUNCTION home_visit_keeps_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM screening_result WHERE visit_id = OLD.id) THEN
        RAISE EXCEPTION 'home visit % has screening results and cannot be deleted', OLD.id;
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER home_visit_keeps_results BEFORE DELETE ON home_visit FOR EACH ROW EXECUTE FUNCTION home_visit_keeps_results();

-- Results stay append-only: no update, no delete (the truncate trigger of V12 stays).
CREATE TRIGGER screening_result_no_update_delete BEFORE UPDATE OR DELETE ON screening_result
    FOR EACH ROW EXECUTE FUNCTION screening_result_append_only();
-- A current result only ever moves to a newer one of the same visit.
CREATE FUNCTION screening_current_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'screening_current of visit % may only move to a newer result', OLD.visit_id;
END
$$;
CREATE TRIGGER screening_current_forward BEFORE UPDATE ON screening_current
    FOR EACH ROW WHEN (NEW.result_id <= OLD.result_id OR NEW.visit_id <> OLD.visit_id)
    EXECUTE FUNCTION screening_current_forward();
CREATE FUNCTION screening_current_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'screening_current keeps every visit''s current result: % refused', TG_OP;
END
$$;
CREATE TRIGGER screening_current_no_delete BEFORE DELETE OR TRUNCATE ON screening_current
    FOR EACH STATEMENT EXECUTE FUNCTION screening_current_kept();
