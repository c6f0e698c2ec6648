-- User accounts, their roles and area scopes, and login attempts (the lockout counts these, so it holds
-- across every instance behind a load balancer).
CREATE TABLE user_account (
    id                  BIGSERIAL PRIMARY KEY,
    username            VARCHAR(50)  NOT NULL UNIQUE CHECK (username = lower(username) AND username ~ '^[a-z0-9._-]{3,50}$'),
    display_name        VARCHAR(200) NOT NULL,
    password_hash       VARCHAR(200) NOT NULL,
    enabled             BOOLEAN      NOT NULL DEFAULT TRUE,
    province_code       VARCHAR(2) REFERENCES province (code),
    preferred_locale    VARCHAR(5)   NOT NULL DEFAULT 'th',
    password_changed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version             BIGINT       NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
    user_id BIGINT      NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    role    VARCHAR(20) NOT NULL CHECK (role IN ('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE user_org_unit (
    user_id     BIGINT NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    org_unit_id BIGINT NOT NULL REFERENCES org_unit (id),
    PRIMARY KEY (user_id, org_unit_id)
);
CREATE INDEX user_org_unit_unit_ix ON user_org_unit (org_unit_id);

CREATE TABLE login_attempt (
    id          BIGSERIAL PRIMARY KEY,
    username    VARCHAR(100) NOT NULL,
    at          TIMESTAMPTZ  NOT NULL,
    success     BOOLEAN      NOT NULL,
    remote_addr VARCHAR(64)
);
CREATE INDEX login_attempt_user_ix ON login_attempt (username, at DESC);
