-- Drafts of home visits, as the teachers' screens save them (any time, complete or not), and the photos
-- attached to drafts and visits. A draft holds the survey document as JSON; submitting it validates it in
-- full and records the visit's rows (V9). The photo files live on disk (PhotoStore, by content hash); the
-- rows keep what the evidence checks need: the hash, the EXIF position and capture time.
CREATE TABLE visit_draft (
    id            BIGSERIAL PRIMARY KEY,
    external_id   UUID        NOT NULL UNIQUE,
    child_id      BIGINT      NOT NULL REFERENCES child (id),
    term          VARCHAR(6)  NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    org_unit_id   BIGINT      NOT NULL REFERENCES org_unit (id),
    province_code VARCHAR(2)  NOT NULL REFERENCES province (code),
    document      JSONB       NOT NULL,
    status        VARCHAR(10) NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'SUBMITTED')),
    visit_id      BIGINT REFERENCES home_visit (id),
    created_by    BIGINT REFERENCES user_account (id),
    updated_by    BIGINT REFERENCES user_account (id),
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (child_id, term),
    CHECK (status <> 'SUBMITTED' OR visit_id IS NOT NULL)
);
CREATE INDEX visit_draft_org_unit_ix ON visit_draft (org_unit_id, term);

CREATE TABLE visit_photo (
    id          BIGSERIAL PRIMARY KEY,
    visit_id    BIGINT REFERENCES home_visit (id) ON DELETE CASCADE,
    draft_id    BIGINT REFERENCES visit_draft (id) ON DELETE CASCADE,
    kind        VARCHAR(30)  NOT NULL CHECK (kind IN ('EXTERIOR', 'INTERIOR', 'STUDENT', 'STUDENT_WITH_SCHOOL_SIGN')),
    sha256      VARCHAR(64)  NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    media_type  VARCHAR(20)  NOT NULL,
    width       INTEGER      NOT NULL,
    height      INTEGER      NOT NULL,
    latitude    NUMERIC(9, 6),
    longitude   NUMERIC(9, 6),
    taken_at    TIMESTAMP,
    uploaded_by BIGINT REFERENCES user_account (id),
    uploaded_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (visit_id IS NOT NULL OR draft_id IS NOT NULL),
    UNIQUE (visit_id, sha256),
    UNIQUE (draft_id, sha256)
);
CREATE INDEX visit_photo_sha_ix ON visit_photo (sha256);
