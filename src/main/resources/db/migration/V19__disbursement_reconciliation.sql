-- The fund office's disbursement, second step (issue 7): the bank file, the bank's results and ledger corrections.

-- Who first exported a round's bank file, and when (the round is then EXPORTED).
ALTER TABLE payment_round ADD COLUMN exported_by VARCHAR(100);
ALTER TABLE payment_round ADD COLUMN exported_at TIMESTAMPTZ;
ALTER TABLE payment_round ADD CONSTRAINT payment_round_exported_ck
    CHECK (status IN ('PLANNED', 'APPROVED', 'CANCELLED') OR (exported_by IS NOT NULL AND exported_at IS NOT NULL));

-- What the bank said about a line when its result was applied (PAID or FAILED): its date and message.
ALTER TABLE payment_line ADD COLUMN bank_date DATE;
ALTER TABLE payment_line ADD COLUMN bank_message VARCHAR(500);

-- One line's reversal at most: a reversal names the entry it reverses, and an entry is reversed once.
CREATE UNIQUE INDEX ledger_entry_reverses_ux ON ledger_entry (reverses) WHERE reverses IS NOT NULL;
