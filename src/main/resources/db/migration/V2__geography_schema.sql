-- Thai administrative divisions. Province, district and subdistrict keys are DOPA codes
-- (2, 4 and 6 digits). Data: V3__geography_load (from db/geography/*.csv, MIT, kongvut/thai-province-data).
CREATE TABLE region (
    id      SMALLINT PRIMARY KEY,
    name_th VARCHAR(100) NOT NULL,
    name_en VARCHAR(100) NOT NULL
);

CREATE TABLE province (
    code      VARCHAR(2) PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name_th   VARCHAR(100) NOT NULL,
    name_en   VARCHAR(100) NOT NULL,
    region_id SMALLINT NOT NULL REFERENCES region (id)
);

CREATE TABLE district (
    code          VARCHAR(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    province_code VARCHAR(2) NOT NULL REFERENCES province (code),
    name_th       VARCHAR(100) NOT NULL,
    name_en       VARCHAR(100) NOT NULL,
    CHECK (substr(code, 1, 2) = province_code)
);
CREATE INDEX district_province_ix ON district (province_code);

CREATE TABLE subdistrict (
    code          VARCHAR(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    district_code VARCHAR(4) NOT NULL REFERENCES district (code),
    province_code VARCHAR(2) NOT NULL REFERENCES province (code),
    name_th       VARCHAR(100) NOT NULL,
    name_en       VARCHAR(100) NOT NULL,
    postcode      VARCHAR(5) CHECK (postcode ~ '^[0-9]{5}$'),
    latitude      NUMERIC(9, 6),
    longitude     NUMERIC(9, 6),
    CHECK (substr(code, 1, 4) = district_code),
    CHECK (substr(code, 1, 2) = province_code)
);
CREATE INDEX subdistrict_district_ix ON subdistrict (district_code);
CREATE INDEX subdistrict_province_ix ON subdistrict (province_code);
