-- Out-of-school children and youth, step 1 (issue 8, docs/out-of-school.md): the service providers' registry and
-- the found children. Cases (consent, assessment, care plan, referrals, follow-ups, closure, payments) come later
-- and refer to found_child (id) and provider (id, code).
--
-- pg_trgm gives the trigram similarity of names for the duplicate offers; fuzzystrmatch the Levenshtein distance,
-- which does not depend on the database's locale. Both are trusted extensions (PostgreSQL 13+): a database owner
-- may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- A service provider: a school, non-formal-education centre, vocational college, skills-training centre, health or
-- social-development office, or NGO. Code P + province + serial (P21001).
CREATE TABLE provider (
    id                BIGSERIAL PRIMARY KEY,
    code              VARCHAR(6)   NOT NULL UNIQUE CHECK (code ~ '^P[0-9]{5}$'),
    name_th           VARCHAR(200) NOT NULL,
    name_en           VARCHAR(200),
    type              VARCHAR(30)  NOT NULL CHECK (type IN ('SCHOOL', 'NFE_CENTRE', 'VOCATIONAL_COLLEGE', 'SKILLS_TRAINING_CENTRE',
                                                           'HEALTH_OFFICE', 'SOCIAL_DEVELOPMENT_OFFICE', 'NGO')),
    province_code     VARCHAR(2)   NOT NULL REFERENCES province (code),
    contact_name      VARCHAR(200),
    phone             VARCHAR(20),
    email             VARCHAR(200),
    address           VARCHAR(500),
    bank_code         VARCHAR(3)   CHECK (bank_code ~ '^[0-9]{3}$'),
    bank_account_no   VARCHAR(20)  CHECK (bank_account_no ~ '^[0-9]{10,15}$'),
    bank_account_name VARCHAR(200),
    active            BOOLEAN      NOT NULL DEFAULT TRUE,
    version           BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (substr(code, 2, 2) = province_code),
    CHECK ((bank_code IS NULL) = (bank_account_no IS NULL) AND (bank_account_no IS NULL) = (bank_account_name IS NULL))
);
CREATE INDEX provider_province_ix ON provider (province_code, code);

-- The services a provider offers: the needs of out-of-school.md.
CREATE TABLE provider_service (
    provider_id BIGINT      NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
    service     VARCHAR(30) NOT NULL CHECK (service IN ('RETURN_TO_SCHOOL', 'NON_FORMAL_EDUCATION', 'VOCATIONAL_TRAINING',
                                                        'LIFE_SKILLS', 'EARLY_CHILDHOOD_CARE', 'HEALTH', 'SOCIAL_WELFARE', 'OTHER')),
    PRIMARY KEY (provider_id, service)
);

-- The area a provider serves within its province: districts (4 digits) or subdistricts (6 digits); none = the
-- whole province.
CREATE TABLE provider_area (
    provider_id BIGINT     NOT NULL REFERENCES provider (id) ON DELETE CASCADE,
    area_code   VARCHAR(6) NOT NULL CHECK (area_code ~ '^[0-9]{4}([0-9]{2})?$'),
    PRIMARY KEY (provider_id, area_code)
);

-- A child or youth found out of school, house to house. province_code and district_code are copied from the
-- subdistrict so that area scoping and grouping are one predicate. name_key is the names without titles and
-- spaces, for the duplicate offers; age_years and age_band are the age at surveyed_on.
CREATE TABLE found_child (
    id                   BIGSERIAL PRIMARY KEY,
    external_id          VARCHAR(100) UNIQUE,
    national_id          VARCHAR(13)  CHECK (national_id ~ '^([0-9]{13}|G[0-9]{12})$'),
    no_id_reason         VARCHAR(500),
    first_name           VARCHAR(100) NOT NULL,
    last_name            VARCHAR(100) NOT NULL,
    name_key             VARCHAR(200) NOT NULL,
    birth_date           DATE         NOT NULL,
    sex                  VARCHAR(10)  NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    house_no             VARCHAR(20),
    village_no           SMALLINT     CHECK (village_no BETWEEN 0 AND 99),
    subdistrict_code     VARCHAR(6)   NOT NULL REFERENCES subdistrict (code),
    district_code        VARCHAR(4)   NOT NULL REFERENCES district (code),
    province_code        VARCHAR(2)   NOT NULL REFERENCES province (code),
    lat                  NUMERIC(9, 6) CHECK (lat BETWEEN 5 AND 21),
    lon                  NUMERIC(9, 6) CHECK (lon BETWEEN 97 AND 106),
    guardian_phone       VARCHAR(20),
    situation            VARCHAR(500),
    highest_grade        VARCHAR(10)  CHECK (highest_grade IN ('NONE', 'ECE', 'K1', 'K2', 'K3', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6',
                                                              'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'NFE', 'VOC')),
    left_school_on       DATE,
    reasons              VARCHAR(30)[] NOT NULL DEFAULT '{}',
    needs                VARCHAR(30)[] NOT NULL DEFAULT '{}',
    notes                VARCHAR(2000),
    surveyed_on          DATE         NOT NULL,
    age_years            SMALLINT     NOT NULL CHECK (age_years BETWEEN 2 AND 21),
    age_band             VARCHAR(5)   NOT NULL CHECK (age_band IN ('2-6', '7-12', '13-15', '16-18', '19-21')),
    status               VARCHAR(12)  NOT NULL DEFAULT 'FOUND' CHECK (status IN ('FOUND', 'VERIFIED', 'IN_SCHOOL', 'DUPLICATE')),
    merged_into          BIGINT       REFERENCES found_child (id),
    merge_reason         VARCHAR(500),
    not_duplicate_reason VARCHAR(500),
    recorded_by          VARCHAR(50)  NOT NULL,
    recorded_at          TIMESTAMPTZ  NOT NULL,
    updated_by           VARCHAR(50)  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    version              BIGINT       NOT NULL DEFAULT 0,
    CHECK ((national_id IS NULL) <> (no_id_reason IS NULL)),
    CHECK ((status = 'DUPLICATE') = (merged_into IS NOT NULL)),
    CHECK (merged_into <> id),
    CHECK (substr(subdistrict_code, 1, 4) = district_code AND substr(subdistrict_code, 1, 2) = province_code),
    CHECK (left_school_on IS NULL OR left_school_on >= birth_date),
    CHECK (reasons <@ ARRAY['POVERTY', 'FAMILY_DUTIES', 'WORKING', 'MIGRATION', 'DISABILITY_OR_HEALTH', 'PREGNANCY_OR_MARRIAGE',
                            'BEHAVIOUR_OR_DISCIPLINE', 'LEARNING_DIFFICULTY', 'DISTANCE_OR_TRANSPORT', 'NO_CIVIL_REGISTRATION',
                            'NEVER_ENROLLED', 'OTHER']::VARCHAR(30)[]),
    CHECK (needs <@ ARRAY['RETURN_TO_SCHOOL', 'NON_FORMAL_EDUCATION', 'VOCATIONAL_TRAINING', 'LIFE_SKILLS', 'EARLY_CHILDHOOD_CARE',
                          'HEALTH', 'SOCIAL_WELFARE', 'OTHER']::VARCHAR(30)[])
);
CREATE INDEX found_child_area_ix ON found_child (province_code, district_code, subdistrict_code);
CREATE INDEX found_child_national_id_ix ON found_child (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX found_child_birth_ix ON found_child (subdistrict_code, birth_date);
CREATE INDEX found_child_recorded_by_ix ON found_child (recorded_by, recorded_at DESC);
CREATE INDEX found_child_merged_ix ON found_child (merged_into) WHERE merged_into IS NOT NULL;
