-- The fund office's disbursement (issue 7): programmes and their budgets, payment rounds planned from certified
-- list versions, their lines (one per child and payee), the children skipped with why, and the per-child ledger.

-- A programme as the pilots ran it. Amounts are data: amount is the programme's stated amount under its rule
-- (800 a year for CCT_IN_SCHOOL), and its shares say what one payment pays to whom (400 a term to the guardian).
CREATE TABLE programme (
    code             VARCHAR(30)   PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,29}$'),
    name_th          VARCHAR(200)  NOT NULL,
    name_en          VARCHAR(200)  NOT NULL,
    target_group     VARCHAR(20)   NOT NULL CHECK (target_group IN ('STUDENTS', 'EARLY_CHILDHOOD', 'OUT_OF_SCHOOL', 'CENTRES')),
    amount_rule      VARCHAR(20)   NOT NULL CHECK (amount_rule IN ('PER_CHILD_PER_TERM', 'PER_YEAR_BY_TERM', 'PER_CASE', 'PER_CENTRE')),
    amount           NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    payee_type       VARCHAR(10)   NOT NULL CHECK (payee_type IN ('GUARDIAN', 'ORG_UNIT', 'PROVIDER')),
    eligible_classes VARCHAR(16)[] NOT NULL,
    -- the kinds of unit whose certified children the programme pays (empty: not planned from certified lists)
    org_unit_types   VARCHAR(30)[] NOT NULL,
    position         SMALLINT      NOT NULL,
    active           BOOLEAN       NOT NULL DEFAULT TRUE
);

-- What one payment of a programme pays to whom; one payment line per child (or case, or centre) and share.
CREATE TABLE programme_share (
    programme_code VARCHAR(30)    NOT NULL REFERENCES programme (code),
    position       SMALLINT       NOT NULL,
    payee_type     VARCHAR(10)    NOT NULL CHECK (payee_type IN ('GUARDIAN', 'ORG_UNIT', 'PROVIDER', 'YOUTH')),
    amount         NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    purpose_th     VARCHAR(200),
    purpose_en     VARCHAR(200),
    PRIMARY KEY (programme_code, position),
    UNIQUE (programme_code, payee_type)
);

INSERT INTO programme (code, name_th, name_en, target_group, amount_rule, amount, payee_type, eligible_classes, org_unit_types, position)
VALUES ('CCT_EARLY_CHILDHOOD', 'ทุนเสมอภาคเด็กปฐมวัย (ศูนย์พัฒนาเด็กเล็ก)', 'Conditional cash transfer, early childhood (child-development centres)',
        'EARLY_CHILDHOOD', 'PER_CHILD_PER_TERM', 400.00, 'ORG_UNIT', '{EXTREMELY_POOR,POOR}', '{CHILD_DEVELOPMENT_CENTRE}', 1),
       ('CCT_IN_SCHOOL', 'ทุนเสมอภาคนักเรียนยากจนพิเศษ', 'Conditional cash transfer, students in school',
        'STUDENTS', 'PER_YEAR_BY_TERM', 800.00, 'GUARDIAN', '{EXTREMELY_POOR,POOR}', '{SCHOOL}', 2),
       ('OOS_YOUTH', 'เด็กและเยาวชนนอกระบบการศึกษา', 'Out-of-school children and youth',
        'OUT_OF_SCHOOL', 'PER_CASE', 4000.00, 'PROVIDER', '{}', '{}', 3),
       ('CENTRE_DEVELOPMENT', 'พัฒนาศูนย์พัฒนาเด็กเล็ก', 'Child-development centre improvement',
        'CENTRES', 'PER_CENTRE', 25000.00, 'ORG_UNIT', '{}', '{}', 4),
       ('COVID_RELIEF', 'เงินช่วยเหลือบรรเทาผลกระทบโควิด-19', 'COVID-19 relief',
        'STUDENTS', 'PER_CHILD_PER_TERM', 600.00, 'GUARDIAN', '{EXTREMELY_POOR,POOR}', '{SCHOOL}', 5);

INSERT INTO programme_share (programme_code, position, payee_type, amount, purpose_th, purpose_en)
VALUES ('CCT_EARLY_CHILDHOOD', 1, 'ORG_UNIT', 400.00, 'ค่าเดินทาง อุปกรณ์การเรียน และอาหารเช้าสำหรับเด็กกลุ่มเสี่ยง',
        'transport, learning equipment and breakfast for children at risk'),
       ('CCT_IN_SCHOOL', 1, 'GUARDIAN', 400.00, 'ภาคเรียนละ 400 บาท (ปีละ 800 บาท)', '400 baht a term (800 a year)'),
       ('OOS_YOUTH', 1, 'YOUTH', 1000.00, 'ค่าเตรียมความพร้อมของเยาวชน', 'the youth''s preparation'),
       ('OOS_YOUTH', 2, 'PROVIDER', 3000.00, 'ค่าบริการของหน่วยจัดการเรียนรู้', 'the service provider'),
       ('CENTRE_DEVELOPMENT', 1, 'ORG_UNIT', 25000.00, 'พัฒนาศูนย์', 'the centre''s improvement'),
       ('COVID_RELIEF', 1, 'GUARDIAN', 600.00, 'ครั้งเดียวต่อคน', 'once per child');

-- The budget of a programme in a province and term (none seeded: a province without one has no budget).
CREATE TABLE programme_budget (
    programme_code VARCHAR(30)    NOT NULL REFERENCES programme (code),
    province_code  VARCHAR(2)     NOT NULL REFERENCES province (code),
    term           VARCHAR(6)     NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    amount         NUMERIC(14, 2) NOT NULL CHECK (amount >= 0),
    updated_by     VARCHAR(100),
    updated_at     TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (programme_code, province_code, term)
);

-- A school's or centre's bank account, for programmes paid to the unit (none seeded).
CREATE TABLE org_unit_bank_account (
    org_unit_id  BIGINT       PRIMARY KEY REFERENCES org_unit (id),
    bank_code    VARCHAR(3)   NOT NULL CHECK (bank_code ~ '^[0-9]{3}$'),
    account_no   VARCHAR(20)  NOT NULL CHECK (account_no ~ '^[0-9]{6,20}$'),
    account_name VARCHAR(200) NOT NULL
);

-- A payment round of one programme and term, planned from certified list versions. The creator cannot approve.
CREATE TABLE payment_round (
    id                 BIGSERIAL PRIMARY KEY,
    programme_code     VARCHAR(30)    NOT NULL REFERENCES programme (code),
    term               VARCHAR(6)     NOT NULL CHECK (term ~ '^[0-9]{4}/[12]$'),
    status             VARCHAR(10)    NOT NULL CHECK (status IN ('PLANNED', 'APPROVED', 'EXPORTED', 'RECONCILED', 'CANCELLED')),
    certification_ids  BIGINT[]       NOT NULL,
    province_codes     VARCHAR(2)[]   NOT NULL,
    line_count         INTEGER        NOT NULL DEFAULT 0,
    total              NUMERIC(14, 2) NOT NULL DEFAULT 0,
    skipped_count      INTEGER        NOT NULL DEFAULT 0,
    over_budget_reason VARCHAR(1000),
    created_by         VARCHAR(100)   NOT NULL,
    created_at         TIMESTAMPTZ    NOT NULL,
    approved_by        VARCHAR(100),
    approved_at        TIMESTAMPTZ,
    version            BIGINT         NOT NULL DEFAULT 0,
    CHECK (approved_by IS NULL OR approved_by <> created_by),
    CHECK (status IN ('PLANNED', 'CANCELLED') OR (approved_by IS NOT NULL AND approved_at IS NOT NULL))
);
CREATE INDEX payment_round_programme_ix ON payment_round (programme_code, term);

-- One payment to one payee for one child. A child is planned at most once per programme, term and payee among the
-- lines that still stand (a FAILED or CANCELLED line may be planned again in a later round).
CREATE TABLE payment_line (
    id               BIGSERIAL PRIMARY KEY,
    round_id         BIGINT         NOT NULL REFERENCES payment_round (id),
    programme_code   VARCHAR(30)    NOT NULL REFERENCES programme (code),
    term             VARCHAR(6)     NOT NULL,
    child_id         BIGINT         NOT NULL REFERENCES child (id),
    national_id      VARCHAR(13)    NOT NULL,
    province_code    VARCHAR(2)     NOT NULL REFERENCES province (code),
    org_unit_id      BIGINT         NOT NULL REFERENCES org_unit (id),
    certification_id BIGINT         NOT NULL REFERENCES certification (id),
    classification   VARCHAR(16)    NOT NULL,
    payee_type       VARCHAR(10)    NOT NULL CHECK (payee_type IN ('GUARDIAN', 'ORG_UNIT', 'PROVIDER', 'YOUTH')),
    payee_name       VARCHAR(250)   NOT NULL,
    payee_account    VARCHAR(20)    NOT NULL,
    amount           NUMERIC(12, 2) NOT NULL CHECK (amount > 0),
    status           VARCHAR(10)    NOT NULL CHECK (status IN ('PLANNED', 'APPROVED', 'PAID', 'FAILED', 'CANCELLED'))
);
CREATE UNIQUE INDEX payment_line_once_ux ON payment_line (programme_code, term, child_id, payee_type)
    WHERE status NOT IN ('FAILED', 'CANCELLED');
CREATE INDEX payment_line_round_ix ON payment_line (round_id, id);
CREATE INDEX payment_line_child_ix ON payment_line (child_id);
CREATE INDEX payment_line_budget_ix ON payment_line (programme_code, term, province_code);

-- The certified children a round did not plan, with why (ALREADY_PLANNED, NO_GUARDIAN, ...).
CREATE TABLE payment_round_skip (
    round_id         BIGINT      NOT NULL REFERENCES payment_round (id),
    child_id         BIGINT      NOT NULL REFERENCES child (id),
    national_id      VARCHAR(13) NOT NULL,
    payee_type       VARCHAR(10) NOT NULL,
    certification_id BIGINT      NOT NULL,
    reason           VARCHAR(30) NOT NULL,
    PRIMARY KEY (round_id, child_id, payee_type)
);

-- Each child's payments as they happened: planned, approved (later paid, failed, reversed with a reason).
-- Append-only: a correction is a new reversing entry, never a change.
CREATE TABLE ledger_entry (
    id             BIGSERIAL PRIMARY KEY,
    child_id       BIGINT         NOT NULL REFERENCES child (id),
    line_id        BIGINT         NOT NULL REFERENCES payment_line (id),
    round_id       BIGINT         NOT NULL REFERENCES payment_round (id),
    programme_code VARCHAR(30)    NOT NULL,
    term           VARCHAR(6)     NOT NULL,
    kind           VARCHAR(10)    NOT NULL CHECK (kind IN ('PLANNED', 'APPROVED', 'PAID', 'FAILED', 'REVERSAL')),
    amount         NUMERIC(12, 2) NOT NULL,
    reason         VARCHAR(500),
    reverses       BIGINT REFERENCES ledger_entry (id),
    recorded_by    VARCHAR(100)   NOT NULL,
    recorded_at    TIMESTAMPTZ    NOT NULL,
    CHECK (kind <> 'REVERSAL' OR (reason IS NOT NULL AND reverses IS NOT NULL))
);
CREATE INDEX ledger_entry_child_ix ON ledger_entry (child_id, id);
CREATE INDEX ledger_entry_line_ix ON ledger_entry (line_id);
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION append_only();
