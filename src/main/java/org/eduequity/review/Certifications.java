package org.eduequity.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.screening.Classification;
import org.eduequity.shared.AdvisoryLocks;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Certified lists: the committee freezes the approved students of its province and term as a numbered version
 * (1 = the certification, later ones = amendments with their reason). A version holds, for every student approved
 * at that moment, the classification and result the approval was made on. Versions never change; two of them can
 * be compared (added, removed, class changed). Certifying is one statement, so the header's counts and its entries
 * come from the same snapshot.
 */
@Service
@Transactional(readOnly = true)
public class Certifications {

    private final JdbcTemplate jdbc;
    private final CurrentArea area;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;

    Certifications(JdbcTemplate jdbc, CurrentArea area, AuditLog audit, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.area = area;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    /** A certified list version's header. */
    public record Version(long id, String provinceCode, String term, int version, String reason, String certifiedBy,
                          OffsetDateTime certifiedAt, List<String> ruleSets, Map<Classification, Long> counts, int entries) {
    }

    /** One certified student. */
    public record Entry(long childId, String nationalId, String firstName, String lastName, String orgUnitCode,
                        Classification classification) {
    }

    /** Why a certification was refused: a message key and its arguments. */
    public static class CertificationRefusedException extends RuntimeException {

        private final String key;
        private final transient Object[] args;

        CertificationRefusedException(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args;
        }
    }

    /**
     * Certifies the province's approved students of the term as its next version. An amendment (version 2 on) needs
     * a reason and must differ from the version before; the first version needs at least one approved student.
     */
    @Transactional
    @PreAuthorize("hasRole('PROVINCE')")
    public Version certify(String provinceCode, String term, String reason) {
        area.requireProvince(provinceCode);
        AdvisoryLocks.exclusive(jdbc, new TreeSet<>(List.of("certify:" + provinceCode + ":" + term)));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 1000) {
            throw new CertificationRefusedException("certification.error.reasonTooLong", 1000);
        }
        Optional<Version> latest = latest(provinceCode, term);
        int version = latest.map(v -> v.version() + 1).orElse(1);
        if (version > 1 && why == null) {
            throw new CertificationRefusedException("certification.error.reasonRequired", latest.get().version());
        }
        long approved = jdbc.queryForObject("SELECT count(*) FROM review WHERE province_code = ? AND term = ? AND status = 'APPROVED'",
                Long.class, provinceCode, term);
        if (version == 1 && approved == 0) {
            throw new CertificationRefusedException("certification.error.nothingApproved");
        }
        if (latest.isPresent() && approved == latest.get().entries()) {
            Long changed = jdbc.queryForObject("""
                    SELECT count(*) FROM (
                      SELECT child_id, classification FROM review WHERE province_code = ? AND term = ? AND status = 'APPROVED'
                      EXCEPT SELECT child_id, classification FROM certification_entry WHERE certification_id = ?) d""",
                    Long.class, provinceCode, term, latest.get().id());
            if (changed != null && changed == 0) {
                throw new CertificationRefusedException("certification.error.unchanged", latest.get().version());
            }
        }
        AuditLog.Who who = audit.who();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Long id = jdbc.queryForObject("""
                WITH e AS (
                  SELECT rv.child_id, c.national_id, v.org_unit_id, u.code AS org_unit_code, rv.classification, rv.visit_id, rv.result_id
                  FROM review rv JOIN child c ON c.id = rv.child_id
                  JOIN home_visit v ON v.id = rv.visit_id
                  JOIN org_unit u ON u.id = v.org_unit_id
                  WHERE rv.province_code = ? AND rv.term = ? AND rv.status = 'APPROVED'
                ), h AS (
                  INSERT INTO certification (province_code, term, version, reason, certified_by, certified_at, rule_sets, counts, entries)
                  SELECT ?, ?, ?, ?, ?, ?,
                         COALESCE((SELECT array_agg(DISTINCT rs.code || ' ' || rs.version ORDER BY rs.code || ' ' || rs.version)
                                   FROM (SELECT DISTINCT result_id FROM e) x JOIN screening_result res ON res.id = x.result_id
                                   JOIN rule_set rs ON rs.id = res.rule_set_id), '{}'),
                         COALESCE((SELECT jsonb_object_agg(classification, n) FROM (SELECT classification, count(*) AS n FROM e GROUP BY 1) k),
                                  '{}'::jsonb),
                         (SELECT count(*) FROM e)
                  RETURNING id
                ), ins AS (
                  INSERT INTO certification_entry (certification_id, child_id, national_id, org_unit_id, org_unit_code, classification,
                                                   visit_id, result_id)
                  SELECT h.id, e.child_id, e.national_id, e.org_unit_id, e.org_unit_code, e.classification, e.visit_id, e.result_id
                  FROM e CROSS JOIN h
                  RETURNING 1
                )
                SELECT h.id FROM h WHERE (SELECT count(*) FROM ins) >= 0""", Long.class,
                provinceCode, term, provinceCode, term, version, why, who.actor(), now);
        Version v = get(id);
        audit.record(AuditAction.CREATE, "Certification", id, "province " + provinceCode + " term " + term + " version " + version
                + " (" + v.entries() + " students)" + (why == null ? "" : ": " + why));
        return v;
    }

    /** A version, if the caller may see its province. */
    public Version get(long id) {
        Version v = jdbc.query("SELECT * FROM certification WHERE id = ?", (rs, i) -> version(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("certification " + id));
        if (!area.scope().coversProvince(v.provinceCode())) {
            throw new AccessDeniedException("certification of another province");
        }
        return v;
    }

    /** The versions of a province and term, newest first. */
    public List<Version> versions(String provinceCode, String term) {
        requireVisible(provinceCode);
        return jdbc.query("SELECT * FROM certification WHERE province_code = ? AND term = ? ORDER BY version DESC",
                (rs, i) -> version(rs), provinceCode, term);
    }

    /** The newest version of a province and term. */
    public Optional<Version> latest(String provinceCode, String term) {
        return versions(provinceCode, term).stream().findFirst();
    }

    /** Streams a version's entries (national id order) to the handler. */
    public void entries(Version v, java.util.function.Consumer<Entry> each) {
        jdbc.query("""
                SELECT e.child_id, e.national_id, c.first_name, c.last_name, e.org_unit_code, e.classification
                FROM certification_entry e JOIN child c ON c.id = e.child_id
                WHERE e.certification_id = ? ORDER BY e.national_id""", (RowCallbackHandler) rs -> each.accept(new Entry(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Classification.valueOf(rs.getString(6)))), v.id());
    }

    /** A difference between two versions: a student added, removed, or whose class changed. */
    public record Change(String change, String nationalId, String firstName, String lastName, String orgUnitCode,
                        Classification before, Classification after) {
    }

    /** The differences from version {@code from} to version {@code to} (same province and term), in national id order. */
    public void difference(Version from, Version to, java.util.function.Consumer<Change> each) {
        if (!from.provinceCode().equals(to.provinceCode()) || !from.term().equals(to.term())) {
            throw new CertificationRefusedException("certification.error.otherList");
        }
        jdbc.query("""
                SELECT CASE WHEN a.child_id IS NULL THEN 'ADDED' WHEN b.child_id IS NULL THEN 'REMOVED' ELSE 'CHANGED' END AS change,
                       COALESCE(b.national_id, a.national_id) AS national_id, c.first_name, c.last_name,
                       COALESCE(b.org_unit_code, a.org_unit_code) AS org_unit_code, a.classification AS before, b.classification AS after
                FROM (SELECT * FROM certification_entry WHERE certification_id = ?) a
                FULL JOIN (SELECT * FROM certification_entry WHERE certification_id = ?) b ON b.child_id = a.child_id
                JOIN child c ON c.id = COALESCE(a.child_id, b.child_id)
                WHERE a.child_id IS NULL OR b.child_id IS NULL OR a.classification <> b.classification
                ORDER BY 2""", (RowCallbackHandler) rs -> each.accept(new Change(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6) == null ? null : Classification.valueOf(rs.getString(6)),
                rs.getString(7) == null ? null : Classification.valueOf(rs.getString(7)))), from.id(), to.id());
    }

    /** The differences as a list (screens show at most {@code limit}). */
    public List<Change> difference(Version from, Version to, int limit) {
        List<Change> changes = new ArrayList<>();
        difference(from, to, c -> {
            if (changes.size() < limit) {
                changes.add(c);
            }
        });
        return changes;
    }

    private void requireVisible(String provinceCode) {
        if (!area.scope().coversProvince(provinceCode)) {
            throw new AccessDeniedException("province " + provinceCode + " is outside the caller's area");
        }
    }

    private Version version(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<Classification, Long> counts = new EnumMap<>(Classification.class);
        json.readTree(rs.getString("counts")).properties().forEach(e -> counts.put(Classification.valueOf(e.getKey()), e.getValue().asLong()));
        return new Version(rs.getLong("id"), rs.getString("province_code"), rs.getString("term"), rs.getInt("version"),
                rs.getString("reason"), rs.getString("certified_by"), rs.getObject("certified_at", OffsetDateTime.class),
                ReviewList.strings(rs.getArray("rule_sets")), counts, rs.getInt("entries"));
    }
}
