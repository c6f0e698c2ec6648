-- A full home visit of a found out-of-school child (issue 8): the household part reuses the home-visit survey. The
-- visit is recorded on a child record: the found child is put (or found) on the roll of the non-formal-education
-- centre of its subdistrict (else of its district) with status OUT_OF_SCHOOL, and the found record links to it.
-- child.found_subdistrict_code says where such a child was found: the area workers of that subdistrict may make and
-- see its visit while it is out of school, though the centre's roll is not theirs (ADR 0011).
ALTER TABLE child ADD COLUMN found_subdistrict_code VARCHAR(6) REFERENCES subdistrict (code);
ALTER TABLE found_child ADD COLUMN child_id BIGINT REFERENCES child (id);
CREATE INDEX found_child_child_ix ON found_child (child_id) WHERE child_id IS NOT NULL;
