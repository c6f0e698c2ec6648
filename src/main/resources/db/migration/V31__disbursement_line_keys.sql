-- Issue 7, planning at scale: the foreign keys of payment_line and ledger_entry are checked row by row (one trigger call
-- per key and row); planning a round of 200,000 children spent about 70 % of its time in them (auto_explain with
-- log_triggers, docs/benchmarks.md "disbursement"). Two of them checked nothing the others do not already guarantee,
-- and two are merged into one that checks more.

-- A ledger entry copies its line's child and round (written from the line in the same statement; the table is
-- append-only). Its line_id key keeps the line in place, and the line's own keys keep its child and round in place,
-- so the entry can never point at a missing child or round without these two.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_child_id_fkey;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_round_id_fkey;

-- A line's programme and term are its round's: one composite key checks the round, and that the line's programme and
-- term are the round's (the round's programme has its own key to programme), instead of two keys checking existence.
ALTER TABLE payment_round ADD CONSTRAINT payment_round_programme_term_uk UNIQUE (id, programme_code, term);
ALTER TABLE payment_line DROP CONSTRAINT payment_line_round_id_fkey;
ALTER TABLE payment_line DROP CONSTRAINT payment_line_programme_code_fkey;
ALTER TABLE payment_line ADD CONSTRAINT payment_line_round_fkey
    FOREIGN KEY (round_id, programme_code, term) REFERENCES payment_round (id, programme_code, term);
