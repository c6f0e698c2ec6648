-- Organisation units: schools, child-development centres, non-formal-education centres.
-- province_code and district_code are copied from the subdistrict so that area scoping is one predicate.
CREATE TABLE org_unit (
    id               BIGSERIAL PRIMARY KEY,
    code             VARCHAR(20)  NOT NULL UNIQUE,
    name_th          VARCHAR(200) NOT NULL,
    name_en          VARCHAR(200),
    type             VARCHAR(30)  NOT NULL CHECK (type IN ('SCHOOL', 'CHILD_DEVELOPMENT_CENTRE', 'NFE_CENTRE')),
    affiliation      VARCHAR(30)  NOT NULL CHECK (affiliation IN ('OBEC', 'LOCAL_ADMINISTRATION', 'NFE', 'PRIVATE', 'BORDER_PATROL_POLICE', 'OTHER')),
    subdistrict_code VARCHAR(6)      NOT NULL REFERENCES subdistrict (code),
    district_code    VARCHAR(4)      NOT NULL REFERENCES district (code),
    province_code    VARCHAR(2)      NOT NULL REFERENCES province (code),
    active           BOOLEAN      NOT NULL DEFAULT TRUE,
    version          BIGINT       NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (type <> 'SCHOOL' OR code ~ '^[0-9]{10}$'),
    CHECK (code ~ '^[0-9A-Za-z-]{4,20}$'),
    CHECK (substr(subdistrict_code, 1, 4) = district_code AND substr(subdistrict_code, 1, 2) = province_code)
);
CREATE INDEX org_unit_province_ix ON org_unit (province_code, district_code);
CREATE INDEX org_unit_subdistrict_ix ON org_unit (subdistrict_code);
CREATE INDEX org_unit_name_ix ON org_unit (lower(name_th));
