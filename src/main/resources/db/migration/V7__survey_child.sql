-- Children as the teachers' lists know them (the home-visit survey builds on this table).
CREATE TABLE child (
    id            BIGSERIAL PRIMARY KEY,
    national_id   VARCHAR(13)  NOT NULL UNIQUE CHECK (national_id ~ '^([0-9]{13}|G[0-9]{12})$'),
    title         VARCHAR(30),
    first_name    VARCHAR(100) NOT NULL,
    last_name     VARCHAR(100) NOT NULL,
    birth_date    DATE         NOT NULL,
    sex           VARCHAR(10)  NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    nationality   VARCHAR(3)   NOT NULL DEFAULT 'THA',
    org_unit_id   BIGINT       NOT NULL REFERENCES org_unit (id),
    province_code VARCHAR(2)      NOT NULL REFERENCES province (code),
    grade_level   VARCHAR(10)  NOT NULL,
    status        VARCHAR(20)  NOT NULL DEFAULT 'IN_SCHOOL' CHECK (status IN ('IN_SCHOOL', 'OUT_OF_SCHOOL', 'LEFT')),
    version       BIGINT       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX child_org_unit_ix ON child (org_unit_id);
CREATE INDEX child_province_ix ON child (province_code);
