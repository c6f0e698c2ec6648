-- A minor's share of OOS_YOUTH is the guardian's (issue 8 §5 "1,000 to the youth or guardian"; ADR 0012): a consent given
-- by the GUARDIAN may record the guardian's 13-digit national id (the PromptPay id the share is paid to). The application
-- checks the check digit (NationalId) and that it is not the youth's own id; the database holds what a payee needs: only
-- on a guardian's consent, 13 digits, and with the guardian's name (the payee's name).
ALTER TABLE oos_case_consent ADD COLUMN guardian_national_id VARCHAR(13);
ALTER TABLE oos_case_consent ADD CONSTRAINT oos_case_consent_guardian_id_ck CHECK (
    guardian_national_id IS NULL
    OR (given_by = 'GUARDIAN' AND guardian_national_id ~ '^[0-9]{13}$' AND giver_name IS NOT NULL AND btrim(giver_name) <> ''));
