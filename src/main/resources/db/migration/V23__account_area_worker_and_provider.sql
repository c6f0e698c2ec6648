-- Two more roles (issue 8): AREA_WORKER, scoped to one or more subdistricts, finds out-of-school children;
-- PROVIDER, scoped to one service provider, sees the cases referred to it.
ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
    CHECK (role IN ('TEACHER', 'PROVINCE', 'FUND', 'ADMIN', 'AREA_WORKER', 'PROVIDER'));

CREATE TABLE user_subdistrict (
    user_id          BIGINT     NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    subdistrict_code VARCHAR(6) NOT NULL REFERENCES subdistrict (code),
    PRIMARY KEY (user_id, subdistrict_code)
);
CREATE INDEX user_subdistrict_code_ix ON user_subdistrict (subdistrict_code);

ALTER TABLE user_account ADD COLUMN provider_code VARCHAR(6) REFERENCES provider (code);
