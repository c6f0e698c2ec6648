-- The review list (issue 6) pages 200,000 students of a province, the most in need first: class, then hardship score
-- (highest first), then per-capita income (lowest first). The current result's score and income are kept next to its
-- class, and the list index orders by them, so a page is read in index order instead of joining and sorting every
-- result of the province. Unchanged scores keep moving a visit's pointer a HOT update (nothing indexed changes).
ALTER TABLE screening_current ADD COLUMN hardship_score INTEGER;
ALTER TABLE screening_current ADD COLUMN per_capita_income NUMERIC(12, 2);
UPDATE screening_current c SET hardship_score = r.hardship_score, per_capita_income = r.per_capita_income
FROM screening_result r WHERE r.id = c.result_id;

DROP INDEX screening_current_list_ix;
-- students rides along, so that the students per class of a province and term are counted from the index alone
CREATE INDEX screening_current_list_ix ON screening_current
    (province_code, term, classification, hardship_score DESC NULLS LAST, per_capita_income NULLS LAST, visit_id) INCLUDE (students);
