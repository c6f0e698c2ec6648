package org.eduequity.disbursement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.outofschool.CaseCertifications;
import org.eduequity.review.Certifications;
import org.eduequity.shared.AdvisoryLocks;
import org.eduequity.shared.Money;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment rounds: the fund office plans a round of one programme and term from certified list versions (one line per
 * child and payee, in one statement), and a second fund user approves it (four eyes). A child is planned at most once
 * per programme, term and payee: the partial unique index {@code payment_line_once_ux} guarantees it, and the
 * children it turns away are reported as {@code ALREADY_PLANNED}. Children without a usable payee are reported too,
 * never dropped silently. A round over a province's budget is refused unless its reason is given.
 *
 * <p>Usable payees: for a GUARDIAN share, a member of the child's certified home visit marked as guardian, with a
 * 13-digit Thai national id (the PromptPay id; ids beginning with G have no PromptPay), who is not the child; the
 * first such member in the household's order when there are several. For an ORG_UNIT share, the unit's bank account
 * ({@code org_unit_bank_account}).
 */
@Service
@Transactional(readOnly = true)
public class PaymentRounds {

    /** At most this many certified list versions in one round. */
    public static final int MAX_CERTIFICATIONS = 100;
    /** At most this many lines on one page. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final Programmes programmes;
    private final Certifications certifications;
    private final CaseCertifications caseCertifications;
    private final AuditLog audit;
    private final Clock clock;

    PaymentRounds(JdbcTemplate jdbc, Programmes programmes, Certifications certifications, CaseCertifications caseCertifications,
                  AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.caseCertifications = caseCertifications;
        this.programmes = programmes;
        this.certifications = certifications;
        this.audit = audit;
        this.clock = clock;
    }

    /** A round's header. */
    public record Round(long id, String programmeCode, String term, RoundStatus status, List<Long> certificationIds,
                        List<String> provinceCodes, int lineCount, Money total, int skippedCount, String overBudgetReason,
                        String createdBy, OffsetDateTime createdAt, String approvedBy, OffsetDateTime approvedAt, String exportedBy,
                        OffsetDateTime exportedAt) {
    }

    /**
     * A certified child (or case: {@code caseId}) a round did not plan, and why (a code such as ALREADY_PLANNED or
     * NO_GUARDIAN). A case's youth may have no national id.
     */
    public record Skip(String nationalId, String payeeType, String reason, Long caseId) {

        /** Reasons a case's skip shares with a child's skip but that mean something else for a case (their own text). */
        private static final Set<String> CASE_TEXTS = Set.of("GUARDIAN_WITHOUT_NATIONAL_ID");

        public Skip(String nationalId, String payeeType, String reason) {
            this(nationalId, payeeType, reason, null);
        }

        /** The message key that explains the reason: {@code round.skip.REASON}, or {@code round.skip.case.REASON} for a case's. */
        public String messageKey() {
            return caseId != null && CASE_TEXTS.contains(reason) ? "round.skip.case." + reason : "round.skip." + reason;
        }
    }

    /** A new round and the children it skipped. */
    public record Created(Round round, List<Skip> skipped) {
    }

    /** A province's budget (null when none is set) against what stands planned and what this round adds. */
    public record BudgetCheck(String provinceCode, Money budget, Money used, Money planned) {

        public boolean over() {
            return planned.isPositive() && (budget == null || used.plus(planned).compareTo(budget) > 0);
        }

        /** How much more than the budget (everything, when there is none). */
        public Money excess() {
            return used.plus(planned).minus(budget == null ? Money.ZERO : budget);
        }
    }

    /** The number of lines and their sum in one line status. */
    public record StatusTotal(LineStatus status, long lines, Money total) {
    }

    /** One payment line as the screens and the API show it. */
    public record Line(long id, String lineRef, String nationalId, String firstName, String lastName, String provinceCode,
                       String orgUnitCode, String classification, String payeeType, String payeeName, String payeeAccount,
                       Money amount, LineStatus status) {
    }

    /** The reference of a line on the bank file and in the bank's results. */
    public static String lineRef(long roundId, long lineId) {
        return "R" + roundId + "-" + lineId;
    }

    /**
     * Plans a round of the programme and term from the certified list versions (the latest version of each province,
     * one per province, all of the term). Refused (nothing recorded) when a province goes over its budget and no reason
     * is given, or when no child can be planned.
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public Created create(String programmeCode, String term, List<Long> certificationIds, String overBudgetReason) {
        Programme programme = programmes.byCode(programmeCode)
                .orElseThrow(() -> new RoundRefusedException("programme", "round.error.programme", programmeCode));
        if (!programme.active() || !(programme.fromCertifiedLists() || programme.fromCases())) {
            throw new RoundRefusedException("programme", "round.error.notFromLists", programmeCode);
        }
        if (certificationIds == null || certificationIds.isEmpty()) {
            throw new RoundRefusedException("certifications", "round.error.certificationsRequired");
        }
        Set<Long> ids = new LinkedHashSet<>(certificationIds);
        if (ids.size() > MAX_CERTIFICATIONS || ids.contains(null)) {
            throw new RoundRefusedException("certifications", "round.error.certifications", MAX_CERTIFICATIONS);
        }
        String why = overBudgetReason == null || overBudgetReason.isBlank() ? null : overBudgetReason.strip();
        if (why != null && why.length() > 1000) {
            throw new RoundRefusedException("overBudgetReason", "round.error.reasonTooLong", 1000);
        }
        if (programme.fromCases()) {
            return createFromCases(programmeCode, term, ids, why);
        }
        List<Certifications.Version> versions = new ArrayList<>();
        Set<String> provinces = new TreeSet<>();
        for (long id : ids) {
            Certifications.Version v;
            try {
                v = certifications.get(id);
            } catch (NotFoundException e) {
                throw new RoundRefusedException("certifications", "round.error.noCertification", String.valueOf(id));
            }
            if (!v.term().equals(term)) {
                throw new RoundRefusedException("certifications", "round.error.otherTerm", String.valueOf(id), v.term(), term);
            }
            if (!provinces.add(v.provinceCode())) {
                throw new RoundRefusedException("certifications", "round.error.twoVersions", v.provinceCode());
            }
            versions.add(v);
        }
        // one round at a time per programme, term and province: budgets are checked against what stands planned
        TreeSet<String> keys = new TreeSet<>();
        provinces.forEach(p -> keys.add("payment-round:" + programmeCode + ":" + term + ":" + p));
        AdvisoryLocks.exclusive(jdbc, keys);
        for (Certifications.Version v : versions) {
            Certifications.Version latest = certifications.latest(v.provinceCode(), v.term()).orElseThrow();
            if (latest.id() != v.id()) {
                throw new RoundRefusedException(null, "round.error.superseded", String.valueOf(v.id()), v.version(), latest.version(),
                        String.valueOf(latest.id()));
            }
        }
        String actor = audit.who().actor();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Long[] certs = ids.toArray(Long[]::new);
        long roundId = jdbc.queryForObject("""
                INSERT INTO payment_round (programme_code, term, status, certification_ids, province_codes, created_by, created_at)
                VALUES (?, ?, 'PLANNED', ?::bigint[], ?::varchar[], ?, ?) RETURNING id""", Long.class,
                programmeCode, term, certs, provinces.toArray(String[]::new), actor, now);
        Map<String, Object> planned = jdbc.queryForMap("""
                WITH p AS (SELECT * FROM programme WHERE code = ?),
                e AS (
                  SELECT ce.certification_id, ce.child_id, ce.national_id, ce.org_unit_id, ce.classification, ce.visit_id, c.province_code
                  FROM certification_entry ce JOIN certification c ON c.id = ce.certification_id
                  WHERE ce.certification_id = ANY (?::bigint[])
                ),
                j AS (
                  SELECT e.*, s.payee_type, s.amount, g.national_id AS guardian_id, g.first_name || ' ' || g.last_name AS guardian_name,
                         a.account_no, a.account_name,
                         CASE
                           WHEN NOT (e.classification = ANY (p.eligible_classes)) THEN 'CLASS_NOT_ELIGIBLE'
                           WHEN NOT (u.type = ANY (p.org_unit_types)) THEN 'NOT_IN_TARGET_GROUP'
                           WHEN p.target_group IN ('STUDENTS', 'EARLY_CHILDHOOD')
                                AND EXISTS (SELECT 1 FROM child ch WHERE ch.id = e.child_id AND ch.status = 'OUT_OF_SCHOOL') THEN 'OUT_OF_SCHOOL'
                           WHEN s.payee_type = 'GUARDIAN' AND g.national_id IS NULL
                                AND NOT EXISTS (SELECT 1 FROM household_member m WHERE m.visit_id = e.visit_id AND m.guardian
                                                AND m.child_id IS DISTINCT FROM e.child_id) THEN 'NO_GUARDIAN'
                           WHEN s.payee_type = 'GUARDIAN' AND g.national_id IS NULL THEN 'GUARDIAN_WITHOUT_NATIONAL_ID'
                           WHEN s.payee_type = 'ORG_UNIT' AND a.account_no IS NULL THEN 'NO_BANK_ACCOUNT'
                           WHEN s.payee_type NOT IN ('GUARDIAN', 'ORG_UNIT') THEN 'NO_PAYEE'
                         END AS skip
                  FROM e CROSS JOIN p
                  JOIN programme_share s ON s.programme_code = p.code
                  JOIN org_unit u ON u.id = e.org_unit_id
                  LEFT JOIN LATERAL (
                    SELECT m.national_id, m.first_name, m.last_name FROM household_member m
                    WHERE m.visit_id = e.visit_id AND m.guardian AND m.national_id ~ '^[0-9]{13}$'
                      AND m.child_id IS DISTINCT FROM e.child_id AND m.national_id <> e.national_id
                    ORDER BY m.position LIMIT 1) g ON s.payee_type = 'GUARDIAN'
                  LEFT JOIN org_unit_bank_account a ON a.org_unit_id = e.org_unit_id AND s.payee_type = 'ORG_UNIT'
                ),
                ins AS (
                  INSERT INTO payment_line (round_id, programme_code, term, child_id, national_id, province_code, org_unit_id,
                                            certification_id, classification, payee_type, payee_name, payee_account, amount, status)
                  SELECT ?, ?, ?, j.child_id, j.national_id, j.province_code, j.org_unit_id, j.certification_id, j.classification,
                         j.payee_type, CASE j.payee_type WHEN 'GUARDIAN' THEN j.guardian_name ELSE j.account_name END,
                         CASE j.payee_type WHEN 'GUARDIAN' THEN j.guardian_id ELSE j.account_no END, j.amount, 'PLANNED'
                  FROM j WHERE j.skip IS NULL ORDER BY j.child_id, j.payee_type
                  ON CONFLICT (programme_code, term, child_id, payee_type) WHERE status NOT IN ('FAILED', 'CANCELLED') DO NOTHING
                  RETURNING id, child_id, payee_type, amount
                ),
                led AS (
                  INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, recorded_by, recorded_at)
                  SELECT ins.child_id, ins.id, ?, ?, ?, 'PLANNED', ins.amount, ?, ? FROM ins
                  RETURNING 1
                ),
                sk AS (
                  INSERT INTO payment_round_skip (round_id, child_id, national_id, payee_type, certification_id, reason)
                  SELECT ?, j.child_id, j.national_id, j.payee_type, j.certification_id, COALESCE(j.skip, 'ALREADY_PLANNED')
                  FROM j WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.child_id = j.child_id AND ins.payee_type = j.payee_type)
                  ON CONFLICT DO NOTHING
                  RETURNING 1
                )
                SELECT (SELECT count(*) FROM led) AS lines, (SELECT COALESCE(sum(amount), 0) FROM ins) AS total,
                       (SELECT count(*) FROM sk) AS skipped""",
                programmeCode, certs,
                roundId, programmeCode, term,
                roundId, programmeCode, term, actor, now,
                roundId);
        return finish(roundId, programmeCode, term, ids, why, planned);
    }

    /** Checks the planned round (something planned; budgets) and records its totals; refused: the transaction rolls back. */
    private Created finish(long roundId, String programmeCode, String term, Set<Long> ids, String why, Map<String, Object> planned) {
        int lines = ((Number) planned.get("lines")).intValue();
        Money total = Money.baht((BigDecimal) planned.get("total"));
        int skipped = ((Number) planned.get("skipped")).intValue();
        List<Skip> skips = skipped(roundId);
        if (lines == 0) {
            throw new RoundRefusedException(null, "round.error.nothingToPlan", List.of(), skips, String.valueOf(skipped));
        }
        List<BudgetCheck> over = budget(roundId).stream().filter(BudgetCheck::over).toList();
        if (!over.isEmpty() && why == null) {
            throw new RoundRefusedException("overBudgetReason", "round.error.overBudget", over, List.of(),
                    over.stream().map(BudgetCheck::provinceCode).toList().toString());
        }
        jdbc.update("UPDATE payment_round SET line_count = ?, total = ?, skipped_count = ?, over_budget_reason = ? WHERE id = ?",
                lines, total.amount(), skipped, over.isEmpty() ? null : why, roundId);
        audit.record(AuditAction.CREATE, "PaymentRound", roundId, programmeCode + " term " + term + " from certifications "
                + ids + ": " + lines + " lines, " + total + " baht, " + skipped + " skipped"
                + (over.isEmpty() ? "" : "; over budget in " + over.stream().map(BudgetCheck::provinceCode).toList() + ": " + why));
        return new Created(get(roundId), skips);
    }

    /**
     * Plans an OOS_YOUTH round from certified case list versions (docs/out-of-school.md "Case payments"): any versions of
     * the term, several of one province too (each version holds only cases not certified before). Per certified case and
     * share one line, in one statement: the YOUTH share by PromptPay on the youth's own 13-digit national id from age 18 on
     * the planning date; younger, the share is the guardian's (ADR 0012): paid by PromptPay on the guardian's national id to
     * the guardian's name when the case's newest consent (PAYMENT, not withdrawn) was given by the GUARDIAN with the
     * guardian's id ({@link CaseCertifications#GUARDIAN_PAYEE}), else skipped as GUARDIAN_WITHOUT_NATIONAL_ID. The line keeps
     * payee type YOUTH (the share) and the youth's national id (the ledger is the child's). The PROVIDER share goes to the
     * bank account of the provider of the certified referral. A case that is no longer eligible
     * (consent withdrawn, closed, the certified referral no longer accepted or done successfully) is skipped; a case is
     * paid at most once per programme and payee ({@code payment_line_case_once_ux}).
     */
    private Created createFromCases(String programmeCode, String term, Set<Long> ids, String why) {
        Set<String> provinces = new TreeSet<>();
        for (long id : ids) {
            CaseCertifications.Version v;
            try {
                v = caseCertifications.get(id);
            } catch (NotFoundException e) {
                throw new RoundRefusedException("certifications", "round.error.noCaseCertification", String.valueOf(id));
            }
            if (!v.term().equals(term)) {
                throw new RoundRefusedException("certifications", "round.error.otherTerm", String.valueOf(id), v.term(), term);
            }
            provinces.add(v.provinceCode());
        }
        TreeSet<String> keys = new TreeSet<>();
        provinces.forEach(p -> keys.add("payment-round:" + programmeCode + ":" + term + ":" + p));
        // cases are paid once per programme, whatever the term: one round of the programme at a time per province
        provinces.forEach(p -> keys.add("payment-round:" + programmeCode + ":" + p));
        AdvisoryLocks.exclusive(jdbc, keys);
        String actor = audit.who().actor();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Bangkok")));
        Long[] certs = ids.toArray(Long[]::new);
        long roundId = jdbc.queryForObject("""
                INSERT INTO payment_round (programme_code, term, status, certification_ids, case_certification_ids, province_codes, created_by,
                                           created_at)
                VALUES (?, ?, 'PLANNED', '{}', ?::bigint[], ?::varchar[], ?, ?) RETURNING id""", Long.class,
                programmeCode, term, certs, provinces.toArray(String[]::new), actor, now);
        Map<String, Object> planned = jdbc.queryForMap("""
                WITH e AS (
                  SELECT ce.*, ce.birth_date + INTERVAL '18 years' > ?::date AS minor
                  FROM oos_case_certification_entry ce WHERE ce.certification_id = ANY (?::bigint[])
                ),
                el AS (%s AND c.id IN (SELECT case_id FROM e)),
                j AS (
                  SELECT e.*, s.payee_type, s.amount, pv.name_th AS provider_name, pv.bank_account_no, g.guardian_name, g.guardian_national_id,
                         CASE
                           WHEN NOT EXISTS (SELECT 1 FROM el WHERE el.case_id = e.case_id)
                                OR NOT EXISTS (SELECT 1 FROM oos_referral r WHERE r.id = e.referral_id
                                               AND (r.status = 'ACCEPTED' OR (r.status = 'DONE' AND r.successful))) THEN 'NOT_ELIGIBLE'
                           WHEN s.payee_type = 'YOUTH' AND e.minor
                                AND (g.guardian_national_id IS NULL OR g.guardian_national_id = e.national_id) THEN 'GUARDIAN_WITHOUT_NATIONAL_ID'
                           WHEN s.payee_type = 'YOUTH' AND NOT e.minor
                                AND (e.national_id IS NULL OR e.national_id !~ '^[0-9]{13}$') THEN 'YOUTH_WITHOUT_NATIONAL_ID'
                           WHEN s.payee_type = 'PROVIDER' AND pv.bank_account_no IS NULL THEN 'NO_BANK_ACCOUNT'
                           WHEN s.payee_type NOT IN ('YOUTH', 'PROVIDER') THEN 'NO_PAYEE'
                         END AS skip
                  FROM e JOIN programme_share s ON s.programme_code = ?
                  JOIN provider pv ON pv.code = e.provider_code
                  LEFT JOIN LATERAL (%s) g ON s.payee_type = 'YOUTH' AND e.minor
                ),
                ins AS (
                  INSERT INTO payment_line (round_id, programme_code, term, national_id, province_code, case_certification_id, case_id,
                                            payee_type, payee_name, payee_account, amount, status)
                  SELECT ?, ?, ?, j.national_id, j.province_code, j.certification_id, j.case_id, j.payee_type,
                         CASE WHEN j.payee_type = 'YOUTH' AND j.minor THEN j.guardian_name
                              WHEN j.payee_type = 'YOUTH' THEN j.first_name || ' ' || j.last_name ELSE j.provider_name END,
                         CASE WHEN j.payee_type = 'YOUTH' AND j.minor THEN j.guardian_national_id
                              WHEN j.payee_type = 'YOUTH' THEN j.national_id ELSE j.bank_account_no END, j.amount, 'PLANNED'
                  FROM j WHERE j.skip IS NULL ORDER BY j.case_id, j.payee_type
                  ON CONFLICT (programme_code, case_id, payee_type) WHERE case_id IS NOT NULL AND status NOT IN ('FAILED', 'CANCELLED')
                  DO NOTHING
                  RETURNING id, payee_type, case_id, amount
                ),
                led AS (
                  INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, recorded_by, recorded_at)
                  SELECT NULL, ins.id, ?, ?, ?, 'PLANNED', ins.amount, ?, ? FROM ins
                  RETURNING 1
                ),
                sk AS (
                  INSERT INTO payment_round_case_skip (round_id, case_id, national_id, payee_type, case_certification_id, reason)
                  SELECT ?, j.case_id, j.national_id, j.payee_type, j.certification_id, COALESCE(j.skip, 'CASE_ALREADY_PLANNED')
                  FROM j WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.case_id = j.case_id AND ins.payee_type = j.payee_type)
                  ON CONFLICT DO NOTHING
                  RETURNING 1
                )
                SELECT (SELECT count(*) FROM led) AS lines, (SELECT COALESCE(sum(amount), 0) FROM ins) AS total,
                       (SELECT count(*) FROM sk) AS skipped""".formatted(CaseCertifications.ELIGIBLE_CASES,
                        CaseCertifications.GUARDIAN_PAYEE.formatted("e.case_id")),
                today, certs, programmeCode,
                roundId, programmeCode, term,
                roundId, programmeCode, term, actor, now,
                roundId);
        return finish(roundId, programmeCode, term, ids, why, planned);
    }

    /** Each province of the round: its budget against what stood planned before and what the round adds. */
    public List<BudgetCheck> budget(long roundId) {
        Round r = get(roundId);
        return jdbc.query("""
                SELECT pr.code, b.amount AS budget,
                       COALESCE((SELECT sum(l.amount) FROM payment_line l WHERE l.programme_code = ? AND l.term = ? AND l.province_code = pr.code
                                 AND l.status NOT IN ('FAILED', 'CANCELLED') AND l.round_id <> ?), 0) AS used,
                       COALESCE((SELECT sum(l.amount) FROM payment_line l WHERE l.round_id = ? AND l.province_code = pr.code
                                 AND l.status NOT IN ('FAILED', 'CANCELLED')), 0) AS planned
                FROM unnest(?::varchar[]) AS pr(code)
                LEFT JOIN programme_budget b ON b.programme_code = ? AND b.term = ? AND b.province_code = pr.code
                ORDER BY pr.code""", (rs, i) -> new BudgetCheck(rs.getString(1),
                        rs.getBigDecimal(2) == null ? null : Money.baht(rs.getBigDecimal(2)), Money.baht(rs.getBigDecimal(3)),
                        Money.baht(rs.getBigDecimal(4))),
                r.programmeCode(), r.term(), roundId, roundId, r.provinceCodes().toArray(String[]::new), r.programmeCode(), r.term());
    }

    /**
     * A second fund user approves a planned round: its lines become APPROVED, each with an APPROVED ledger entry. The
     * user who created the round may not ({@link AccessDeniedException}).
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public Round approve(long id) {
        Round r = jdbc.query("SELECT * FROM payment_round WHERE id = ? FOR UPDATE", (rs, i) -> round(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("payment round " + id));
        String actor = audit.who().actor();
        if (actor.equals(r.createdBy())) {
            throw new AccessDeniedException("the creator of a round cannot approve it");
        }
        if (r.status() != RoundStatus.PLANNED) {
            throw new RoundRefusedException(null, "round.error.notPlanned", r.status().name());
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int cancelled = programmes.byCode(r.programmeCode()).map(Programme::fromCases).orElse(false) ? cancelNoLongerEligible(r, actor, now) : 0;
        jdbc.update("UPDATE payment_round SET status = 'APPROVED', approved_by = ?, approved_at = ?, version = version + 1 WHERE id = ?",
                actor, now, id);
        Integer approved = jdbc.queryForObject("""
                WITH up AS (
                  UPDATE payment_line SET status = 'APPROVED' WHERE round_id = ? AND status = 'PLANNED' RETURNING id, child_id, amount
                ), led AS (
                  INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, recorded_by, recorded_at)
                  SELECT up.child_id, up.id, ?, ?, ?, 'APPROVED', up.amount, ?, ? FROM up
                  RETURNING 1
                )
                SELECT count(*)::int FROM led""", Integer.class, id, id, r.programmeCode(), r.term(), actor, now);
        audit.record(AuditAction.UPDATE, "PaymentRound", id, "approved: " + approved + " lines, " + r.total() + " baht"
                + (cancelled == 0 ? "" : "; " + cancelled + " lines of cases no longer eligible cancelled"));
        return get(id);
    }

    /**
     * A case round's approval: the planned lines of cases that are no longer eligible (consent withdrawn, closed, the certified
     * referral no longer accepted or done successfully) become CANCELLED, each with a CANCELLED ledger entry, so that they are
     * never paid (and free the budget). One statement; returns how many.
     */
    private int cancelNoLongerEligible(Round r, String actor, OffsetDateTime now) {
        return jdbc.queryForObject("""
                WITH el AS (%s AND c.id IN (SELECT case_id FROM payment_line WHERE round_id = ? AND status = 'PLANNED')),
                up AS (
                  UPDATE payment_line l SET status = 'CANCELLED'
                  WHERE l.round_id = ? AND l.status = 'PLANNED' AND l.case_id IS NOT NULL
                    AND (NOT EXISTS (SELECT 1 FROM el WHERE el.case_id = l.case_id)
                         OR NOT EXISTS (SELECT 1 FROM oos_case_certification_entry ce JOIN oos_referral rf ON rf.id = ce.referral_id
                                        WHERE ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                                          AND (rf.status = 'ACCEPTED' OR (rf.status = 'DONE' AND rf.successful))))
                  RETURNING l.id, l.amount
                ),
                led AS (
                  INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, reason, recorded_by, recorded_at)
                  SELECT NULL, up.id, ?, ?, ?, 'CANCELLED', up.amount, 'NOT_ELIGIBLE', ?, ? FROM up
                  RETURNING 1
                )
                SELECT count(*)::int FROM led""".formatted(CaseCertifications.ELIGIBLE_CASES), Integer.class,
                r.id(), r.id(), r.id(), r.programmeCode(), r.term(), actor, now);
    }

    /** A round's header. */
    @PreAuthorize("hasRole('FUND')")
    public Round get(long id) {
        return jdbc.query("SELECT * FROM payment_round WHERE id = ?", (rs, i) -> round(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("payment round " + id));
    }

    /** The newest rounds first. */
    @PreAuthorize("hasRole('FUND')")
    public List<Round> latest(int limit) {
        return jdbc.query("SELECT * FROM payment_round ORDER BY id DESC LIMIT ?", (rs, i) -> round(rs), limit);
    }

    /** Lines and totals per line status (every status, zero when none). */
    @PreAuthorize("hasRole('FUND')")
    public List<StatusTotal> totals(long roundId) {
        Map<LineStatus, StatusTotal> byStatus = new EnumMap<>(LineStatus.class);
        for (LineStatus s : LineStatus.values()) {
            byStatus.put(s, new StatusTotal(s, 0, Money.ZERO));
        }
        jdbc.query("SELECT status, count(*), COALESCE(sum(amount), 0) FROM payment_line WHERE round_id = ? GROUP BY status", rs -> {
            LineStatus s = LineStatus.valueOf(rs.getString(1));
            byStatus.put(s, new StatusTotal(s, rs.getLong(2), Money.baht(rs.getBigDecimal(3))));
        }, roundId);
        return List.copyOf(byStatus.values());
    }

    /** A page of the round's lines in line order. */
    @PreAuthorize("hasRole('FUND')")
    public List<Line> lines(long roundId, int page, int size) {
        return jdbc.query("""
                SELECT l.id, l.round_id, l.national_id, COALESCE(c.first_name, ce.first_name), COALESCE(c.last_name, ce.last_name),
                       l.province_code, COALESCE(u.code, ce.provider_code) AS org_unit_code,
                       l.classification, l.payee_type, l.payee_name, l.payee_account, l.amount, l.status
                FROM payment_line l LEFT JOIN child c ON c.id = l.child_id LEFT JOIN org_unit u ON u.id = l.org_unit_id
                LEFT JOIN oos_case_certification_entry ce ON ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                WHERE l.round_id = ? ORDER BY l.id LIMIT ? OFFSET ?""", (rs, i) -> new Line(rs.getLong(1), lineRef(rs.getLong(2), rs.getLong(1)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), Money.baht(rs.getBigDecimal(12)), LineStatus.valueOf(rs.getString(13))),
                roundId, size, (long) page * size);
    }

    /** The children the round skipped, in national id order. */
    @PreAuthorize("hasRole('FUND')")
    public List<Skip> skipped(long roundId) {
        return jdbc.query("""
                SELECT national_id, payee_type, reason, NULL::bigint AS case_id FROM payment_round_skip WHERE round_id = ?
                UNION ALL
                SELECT national_id, payee_type, reason, case_id FROM payment_round_case_skip WHERE round_id = ?
                ORDER BY 4 NULLS FIRST, 1, 2""",
                (rs, i) -> new Skip(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)), roundId, roundId);
    }

    /** The newest certified list version of a province for a term: what a round is planned from. */
    public record CertifiedList(long id, String provinceCode, int version, int entries) {
    }

    /** The newest certified version of every province's list of the term, by province. */
    @PreAuthorize("hasRole('FUND')")
    public List<CertifiedList> certifiedLists(String term) {
        return jdbc.query("""
                SELECT DISTINCT ON (province_code) id, province_code, version, entries FROM certification
                WHERE term = ? ORDER BY province_code, version DESC""",
                (rs, i) -> new CertifiedList(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)), term);
    }

    /** Every certified case list version of the term (OOS_YOUTH rounds take any of them), by province and version. */
    @PreAuthorize("hasRole('FUND')")
    public List<CertifiedList> certifiedCaseLists(String term) {
        return caseCertifications.ofTerm(term).stream().map(v -> new CertifiedList(v.id(), v.provinceCode(), v.version(), v.entries())).toList();
    }

    /** The certified list versions a round was planned from: children's lists, or case lists for OOS_YOUTH (one is empty). */
    private static List<Long> certificationIds(ResultSet rs) throws SQLException {
        List<Long> ids = new ArrayList<>(Arrays.asList((Long[]) rs.getArray("certification_ids").getArray()));
        ids.addAll(Arrays.asList((Long[]) rs.getArray("case_certification_ids").getArray()));
        return List.copyOf(ids);
    }

    private static Round round(ResultSet rs) throws SQLException {
        return new Round(rs.getLong("id"), rs.getString("programme_code"), rs.getString("term"), RoundStatus.valueOf(rs.getString("status")),
                certificationIds(rs), Programmes.strings(rs.getArray("province_codes")),
                rs.getInt("line_count"), Money.baht(rs.getBigDecimal("total")), rs.getInt("skipped_count"), rs.getString("over_budget_reason"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getString("approved_by"),
                rs.getObject("approved_at", OffsetDateTime.class), rs.getString("exported_by"), rs.getObject("exported_at", OffsetDateTime.class));
    }
}
