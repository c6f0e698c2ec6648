-- Issue 7, planning at scale (after V31): a line pays a child of a certified list version, at the unit and in the
-- province the list certified. Four row-by-row keys of payment_line (child, org unit, province, certification) checked
-- only that those rows exist; two composite keys now check that the line's child and unit are an entry of its
-- certification, and its province that certification's province — more than before, with two checks a line instead of
-- four (planning 200,000 children spent most of its time in foreign-key triggers, docs/benchmarks.md "disbursement").
-- The entry's own child and unit get the keys the line had, checked once when the list is certified.
ALTER TABLE certification ADD CONSTRAINT certification_province_uk UNIQUE (id, province_code);
ALTER TABLE certification_entry ADD CONSTRAINT certification_entry_unit_uk UNIQUE (certification_id, child_id, org_unit_id);
ALTER TABLE certification_entry ADD CONSTRAINT certification_entry_child_fkey FOREIGN KEY (child_id) REFERENCES child (id);
ALTER TABLE certification_entry ADD CONSTRAINT certification_entry_org_unit_fkey FOREIGN KEY (org_unit_id) REFERENCES org_unit (id);

ALTER TABLE payment_line DROP CONSTRAINT payment_line_child_id_fkey;
ALTER TABLE payment_line DROP CONSTRAINT payment_line_org_unit_id_fkey;
ALTER TABLE payment_line DROP CONSTRAINT payment_line_province_code_fkey;
ALTER TABLE payment_line DROP CONSTRAINT payment_line_certification_id_fkey;
ALTER TABLE payment_line ADD CONSTRAINT payment_line_entry_fkey
    FOREIGN KEY (certification_id, child_id, org_unit_id) REFERENCES certification_entry (certification_id, child_id, org_unit_id);
ALTER TABLE payment_line ADD CONSTRAINT payment_line_certification_fkey
    FOREIGN KEY (certification_id, province_code) REFERENCES certification (id, province_code);
