-- Photos attached to home visits. The files live on disk (PhotoStore, by content hash); the rows keep
-- what the evidence checks need: the hash, the EXIF position and capture time.
CREATE TABLE visit_photo (
    id          BIGSERIAL PRIMARY KEY,
    visit_id    BIGINT       NOT NULL REFERENCES home_visit (id) ON DELETE CASCADE,
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
    UNIQUE (visit_id, sha256)
);
CREATE INDEX visit_photo_sha_ix ON visit_photo (sha256);
