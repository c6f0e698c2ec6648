-- Out-of-school children and youth, step 2 (issue 8, docs/out-of-school.md "Cases"): a case per found child with its
-- consents, needs assessment, care plan and interventions, referrals to providers, follow-ups, closure and an
-- append-only history (the timeline). The stage is never stored: it is derived from what the case holds (CaseStage).
-- Case payments (OOS_YOUTH) come in step 3 and add their own rows and timeline entries.

CREATE TABLE oos_case (
    id                     BIGSERIAL PRIMARY KEY,
    found_child_id         BIGINT        NOT NULL REFERENCES found_child (id),
    province_code          VARCHAR(2)    NOT NULL REFERENCES province (code),
    district_code          VARCHAR(4)    NOT NULL REFERENCES district (code),
    subdistrict_code       VARCHAR(6)    NOT NULL REFERENCES subdistrict (code),
    opened_by              VARCHAR(50)   NOT NULL,
    opened_at              TIMESTAMPTZ   NOT NULL,
    -- the needs assessment (the latest; earlier ones stay in the history)
    assessed_on            DATE,
    assessed_by            VARCHAR(200),
    assessed_needs         VARCHAR(30)[],
    family_situation       VARCHAR(2000),
    youth_goals            VARCHAR(2000),
    risks                  VARCHAR(2000),
    -- the care plan: DRAFT until a province user approves it; RETURNED with comments; any edit after approval makes it
    -- DRAFT again. plan_approved_at is the first approval since the case was (re)opened: the stage stays PLANNED or later
    -- while an edited plan waits for re-approval, but no new referral is made until it is approved again.
    plan_goals             VARCHAR(2000),
    plan_status            VARCHAR(10)   CHECK (plan_status IN ('DRAFT', 'APPROVED', 'RETURNED')),
    plan_comment           VARCHAR(2000),
    plan_decided_by        VARCHAR(50),
    plan_decided_at        TIMESTAMPTZ,
    plan_approved_at       TIMESTAMPTZ,
    -- the closure (cleared when the case is reopened; every closure stays in the history)
    outcome                VARCHAR(30)   CHECK (outcome IN ('BACK_IN_SCHOOL', 'NON_FORMAL_EDUCATION', 'TRAINING_COMPLETED', 'EMPLOYED',
                                                          'MOVED_AWAY', 'LOST_CONTACT', 'DECEASED', 'OTHER')),
    closed_on              DATE,
    closure_note           VARCHAR(2000),
    closed_by              VARCHAR(50),
    reopened_at            TIMESTAMPTZ,
    version                BIGINT        NOT NULL DEFAULT 0,
    CHECK ((outcome IS NULL) = (closed_on IS NULL)),
    CHECK ((plan_status IS NULL) = (plan_goals IS NULL)),
    CHECK (substr(subdistrict_code, 1, 4) = district_code AND substr(subdistrict_code, 1, 2) = province_code),
    CHECK (assessed_needs <@ ARRAY['RETURN_TO_SCHOOL', 'NON_FORMAL_EDUCATION', 'VOCATIONAL_TRAINING', 'LIFE_SKILLS', 'EARLY_CHILDHOOD_CARE',
                                   'HEALTH', 'SOCIAL_WELFARE', 'OTHER']::VARCHAR(30)[])
);
-- one open case per child at a time
CREATE UNIQUE INDEX oos_case_one_open_ux ON oos_case (found_child_id) WHERE closed_on IS NULL;
CREATE INDEX oos_case_area_ix ON oos_case (province_code, subdistrict_code);

-- Consents, newest last: who gave it (the guardian, or the youth from age 18), when, the scopes; a withdrawal is
-- recorded on the row and stops new referrals.
CREATE TABLE oos_case_consent (
    id                BIGSERIAL PRIMARY KEY,
    case_id           BIGINT        NOT NULL REFERENCES oos_case (id),
    given_by          VARCHAR(10)   NOT NULL CHECK (given_by IN ('GUARDIAN', 'YOUTH')),
    giver_name        VARCHAR(200),
    given_on          DATE          NOT NULL,
    scopes            VARCHAR(30)[] NOT NULL CHECK (scopes <@ ARRAY['REFERRAL', 'SHARE_WITH_PROVIDER', 'PAYMENT']::VARCHAR(30)[]),
    recorded_by       VARCHAR(50)   NOT NULL,
    recorded_at       TIMESTAMPTZ   NOT NULL,
    withdrawn_on      DATE,
    withdrawal_reason VARCHAR(2000),
    withdrawn_by      VARCHAR(50),
    CHECK ((withdrawn_on IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX oos_case_consent_case_ix ON oos_case_consent (case_id, id);

-- The interventions of a case's care plan.
CREATE TABLE oos_case_intervention (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT        NOT NULL REFERENCES oos_case (id),
    position      SMALLINT      NOT NULL,
    service_type  VARCHAR(30)   NOT NULL CHECK (service_type IN ('RETURN_TO_SCHOOL', 'NON_FORMAL_EDUCATION', 'VOCATIONAL_TRAINING',
                                                                'LIFE_SKILLS', 'EARLY_CHILDHOOD_CARE', 'HEALTH', 'SOCIAL_WELFARE', 'OTHER')),
    provider_code VARCHAR(6)    REFERENCES provider (code),
    goal          VARCHAR(2000) NOT NULL,
    responsible   VARCHAR(200)  NOT NULL,
    target_date   DATE          NOT NULL,
    monitoring    VARCHAR(10)   NOT NULL CHECK (monitoring IN ('ONCE', 'WEEKLY', 'MONTHLY')),
    carried_out   BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX oos_case_intervention_case_ix ON oos_case_intervention (case_id, position);

-- A referral of one intervention to a provider. The provider's user sees the case only while it is PENDING or ACCEPTED.
CREATE TABLE oos_referral (
    id                      BIGSERIAL PRIMARY KEY,
    case_id                 BIGINT        NOT NULL REFERENCES oos_case (id),
    intervention_id         BIGINT        NOT NULL REFERENCES oos_case_intervention (id),
    provider_code           VARCHAR(6)    NOT NULL REFERENCES provider (code),
    status                  VARCHAR(10)   NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'DONE', 'REVOKED')),
    notes                   VARCHAR(2000),
    consent_override_reason VARCHAR(2000),
    referred_by             VARCHAR(50)   NOT NULL,
    referred_at             TIMESTAMPTZ   NOT NULL,
    answered_by             VARCHAR(50),
    answered_at             TIMESTAMPTZ,
    decline_reason          VARCHAR(2000),
    successful              BOOLEAN,
    unsuccessful_reason     VARCHAR(30)   CHECK (unsuccessful_reason IN ('REFUSED_SERVICE', 'NO_CAPACITY', 'NO_LONGER_NEEDED',
                                                                         'CANNOT_CONTACT_CHILD', 'CANNOT_CONTACT_PROVIDER', 'OTHER')),
    services_delivered      VARCHAR(2000),
    done_on                 DATE,
    done_by                 VARCHAR(50),
    done_at                 TIMESTAMPTZ,
    revoked_by              VARCHAR(50),
    revoked_at              TIMESTAMPTZ,
    revoke_reason           VARCHAR(2000),
    version                 BIGINT        NOT NULL DEFAULT 0,
    CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL),
    CHECK (status <> 'DONE' OR (successful IS NOT NULL AND done_on IS NOT NULL)),
    CHECK (successful IS DISTINCT FROM FALSE OR unsuccessful_reason IS NOT NULL)
);
-- one live referral of an intervention to a provider: a retried POST finds it instead of making a second
CREATE UNIQUE INDEX oos_referral_live_ux ON oos_referral (intervention_id, provider_code) WHERE status IN ('PENDING', 'ACCEPTED');
CREATE INDEX oos_referral_case_ix ON oos_referral (case_id, id);
CREATE INDEX oos_referral_provider_ix ON oos_referral (provider_code, status);

-- Follow-up visits: scheduled (due, not done) or done.
CREATE TABLE oos_follow_up (
    id                   BIGSERIAL PRIMARY KEY,
    case_id              BIGINT        NOT NULL REFERENCES oos_case (id),
    due_on               DATE          NOT NULL,
    done_on              DATE,
    seen                 BOOLEAN,
    not_seen_reason      VARCHAR(2000),
    action               VARCHAR(2000),
    another_visit_needed BOOLEAN       NOT NULL DEFAULT FALSE,
    recommend_closure    BOOLEAN       NOT NULL DEFAULT FALSE,
    responsible          VARCHAR(50)   NOT NULL,
    recorded_by          VARCHAR(50)   NOT NULL,
    recorded_at          TIMESTAMPTZ   NOT NULL,
    CHECK ((done_on IS NULL) = (seen IS NULL)),
    CHECK (seen IS DISTINCT FROM FALSE OR not_seen_reason IS NOT NULL)
);
CREATE INDEX oos_follow_up_case_ix ON oos_follow_up (case_id, due_on);
CREATE INDEX oos_follow_up_overdue_ix ON oos_follow_up (responsible, due_on) WHERE done_on IS NULL;

-- The case's history, append-only: one entry per thing that happened, for the timeline.
CREATE TABLE oos_case_event (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT        NOT NULL REFERENCES oos_case (id),
    at          TIMESTAMPTZ   NOT NULL,
    on_date     DATE          NOT NULL,
    actor       VARCHAR(50)   NOT NULL,
    kind        VARCHAR(30)   NOT NULL,
    referral_id BIGINT        REFERENCES oos_referral (id),
    detail      VARCHAR(2000)
);
CREATE INDEX oos_case_event_case_ix ON oos_case_event (case_id, at, id);
CREATE TRIGGER oos_case_event_no_update_delete BEFORE UPDATE OR DELETE ON oos_case_event
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
