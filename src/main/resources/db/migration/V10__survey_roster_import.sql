-- Roster (children) CSV imports between preview and apply, tied to the user who uploaded the file. A file is kept
-- here only when every row passed the checks; apply checks it again under the same user's area and writes all rows
-- in one transaction, then sets applied_at so that the same token is never applied twice. The file holds children's
-- personal data, so its content is removed when it is applied (the counts stay, the audit log has who and when) and
-- unapplied files are removed after a day.
CREATE TABLE roster_import (
    id              UUID PRIMARY KEY,
    created_by      VARCHAR(100) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    content         TEXT,
    row_count       INTEGER      NOT NULL CHECK (row_count >= 0),
    applied_at      TIMESTAMPTZ,
    created_count   INTEGER,
    updated_count   INTEGER,
    unchanged_count INTEGER,
    CONSTRAINT roster_import_content_until_applied CHECK (content IS NOT NULL OR applied_at IS NOT NULL)
);
CREATE INDEX roster_import_unapplied_ix ON roster_import (created_at) WHERE applied_at IS NULL;
