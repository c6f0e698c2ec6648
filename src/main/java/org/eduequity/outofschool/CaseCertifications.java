package org.eduequity.outofschool;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AdvisoryLocks;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certified case lists (docs/out-of-school.md "Case payments", ADR 0008): the province certifies its cases eligible for
 * {@code OOS_YOUTH} in a term as a numbered, append-only version. A case is eligible when its newest consent has the PAYMENT
 * scope and is not withdrawn, its care plan was approved since it was (re)opened, it is open, and one of its referrals made
 * since then is ACCEPTED or DONE successfully (the provider of the first such referral is paid). Version 1 holds the cases
 * eligible at that moment; a later version only the eligible cases not certified before, so a case is certified once. The
 * fund office plans OOS_YOUTH rounds from these versions, and checks eligibility again when it plans.
 */
@Service
@Transactional(readOnly = true)
public class CaseCertifications {

    static final String CERTIFIERS = "hasAnyRole('PROVINCE', 'ADMIN')";
    static final String READERS = "hasAnyRole('PROVINCE', 'FUND', 'ADMIN')";

    /**
     * The eligible cases as one SQL query over {@code oos_case c} (joined with {@code found_child f}): the columns
     * {@code case_id, national_id, first_name, last_name, birth_date, subdistrict_code, referral_id, provider_code}. Also
     * used by the disbursement module (through {@link #ELIGIBLE_CASES}) to check eligibility again when it plans.
     */
    public static final String ELIGIBLE_CASES = """
            SELECT c.id AS case_id, c.province_code, f.national_id, f.first_name, f.last_name, f.birth_date, c.subdistrict_code,
                   r.id AS referral_id, r.provider_code
            FROM oos_case c JOIN found_child f ON f.id = c.found_child_id
            JOIN LATERAL (SELECT k.withdrawn_on, k.scopes FROM oos_case_consent k WHERE k.case_id = c.id ORDER BY k.id DESC LIMIT 1) k
              ON k.withdrawn_on IS NULL AND 'PAYMENT' = ANY (k.scopes)
            JOIN LATERAL (SELECT r.id, r.provider_code FROM oos_referral r
                          WHERE r.case_id = c.id AND (r.status = 'ACCEPTED' OR (r.status = 'DONE' AND r.successful))
                            AND (c.reopened_at IS NULL OR r.referred_at > c.reopened_at)
                          ORDER BY r.id LIMIT 1) r ON TRUE
            WHERE c.plan_approved_at IS NOT NULL AND c.closed_on IS NULL""";

    /**
     * The guardian who is paid a minor's share of {@code OOS_YOUTH} (ADR 0012), as a subquery for one case (the case id
     * column is formatted in, e.g. {@code GUARDIAN_PAYEE.formatted("e.case_id")}, to be used in a {@code LATERAL} join):
     * {@code guardian_name} and {@code guardian_national_id} when the case's newest consent is not withdrawn, has the PAYMENT
     * scope, was given by the GUARDIAN and records the guardian's 13-digit national id (with the guardian's name); no row
     * otherwise. Used by the disbursement module when it plans a round.
     */
    public static final String GUARDIAN_PAYEE = """
            SELECT k.giver_name AS guardian_name, k.guardian_national_id
            FROM (SELECT k.* FROM oos_case_consent k WHERE k.case_id = %1$s ORDER BY k.id DESC LIMIT 1) k
            WHERE k.withdrawn_on IS NULL AND 'PAYMENT' = ANY (k.scopes) AND k.given_by = 'GUARDIAN'
              AND k.guardian_national_id ~ '^[0-9]{13}$' AND k.giver_name IS NOT NULL""";

    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    CaseCertifications(JdbcTemplate jdbc, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** An eligible case (or a certified one, as it was certified). */
    public record EligibleCase(long caseId, String nationalId, String firstName, String lastName, LocalDate birthDate,
                               String subdistrictCode, long referralId, String providerCode, String providerName,
                               Long certificationId, Integer certifiedVersion) {
        public String fullName() {
            return firstName + " " + lastName;
        }

        public boolean certified() {
            return certificationId != null;
        }
    }

    /** A certified case list version. */
    public record Version(long id, String provinceCode, String term, int version, String certifiedBy, OffsetDateTime certifiedAt,
                          int entries) {
    }

    /**
     * The eligible cases of the province now, each with the version it was certified in (null: not yet certified); case
     * order. PROVINCE (own province), FUND, ADMIN.
     */
    @PreAuthorize(READERS)
    public List<EligibleCase> eligible(String provinceCode) {
        requireProvince(provinceCode);
        return jdbc.query("""
                SELECT e.*, p.name_th AS provider_name, ce.certification_id, cc.version AS certified_version
                FROM (%s AND c.province_code = ?) e
                JOIN provider p ON p.code = e.provider_code
                LEFT JOIN oos_case_certification_entry ce ON ce.case_id = e.case_id
                LEFT JOIN oos_case_certification cc ON cc.id = ce.certification_id
                ORDER BY e.case_id""".formatted(ELIGIBLE_CASES), (rs, i) -> eligibleCase(rs), provinceCode);
    }

    /**
     * Certifies the province's eligible cases not certified before as the next version of its list of the term. Refused
     * (409, nothing written) when there is none: a repeated submit therefore never makes a second version of the same cases.
     */
    @Transactional
    @PreAuthorize(CERTIFIERS)
    public Version certify(String provinceCode, String termText) {
        requireProvince(provinceCode);
        String term = term(termText);
        AdvisoryLocks.exclusive(jdbc, new TreeSet<>(List.of("oos-case-certification:" + provinceCode)));
        int version = jdbc.queryForObject("SELECT COALESCE(max(version), 0) + 1 FROM oos_case_certification WHERE province_code = ? AND term = ?",
                Integer.class, provinceCode, term);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Long id = jdbc.queryForObject("""
                WITH e AS (
                  %s AND c.province_code = ?
                  AND NOT EXISTS (SELECT 1 FROM oos_case_certification_entry x WHERE x.case_id = c.id)
                ), h AS (
                  INSERT INTO oos_case_certification (province_code, term, version, certified_by, certified_at, entries)
                  SELECT ?, ?, ?, ?, ?, count(*) FROM e HAVING count(*) > 0
                  RETURNING id
                ), ins AS (
                  INSERT INTO oos_case_certification_entry (certification_id, case_id, province_code, subdistrict_code, referral_id,
                                                            provider_code, national_id, first_name, last_name, birth_date)
                  SELECT h.id, e.case_id, e.province_code, e.subdistrict_code, e.referral_id, e.provider_code, e.national_id, e.first_name,
                         e.last_name, e.birth_date
                  FROM e CROSS JOIN h
                  RETURNING 1
                )
                SELECT (SELECT id FROM h) WHERE (SELECT count(*) FROM ins) >= 0""".formatted(ELIGIBLE_CASES), Long.class,
                provinceCode, provinceCode, term, version, currentUser.require().getUsername(), now);
        if (id == null) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "cases", "caseCertification.error.nothingNew");
        }
        Version v = get(id);
        audit.record(AuditAction.CREATE, "OosCaseCertification", id, "province " + provinceCode + " term " + term + " version " + version
                + " (" + v.entries() + " cases)");
        return v;
    }

    /** A version, if the caller may see its province (404 unknown, 403 another province). */
    @PreAuthorize(READERS)
    public Version get(long id) {
        Version v = jdbc.query("SELECT * FROM oos_case_certification WHERE id = ?", (rs, i) -> version(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("case certification " + id));
        requireProvince(v.provinceCode());
        return v;
    }

    /** The versions of a province and term, newest first. */
    @PreAuthorize(READERS)
    public List<Version> versions(String provinceCode, String termText) {
        requireProvince(provinceCode);
        String term = term(termText);
        return jdbc.query("SELECT * FROM oos_case_certification WHERE province_code = ? AND term = ? ORDER BY version DESC",
                (rs, i) -> version(rs), provinceCode, term);
    }

    /** Every version of the term (every province), by province and version: what an OOS_YOUTH round is planned from. */
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    public List<Version> ofTerm(String term) {
        return jdbc.query("SELECT * FROM oos_case_certification WHERE term = ? ORDER BY province_code, version",
                (rs, i) -> version(rs), term);
    }

    /** A version's cases as certified, case order. */
    @PreAuthorize(READERS)
    public List<EligibleCase> entries(long id) {
        Version v = get(id);
        return jdbc.query("""
                SELECT e.case_id, e.national_id, e.first_name, e.last_name, e.birth_date, e.subdistrict_code, e.referral_id, e.provider_code,
                       p.name_th AS provider_name, e.certification_id, ? AS certified_version
                FROM oos_case_certification_entry e JOIN provider p ON p.code = e.provider_code
                WHERE e.certification_id = ? ORDER BY e.case_id""", (rs, i) -> eligibleCase(rs), v.version(), id);
    }

    /** The term as 2569/1, or a 400 on the field {@code term}. */
    private static String term(String text) {
        try {
            return org.eduequity.shared.Term.parse(text == null ? "" : text.strip()).toString();
        } catch (org.eduequity.shared.InvalidValueException e) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.INVALID, "term", "round.error.term");
        }
    }

    private void requireProvince(String provinceCode) {
        if (provinceCode == null || !provinceCode.matches("[0-9]{2}")) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.INVALID, "province", "caseCertification.error.province");
        }
        if (!currentUser.scope().coversProvince(provinceCode)) {
            throw new AccessDeniedException("case certifications of province " + provinceCode);
        }
    }

    private static EligibleCase eligibleCase(ResultSet rs) throws SQLException {
        return new EligibleCase(rs.getLong("case_id"), rs.getString("national_id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getObject("birth_date", LocalDate.class), rs.getString("subdistrict_code"), rs.getLong("referral_id"),
                rs.getString("provider_code"), rs.getString("provider_name"), rs.getObject("certification_id", Long.class),
                rs.getObject("certified_version", Integer.class));
    }

    private static Version version(ResultSet rs) throws SQLException {
        return new Version(rs.getLong("id"), rs.getString("province_code"), rs.getString("term"), rs.getInt("version"),
                rs.getString("certified_by"), rs.getObject("certified_at", OffsetDateTime.class), rs.getInt("entries"));
    }
}
