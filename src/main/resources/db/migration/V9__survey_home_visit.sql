-- Households, home visits and household members. One visit per household per term; the students of the
-- household share it (visit_student). Area columns (org_unit_id, province_code) are copied onto the visit so
-- that area scoping is one predicate.
CREATE TABLE household (
    id               BIGSERIAL PRIMARY KEY,
    house_no         VARCHAR(30),
    village_no       SMALLINT CHECK (village_no BETWEEN 1 AND 99),
    subdistrict_code VARCHAR(6)  NOT NULL REFERENCES subdistrict (code),
    postcode         VARCHAR(5) CHECK (postcode ~ '^[0-9]{5}$'),
    latitude         NUMERIC(9, 6) CHECK (latitude BETWEEN 5.5 AND 20.5),
    longitude        NUMERIC(9, 6) CHECK (longitude BETWEEN 97.3 AND 105.7),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE home_visit (
    id                      BIGSERIAL PRIMARY KEY,
    external_id             UUID UNIQUE,
    household_id            BIGINT       NOT NULL REFERENCES household (id),
    term                    VARCHAR(6)   NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    visited_on              DATE         NOT NULL,
    org_unit_id             BIGINT       NOT NULL REFERENCES org_unit (id),
    province_code           VARCHAR(2)   NOT NULL REFERENCES province (code),
    recorded_by             BIGINT REFERENCES user_account (id),
    status                  VARCHAR(10)  NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'RETURNED')),
    single_parent           BOOLEAN      NOT NULL DEFAULT FALSE,
    housing_tenure          VARCHAR(20) CHECK (housing_tenure IN ('OWN', 'RENT', 'DORMITORY', 'LIVE_WITH_OTHERS')),
    housing_floor           VARCHAR(20) CHECK (housing_floor IN ('TILE', 'PARQUET', 'CEMENT', 'VINYL', 'WOOD_PLANK', 'OTHER', 'BAMBOO', 'EARTH')),
    housing_walls           VARCHAR(20) CHECK (housing_walls IN ('CEMENT_RENDERED', 'BRICK_BLOCK', 'FIBRE_CEMENT', 'WOOD_PLANK', 'ZINC', 'PLYWOOD', 'OTHER', 'BAMBOO_SCRAP')),
    housing_roof            VARCHAR(20) CHECK (housing_roof IN ('TILE', 'METAL', 'WOOD_PLANK', 'OTHER', 'LEAVES', 'SHEET')),
    has_toilet              BOOLEAN,
    farmland                VARCHAR(20) CHECK (farmland IN ('OVER_5_RAI', 'RAI_1_TO_5', 'UNDER_1_RAI', 'NONE')),
    drinking_water          VARCHAR(20) CHECK (drinking_water IN ('TAP', 'BOTTLED', 'WELL', 'RAIN_OR_STREAM')),
    electricity             VARCHAR(20) CHECK (electricity IN ('METER', 'SHARED_OR_BATTERY', 'GENERATOR_OR_SOLAR', 'NONE')),
    car_up_to_15y           SMALLINT CHECK (car_up_to_15y BETWEEN 0 AND 20),
    car_over_15y            SMALLINT CHECK (car_over_15y BETWEEN 0 AND 20),
    pickup_up_to_15y        SMALLINT CHECK (pickup_up_to_15y BETWEEN 0 AND 20),
    pickup_over_15y         SMALLINT CHECK (pickup_over_15y BETWEEN 0 AND 20),
    tractor_up_to_15y       SMALLINT CHECK (tractor_up_to_15y BETWEEN 0 AND 20),
    tractor_over_15y        SMALLINT CHECK (tractor_over_15y BETWEEN 0 AND 20),
    motorcycle_or_boat      SMALLINT CHECK (motorcycle_or_boat BETWEEN 0 AND 20),
    has_computer            BOOLEAN,
    has_air_conditioner     BOOLEAN,
    has_flat_screen_tv      BOOLEAN,
    has_washing_machine     BOOLEAN,
    has_refrigerator        BOOLEAN,
    journey_distance_km     NUMERIC(6, 2) CHECK (journey_distance_km >= 0),
    journey_minutes         SMALLINT CHECK (journey_minutes >= 0),
    journey_mode            VARCHAR(20) CHECK (journey_mode IN ('WALK', 'BICYCLE', 'MOTORCYCLE', 'SCHOOL_BUS', 'PUBLIC_TRANSPORT', 'CAR', 'BOAT', 'OTHER')),
    income_certifier_name   VARCHAR(100),
    income_certifier_position VARCHAR(100),
    consent_given           BOOLEAN,
    consent_given_by        VARCHAR(20),
    consent_given_on        DATE,
    consent_scopes          VARCHAR(30)[] NOT NULL DEFAULT '{}',
    evidence_flags          VARCHAR(40)[] NOT NULL DEFAULT '{}',
    submitted_at            TIMESTAMPTZ,
    version                 BIGINT       NOT NULL DEFAULT 0,
    created_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (household_id, term)
);
CREATE INDEX home_visit_scope_ix ON home_visit (province_code, term);
CREATE INDEX home_visit_org_unit_ix ON home_visit (org_unit_id, term);

CREATE TABLE household_member (
    id              BIGSERIAL PRIMARY KEY,
    visit_id        BIGINT       NOT NULL REFERENCES home_visit (id) ON DELETE CASCADE,
    position        SMALLINT     NOT NULL CHECK (position BETWEEN 0 AND 29),
    relationship    VARCHAR(20)  NOT NULL CHECK (relationship IN ('STUDENT', 'FATHER', 'MOTHER', 'GRANDPARENT', 'SIBLING', 'RELATIVE', 'GUARDIAN', 'OTHER')),
    child_id        BIGINT REFERENCES child (id),
    national_id     VARCHAR(13) CHECK (national_id ~ '^([0-9]{13}|G[0-9]{12})$'),
    first_name      VARCHAR(100) NOT NULL,
    last_name       VARCHAR(100) NOT NULL,
    birth_date      DATE,
    age             SMALLINT CHECK (age BETWEEN 0 AND 130),
    sex             VARCHAR(6) CHECK (sex IN ('MALE', 'FEMALE')),
    grade_level     VARCHAR(10),
    disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    chronically_ill BOOLEAN      NOT NULL DEFAULT FALSE,
    unemployed      BOOLEAN      NOT NULL DEFAULT FALSE,
    studying        BOOLEAN      NOT NULL DEFAULT FALSE,
    guardian        BOOLEAN      NOT NULL DEFAULT FALSE,
    income_wages    NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (income_wages BETWEEN 0 AND 1000000),
    income_farming  NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (income_farming BETWEEN 0 AND 1000000),
    income_business NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (income_business BETWEEN 0 AND 1000000),
    income_welfare  NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (income_welfare BETWEEN 0 AND 1000000),
    income_other    NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (income_other BETWEEN 0 AND 1000000),
    UNIQUE (visit_id, position),
    CHECK (relationship <> 'STUDENT' OR (child_id IS NOT NULL AND national_id IS NOT NULL)),
    CHECK (birth_date IS NOT NULL OR age IS NOT NULL)
);
CREATE INDEX household_member_visit_ix ON household_member (visit_id);

-- A student appears in one visit per term: siblings share one, a second visit of the same child is refused.
CREATE TABLE visit_student (
    visit_id BIGINT     NOT NULL REFERENCES home_visit (id) ON DELETE CASCADE,
    child_id BIGINT     NOT NULL REFERENCES child (id),
    term     VARCHAR(6) NOT NULL,
    PRIMARY KEY (visit_id, child_id),
    UNIQUE (child_id, term)
);
