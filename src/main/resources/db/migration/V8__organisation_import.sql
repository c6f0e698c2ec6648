-- CSV imports of organisation units between preview and apply. A file is kept here only when every row passed
-- the checks; apply checks it again and writes all rows in one transaction, then sets applied_at so that the
-- same token is never applied twice. Unapplied files are removed after a day; applied ones stay as a record
-- of what was imported (the audit log has who and when).
CREATE TABLE org_unit_import (
    id            UUID PRIMARY KEY,
    created_by    VARCHAR(100) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    content       TEXT         NOT NULL,
    row_count     INTEGER      NOT NULL CHECK (row_count >= 0),
    applied_at    TIMESTAMPTZ,
    created_count INTEGER,
    updated_count INTEGER
);
CREATE INDEX org_unit_import_unapplied_ix ON org_unit_import (created_at) WHERE applied_at IS NULL;
