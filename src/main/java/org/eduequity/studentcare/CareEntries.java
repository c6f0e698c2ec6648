package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.Term;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One student's term records as the entry screens write them: the attendance summary and daily absences, grades and
 * health. Values are checked by the same rules as a CSV row ({@link CareImports#record}); a write that changes
 * something is audited and the student is evaluated in the same transaction, as the import and the API do. Each record
 * carries its {@code version}: a form saved over a newer version is refused (someone else saved first), the same values
 * sent again (a double submit) change nothing.
 */
@Service
public class CareEntries {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final RiskEvaluation evaluation;

    CareEntries(JdbcTemplate jdbc, AuditLog audit, Clock clock, RiskEvaluation evaluation) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.evaluation = evaluation;
    }

    /** The term's attendance summary; null fields and version when none is recorded. */
    public record Attendance(Integer schoolDays, Integer daysAbsent, Long version) {
    }

    /** The term's grades. */
    public record Grades(BigDecimal gpa, Integer failedSubjects, Long version) {
    }

    /** The term's health record. */
    public record Health(BigDecimal weightKg, BigDecimal heightCm, String nutrition, Boolean chronicIllness, Boolean disability,
                         Long version) {
    }

    /** An incident as listed. */
    public record IncidentRow(long id, String term, LocalDate date, String type, String severity, String note) {
    }

    /** One term of a student's history: attendance, grades and the risk level (null where not recorded). */
    public record HistoryRow(String term, Integer schoolDays, Integer daysAbsent, BigDecimal gpa, Integer failedSubjects, String level) {
        /** Attendance in per cent, one decimal; null without a summary. */
        public BigDecimal attendancePercent() {
            if (schoolDays == null || daysAbsent == null || schoolDays == 0) {
                return null;
            }
            return BigDecimal.valueOf((long) (schoolDays - daysAbsent) * 1000 / schoolDays, 1);
        }
    }

    // ----- reads (the student's area is the caller's to check) -------------------------------------------------

    @Transactional(readOnly = true)
    public Attendance attendance(long childId, String term) {
        return jdbc.query("SELECT school_days, days_absent, version FROM care_attendance WHERE child_id = ? AND term = ?",
                (rs, i) -> new Attendance(rs.getInt(1), rs.getInt(2), rs.getLong(3)), childId, term).stream().findFirst()
                .orElse(new Attendance(null, null, null));
    }

    @Transactional(readOnly = true)
    public List<LocalDate> absences(long childId, String term) {
        return jdbc.query("SELECT absent_on FROM care_absence WHERE child_id = ? AND term = ? ORDER BY absent_on",
                (rs, i) -> rs.getObject(1, LocalDate.class), childId, term);
    }

    @Transactional(readOnly = true)
    public Grades grades(long childId, String term) {
        return jdbc.query("SELECT gpa, failed_subjects, version FROM care_grade WHERE child_id = ? AND term = ?",
                (rs, i) -> new Grades(rs.getBigDecimal(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getLong(3)),
                childId, term).stream().findFirst().orElse(new Grades(null, null, null));
    }

    @Transactional(readOnly = true)
    public Health health(long childId, String term) {
        return jdbc.query("""
                SELECT weight_kg, height_cm, nutrition, chronic_illness, disability, version FROM care_health WHERE child_id = ? AND term = ?""",
                (rs, i) -> new Health(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getString(3), (Boolean) rs.getObject(4),
                        (Boolean) rs.getObject(5), rs.getLong(6)), childId, term).stream().findFirst()
                .orElse(new Health(null, null, null, null, null, null));
    }

    /** The student's incidents of a term (all terms when {@code term} is null), newest first. */
    @Transactional(readOnly = true)
    public List<IncidentRow> incidents(long childId, String term) {
        return jdbc.query("""
                SELECT id, term, occurred_on, type, severity, note FROM care_incident WHERE child_id = ? AND (?::varchar IS NULL OR term = ?)
                ORDER BY occurred_on DESC, id DESC""", (rs, i) -> new IncidentRow(rs.getLong(1), rs.getString(2),
                rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5), rs.getString(6)), childId, term, term);
    }

    /** Every term with attendance, grades or a risk result of the student, newest first. */
    @Transactional(readOnly = true)
    public List<HistoryRow> history(long childId) {
        return jdbc.query("""
                SELECT t.term, a.school_days, a.days_absent, g.gpa, g.failed_subjects, cc.level
                FROM (SELECT term FROM care_attendance WHERE child_id = ? UNION SELECT term FROM care_grade WHERE child_id = ?
                      UNION SELECT term FROM care_current WHERE child_id = ?) t
                LEFT JOIN care_attendance a ON a.child_id = ? AND a.term = t.term
                LEFT JOIN care_grade g ON g.child_id = ? AND g.term = t.term
                LEFT JOIN care_current cc ON cc.child_id = ? AND cc.term = t.term
                ORDER BY t.term DESC LIMIT 20""", (rs, i) -> new HistoryRow(rs.getString(1), rs.getObject(2) == null ? null
                : rs.getInt(2), rs.getObject(3) == null ? null : rs.getInt(3), rs.getBigDecimal(4),
                rs.getObject(5) == null ? null : rs.getInt(5), rs.getString(6)), childId, childId, childId, childId, childId, childId);
    }

    // ----- writes -------------------------------------------------------------------------------------------------

    /** Saves the term's attendance summary; true when something changed. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public boolean saveAttendance(CareRecords.Student s, String term, String schoolDays, String daysAbsent, Long expectedVersion) {
        String t = check(s, term, CareImports.Kind.ATTENDANCE, schoolDays, daysAbsent);
        return write(s, t, "care_attendance", "CareAttendance", new String[] {"school_days", "days_absent"},
                new Object[] {Integer.parseInt(schoolDays.strip()), Integer.parseInt(daysAbsent.strip())}, expectedVersion);
    }

    /** Saves the term's grades (either value may be blank, not both); true when something changed. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public boolean saveGrades(CareRecords.Student s, String term, String gpa, String failedSubjects, Long expectedVersion) {
        String t = check(s, term, CareImports.Kind.GRADES, gpa, failedSubjects);
        return write(s, t, "care_grade", "CareGrade", new String[] {"gpa", "failed_subjects"},
                new Object[] {decimal(gpa), integer(failedSubjects)}, expectedVersion);
    }

    /** Saves the term's health record (a nutrition status or the chronic-illness answer at least); true when something changed. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public boolean saveHealth(CareRecords.Student s, String term, String weightKg, String heightCm, String nutrition, String chronicIllness,
                              String disability, Long expectedVersion) {
        String t = check(s, term, CareImports.Kind.HEALTH, weightKg, heightCm, nutrition, chronicIllness, disability);
        String n = nutrition == null || nutrition.isBlank() ? null : nutrition.strip().toUpperCase(Locale.ROOT);
        return write(s, t, "care_health", "CareHealth", new String[] {"weight_kg", "height_cm", "nutrition", "chronic_illness", "disability"},
                new Object[] {decimal(weightKg), decimal(heightCm), n, bool(chronicIllness), bool(disability)}, expectedVersion);
    }

    /** Records a day absent (ISO date within the term); the same day again changes nothing. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public boolean addAbsence(CareRecords.Student s, String term, String isoDate) {
        String t = check(s, term, CareImports.Kind.ABSENCES, isoDate);
        LocalDate d = LocalDate.parse(isoDate.strip());
        int n = jdbc.update("""
                INSERT INTO care_absence (child_id, absent_on, term, province_code, org_unit_id, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (child_id, absent_on) DO NOTHING""", s.id(), d, t, s.provinceCode(), s.orgUnitId(),
                audit.who().actor(), now());
        if (n > 0) {
            audit.record(AuditAction.CREATE, "CareAbsence", s.id(), "absent " + d + " term " + t);
        }
        return n > 0;
    }

    /** Removes a recorded day absent; removing it again changes nothing. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public boolean removeAbsence(CareRecords.Student s, LocalDate date) {
        int n = jdbc.update("DELETE FROM care_absence WHERE child_id = ? AND absent_on = ?", s.id(), date);
        if (n > 0) {
            audit.record(AuditAction.DELETE, "CareAbsence", s.id(), "absent " + date);
        }
        return n > 0;
    }

    /** The CSV row rules on the form's values; the term parsed, or every problem at once. */
    private String check(CareRecords.Student s, String term, CareImports.Kind kind, String... values) {
        List<CareProblem> problems = new ArrayList<>();
        String t = CareRecords.term(term, "term", problems);
        Term parsed = t == null ? Term.of(2569, 1) : Term.parse(t);
        List<String> fields = new ArrayList<>();
        fields.add(s.nationalId());
        for (String v : values) {
            fields.add(v == null ? "" : v);
        }
        CareImports.Problems found = new CareImports.Problems();
        CareImports.record(kind, parsed, LocalDate.now(clock.withZone(org.eduequity.shared.BuddhistDate.BANGKOK)), fields, 0, new StringBuilder(), found);
        for (CareProblem p : found.list) {
            if (t == null && p.field().equals("date")) {
                continue;
            }
            problems.add(CareProblem.of(p.field(), p.messageKey(), p.args().toArray()));
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        return t;
    }

    private boolean write(CareRecords.Student s, String term, String table, String entity, String[] columns, Object[] values,
                          Long expectedVersion) {
        String cols = String.join(", ", columns);
        List<Map<String, Object>> found = jdbc.queryForList("SELECT " + cols + ", version FROM " + table
                + " WHERE child_id = ? AND term = ? FOR UPDATE", s.id(), term);
        String actor = audit.who().actor();
        if (found.isEmpty()) {
            List<Object> args = new ArrayList<>(List.of(s.id(), term, s.provinceCode(), s.orgUnitId()));
            args.addAll(Arrays.asList(values));
            args.add(actor);
            args.add(now());
            int n = jdbc.update("INSERT INTO " + table + " (child_id, term, province_code, org_unit_id, " + cols + ", recorded_by, recorded_at) "
                    + "VALUES (?, ?, ?, ?, " + "?, ".repeat(columns.length) + "?, ?) ON CONFLICT (child_id, term) DO NOTHING", args.toArray());
            if (n == 0) {
                // saved at the same moment by someone else: the same values are a double submit, others a conflict
                return write(s, term, table, entity, columns, values, -1L);
            }
            audit.record(AuditAction.CREATE, entity, s.id(), term);
            evaluation.evaluateChildren(List.of(s.id()), term);
            return true;
        }
        Map<String, Object> current = found.get(0);
        boolean same = true;
        for (int i = 0; i < columns.length; i++) {
            same &= same(current.get(columns[i]), values[i]);
        }
        if (same) {
            return false;
        }
        long version = ((Number) current.get("version")).longValue();
        if (expectedVersion == null || expectedVersion != version) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "care.entry.stale");
        }
        List<Object> args = new ArrayList<>(Arrays.asList(values));
        args.addAll(List.of(s.provinceCode(), s.orgUnitId(), actor, now(), s.id(), term, version));
        StringBuilder set = new StringBuilder();
        for (String c : columns) {
            set.append(c).append(" = ?, ");
        }
        jdbc.update("UPDATE " + table + " SET " + set + "province_code = ?, org_unit_id = ?, recorded_by = ?, recorded_at = ?, "
                + "version = version + 1 WHERE child_id = ? AND term = ? AND version = ?", args.toArray());
        audit.record(AuditAction.UPDATE, entity, s.id(), term);
        evaluation.evaluateChildren(List.of(s.id()), term);
        return true;
    }

    private static boolean same(Object stored, Object value) {
        if (stored instanceof BigDecimal a && value instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (stored instanceof Number a && value instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        return Objects.equals(stored, value);
    }

    private static BigDecimal decimal(String v) {
        return v == null || v.isBlank() ? null : new BigDecimal(v.strip());
    }

    private static Integer integer(String v) {
        return v == null || v.isBlank() ? null : Integer.parseInt(v.strip());
    }

    private static Boolean bool(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
