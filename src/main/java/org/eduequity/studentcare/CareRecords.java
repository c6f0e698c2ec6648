package org.eduequity.studentcare;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The records a school enters one at a time: SDQ forms and incidents, each evaluated with the student's risk in the
 * same transaction. A student is named by national id and must be in the caller's area.
 */
@Service
public class CareRecords {

    /** Longest incident note. */
    public static final int MAX_NOTE = 1000;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final CurrentArea area;
    private final AuditLog audit;
    private final Clock clock;
    private final CareRuleSets ruleSets;
    private final RiskEvaluation evaluation;

    CareRecords(JdbcTemplate jdbc, CurrentArea area, AuditLog audit, Clock clock, CareRuleSets ruleSets, RiskEvaluation evaluation) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.area = area;
        this.audit = audit;
        this.clock = clock;
        this.ruleSets = ruleSets;
        this.evaluation = evaluation;
    }

    /** A student as the care module needs one: id, name and area. */
    public record Student(long id, String nationalId, String firstName, String lastName, long orgUnitId, String provinceCode,
                          String gradeLevel) {
        public String name() {
            return firstName + " " + lastName;
        }
    }

    /** The student of this national id in the caller's area; refused (404 or 403) otherwise. */
    @Transactional(readOnly = true)
    public Student student(String nationalId, String field) {
        String id;
        try {
            id = NationalId.of(nationalId == null ? "" : nationalId).value();
        } catch (InvalidValueException e) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, field, e.messageKey());
        }
        Student s = jdbc.query("SELECT id, national_id, first_name, last_name, org_unit_id, province_code, grade_level FROM child WHERE national_id = ?",
                (rs, i) -> new Student(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                        rs.getString(7)), id).stream().findFirst()
                .orElseThrow(() -> CareRefusedException.of(CareRefusedException.Reason.NOT_FOUND, field, "care.error.unknownChild"));
        if (!area.scope().coversOrgUnit(s.orgUnitId(), s.provinceCode())) {
            throw CareRefusedException.of(CareRefusedException.Reason.FORBIDDEN, field, "care.error.notYourStudent");
        }
        return s;
    }

    /** The student of this child id in the caller's area (screens). */
    @Transactional(readOnly = true)
    public Student studentById(long childId) {
        String nationalId = jdbc.query("SELECT national_id FROM child WHERE id = ?", (rs, i) -> rs.getString(1), childId).stream().findFirst()
                .orElseThrow(() -> new org.eduequity.shared.web.NotFoundException("child " + childId));
        try {
            return student(nationalId, "child");
        } catch (CareRefusedException e) {
            throw new org.springframework.security.access.AccessDeniedException("child outside the caller's area");
        }
    }

    /** An SDQ form as entered: 25 item scores, null where unanswered. */
    public record SdqEntry(String nationalId, String term, String form, List<Integer> items) {
    }

    /** A form as stored and scored under the term's rule set; subscales and total are null when INCOMPLETE. */
    public record ScoredSdq(long id, String nationalId, String term, SdqForm form, List<Integer> items, Map<String, Integer> subscales,
                            Integer total, String band, String ruleSetCode, String ruleSetVersion, boolean created, boolean changed) {
    }

    /**
     * Records an SDQ form (one of each kind per student and term: entering it again replaces the scores; the same
     * scores again change nothing), evaluates the student and returns the form scored. Every problem is reported at once.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public ScoredSdq recordSdq(SdqEntry entry) {
        List<CareProblem> problems = new ArrayList<>();
        String term = term(entry.term(), "term", problems);
        SdqForm form = null;
        if (entry.form() == null || entry.form().isBlank()) {
            problems.add(CareProblem.of("form", "care.error.sdq.formRequired"));
        } else {
            try {
                form = SdqForm.valueOf(entry.form().strip());
            } catch (IllegalArgumentException e) {
                problems.add(CareProblem.of("form", "care.error.sdq.form"));
            }
        }
        List<Integer> items = entry.items();
        if (items == null || items.size() != CareParameters.ITEMS) {
            problems.add(CareProblem.of("items", "care.error.sdq.itemCount", CareParameters.ITEMS, items == null ? 0 : items.size()));
        } else {
            for (int i = 0; i < items.size(); i++) {
                Integer v = items.get(i);
                if (v != null && (v < 0 || v > 2)) {
                    problems.add(CareProblem.of("items[" + i + "]", "care.error.sdq.item", i + 1));
                }
            }
        }
        Student student = null;
        try {
            student = student(entry.nationalId(), "nationalId");
        } catch (CareRefusedException e) {
            if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        CareRuleSet set = ruleSets.effectiveFor(term)
                .orElseThrow(() -> CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "term", "care.error.noRuleSet", entry.term()));
        Short[] scores = items.stream().map(v -> v == null ? null : v.shortValue()).toArray(Short[]::new);
        String actor = audit.who().actor();
        OffsetDateTime now = now();
        List<Map<String, Object>> written = jdbc.queryForList("""
                INSERT INTO care_sdq (child_id, term, province_code, org_unit_id, form, items, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?::smallint[], ?, ?)
                ON CONFLICT (child_id, term, form) DO UPDATE SET items = excluded.items, province_code = excluded.province_code,
                    org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                    version = care_sdq.version + 1
                WHERE care_sdq.items IS DISTINCT FROM excluded.items
                RETURNING id, (xmax = 0) AS created""", student.id(), term, student.provinceCode(), student.orgUnitId(), form.name(), scores,
                actor, now);
        boolean changed = !written.isEmpty();
        boolean created = changed && Boolean.TRUE.equals(written.get(0).get("created"));
        if (changed) {
            long id = ((Number) written.get(0).get("id")).longValue();
            audit.record(created ? AuditAction.CREATE : AuditAction.UPDATE, "CareSdq", id, form.name() + " " + term + " child " + student.id());
            evaluation.evaluateChildren(List.of(student.id()), term);
        }
        return scored(set, student, term, form).withFlags(created, changed);
    }

    private ScoredSdqBuilder scored(CareRuleSet set, Student student, String term, SdqForm form) {
        MapSqlParameterSource args = new MapSqlParameterSource("child", student.id()).addValue("term", term).addValue("form", form.name());
        return named.query(CareSql.sdq(set.parameters(), "s.child_id = :child AND s.term = :term AND s.form = :form"), args, (rs, i) -> {
            Object[] stored = (Object[]) rs.getArray("items").getArray();
            List<Integer> items = Arrays.stream(stored).map(v -> v == null ? null : ((Number) v).intValue()).toList();
            Map<String, Integer> subscales = new java.util.LinkedHashMap<>();
            for (String s : CareParameters.SUBSCALES) {
                Object v = rs.getObject(s.toLowerCase(java.util.Locale.ROOT));
                subscales.put(s, v == null ? null : ((Number) v).intValue());
            }
            Object total = rs.getObject("total");
            return new ScoredSdqBuilder(rs.getLong("id"), student.nationalId(), term, form, items, subscales,
                    total == null ? null : ((Number) total).intValue(), rs.getString("band"), set.code(), set.version());
        }).get(0);
    }

    private record ScoredSdqBuilder(long id, String nationalId, String term, SdqForm form, List<Integer> items, Map<String, Integer> subscales,
                                    Integer total, String band, String code, String version) {
        ScoredSdq withFlags(boolean created, boolean changed) {
            return new ScoredSdq(id, nationalId, term, form, items, subscales, total, band, code, version, created, changed);
        }
    }

    /** The SDQ forms of a student in a term, scored under the term's rule set (empty without one). */
    @Transactional(readOnly = true)
    public List<ScoredSdq> sdqForms(Student student, String term) {
        Optional<CareRuleSet> set = ruleSets.effectiveFor(term);
        if (set.isEmpty()) {
            return List.of();
        }
        List<ScoredSdq> forms = new ArrayList<>();
        for (SdqForm f : SdqForm.values()) {
            Integer n = jdbc.queryForObject("SELECT count(*) FROM care_sdq WHERE child_id = ? AND term = ? AND form = ?", Integer.class,
                    student.id(), term, f.name());
            if (n != null && n > 0) {
                forms.add(scored(set.get(), student, term, f).withFlags(false, false));
            }
        }
        return forms;
    }

    /** An incident as entered. */
    public record IncidentEntry(String nationalId, String date, String type, String severity, String note) {
    }

    /** An incident as stored; {@code created} is false when the same incident was recorded before. */
    public record Incident(long id, String nationalId, String term, LocalDate date, String type, String severity, String note, boolean created) {
    }

    /** Records an incident in the term its date falls in and evaluates the student; the same incident again changes nothing. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public Incident recordIncident(IncidentEntry entry) {
        List<CareProblem> problems = new ArrayList<>();
        LocalDate date = null;
        if (entry.date() == null || entry.date().isBlank()) {
            problems.add(CareProblem.of("date", "care.error.incident.dateRequired"));
        } else {
            try {
                date = LocalDate.parse(entry.date().strip());
                if (date.isAfter(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK)))) {
                    problems.add(CareProblem.of("date", "care.error.incident.dateFuture"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(CareProblem.of("date", "care.error.incident.date"));
            }
        }
        String type = name(entry.type(), CareParameters.INCIDENT_TYPES, "type", "care.error.incident.type", problems);
        String severity = name(entry.severity(), List.of("CONCERN", "SERIOUS"), "severity", "care.error.incident.severity", problems);
        String note = entry.note() == null ? "" : entry.note().strip();
        if (note.length() > MAX_NOTE) {
            problems.add(CareProblem.of("note", "care.error.incident.note", MAX_NOTE));
        }
        Student student = null;
        try {
            student = student(entry.nationalId(), "nationalId");
        } catch (CareRefusedException e) {
            if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            problems.addAll(e.problems());
        }
        String term = null;
        if (date != null) {
            try {
                term = Term.containing(date).toString();
            } catch (InvalidValueException e) {
                problems.add(CareProblem.of("date", "care.error.incident.date"));
            }
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        List<Map<String, Object>> inserted = jdbc.queryForList("""
                INSERT INTO care_incident (child_id, term, province_code, org_unit_id, occurred_on, type, severity, note, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (child_id, occurred_on, type, severity, md5(note)) DO NOTHING
                RETURNING id""", student.id(), term, student.provinceCode(), student.orgUnitId(), date, type, severity, note,
                audit.who().actor(), now());
        boolean created = !inserted.isEmpty();
        long id;
        if (created) {
            id = ((Number) inserted.get(0).get("id")).longValue();
            audit.record(AuditAction.CREATE, "CareIncident", id, type + " " + severity + " " + date + " child " + student.id());
            evaluation.evaluateChildren(List.of(student.id()), term);
        } else {
            id = jdbc.queryForObject("""
                    SELECT id FROM care_incident WHERE child_id = ? AND occurred_on = ? AND type = ? AND severity = ? AND md5(note) = md5(?)""",
                    Long.class, student.id(), date, type, severity, note);
        }
        return new Incident(id, student.nationalId(), term, date, type, severity, note, created);
    }

    private static String name(String value, List<String> allowed, String field, String key, List<CareProblem> problems) {
        String v = value == null ? "" : value.strip();
        if (!allowed.contains(v)) {
            problems.add(CareProblem.of(field, key, String.join(", ", allowed)));
            return null;
        }
        return v;
    }

    static String term(String text, String field, List<CareProblem> problems) {
        try {
            return Term.parse(text == null ? "" : text).toString();
        } catch (InvalidValueException e) {
            problems.add(CareProblem.of(field, e.messageKey()));
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
