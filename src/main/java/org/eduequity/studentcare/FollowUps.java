package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.Term;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Early-warning follow-ups (student-care.md "Early warning", ADR 0009): the warnings and open follow-ups in the caller's
 * area, one follow-up with its actions (audited read), acknowledging, recording actions and resolving (each under
 * optimistic locking; a double submit changes nothing), the escalation of unacknowledged ALERTs (7 days → the school
 * head, 14 days → the province) and transfer records, which stop NOT_RE_ENROLLED.
 */
@Service
public class FollowUps {

    /** Actions a teacher records. */
    public static final List<String> ACTIONS = List.of("HOME_VISIT", "COUNSELLING", "TUTORING", "REFERRAL", "FINANCIAL_SUPPORT", "CONTACT_NEW_SCHOOL");
    /** Outcomes of a resolved follow-up. */
    public static final List<String> OUTCOMES = List.of("BACK_IN_CLASS", "IMPROVED", "TRANSFERRED", "DROPPED_OUT", "OTHER");
    /** Days without acknowledgement after which an ALERT shows to the school head, then to the province. */
    public static final int HEAD_DAYS = 7;
    public static final int PROVINCE_DAYS = 14;
    public static final int MAX_NOTE = 1000;
    /** Most rows a list returns. */
    public static final int MAX_LIST = 2000;

    private final JdbcTemplate jdbc;
    private final CurrentArea area;
    private final AuditLog audit;
    private final Clock clock;
    private final CareRecords records;
    private final CareWarnings warnings;

    FollowUps(JdbcTemplate jdbc, CurrentArea area, AuditLog audit, Clock clock, CareRecords records, CareWarnings warnings) {
        this.jdbc = jdbc;
        this.area = area;
        this.audit = audit;
        this.clock = clock;
        this.records = records;
        this.warnings = warnings;
    }

    /** An indicator that fired, with its level. */
    public record Indicator(String code, String level) {
        static List<Indicator> of(String[] codes) {
            List<Indicator> list = new ArrayList<>();
            for (String c : codes == null ? new String[0] : codes) {
                int i = c.indexOf(':');
                list.add(new Indicator(c.substring(0, i), c.substring(i + 1)));
            }
            return list;
        }
    }

    /** A student's warning in a term. */
    public record Warning(long childId, String nationalId, String name, String term, long orgUnitId, String orgUnitCode, String orgUnitName,
                          String level, List<Indicator> indicators, BigDecimal attendanceRate, int absenceStreak, String previousGrade,
                          boolean transition, String poverty, Instant changedAt, FollowUp followUp) {
    }

    /** A follow-up's state; {@code status} OPEN, ACKNOWLEDGED or RESOLVED, {@code escalation} NONE, HEAD or PROVINCE. */
    public record FollowUp(long id, long childId, String term, List<Indicator> indicators, Instant openedAt, long ageDays, String status,
                           String escalation, String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt,
                           String outcome, String outcomeNote, long version) {
    }

    /** An action recorded on a follow-up. */
    public record Action(long id, String kind, LocalDate doneOn, String note, String recordedBy, Instant recordedAt) {
    }

    /** A follow-up with its student, the student's current warning and the actions, newest first. */
    public record Detail(CareRecords.Student student, String orgUnitName, FollowUp followUp, Optional<Warning> warning, List<Action> actions) {
    }

    /** Today's term (Bangkok). */
    public String currentTerm() {
        return Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString();
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private static final String WARNING_COLUMNS = """
            w.child_id, c.national_id, c.first_name || ' ' || c.last_name AS name, w.term, w.org_unit_id, u.code AS unit_code,
            u.name_th AS unit_name, w.level, w.indicators, w.attendance_rate, w.absence_streak, w.previous_grade, w.transition, w.poverty,
            w.changed_at, f.id AS f_id, f.indicators AS f_indicators, f.opened_at, f.acknowledged_by, f.acknowledged_at, f.resolved_by,
            f.resolved_at, f.outcome, f.outcome_note, f.version AS f_version""";

    /**
     * The warnings (WATCH and ALERT, or only {@code level}) of the term in the caller's area, optionally of one unit,
     * with each one's latest follow-up; ALERTs first, then the oldest follow-up first.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public List<Warning> warnings(String term, String orgUnitCode, String level) {
        List<CareProblem> problems = new ArrayList<>();
        String t = term == null || term.isBlank() ? currentTerm() : CareRecords.term(term, "term", problems);
        if (level != null && !level.isBlank() && !List.of("WATCH", "ALERT").contains(level)) {
            problems.add(CareProblem.of("level", "care.warning.error.level"));
        }
        Long unitId = null;
        if (orgUnitCode != null && !orgUnitCode.isBlank()) {
            List<Map<String, Object>> u = jdbc.queryForList("SELECT id, province_code FROM org_unit WHERE code = ?", orgUnitCode.strip());
            if (u.isEmpty()) {
                problems.add(CareProblem.of("orgUnitCode", "care.warning.error.unit", orgUnitCode.strip()));
            } else if (!area.scope().coversOrgUnit(((Number) u.get(0).get("id")).longValue(), (String) u.get(0).get("province_code"))) {
                throw CareRefusedException.of(CareRefusedException.Reason.FORBIDDEN, "orgUnitCode", "care.warning.error.notYourUnit");
            } else {
                unitId = ((Number) u.get(0).get("id")).longValue();
            }
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        AreaScope.SqlPredicate scope = area.scope().sql("w.province_code", "w.org_unit_id");
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder where = new StringBuilder(" AND w.term = ?");
        args.add(t);
        if (level != null && !level.isBlank()) {
            where.append(" AND w.level = ?");
            args.add(level);
        } else {
            where.append(" AND w.level <> 'NONE'");
        }
        if (unitId != null) {
            where.append(" AND w.org_unit_id = ?");
            args.add(unitId);
        }
        args.add(MAX_LIST);
        Instant now = now();
        List<Warning> list = jdbc.query("SELECT " + WARNING_COLUMNS + """
                 FROM care_warning w JOIN child c ON c.id = w.child_id JOIN org_unit u ON u.id = w.org_unit_id
                LEFT JOIN LATERAL (SELECT * FROM care_follow_up f WHERE f.child_id = w.child_id AND f.term = w.term
                                   ORDER BY f.resolved_at IS NULL DESC, f.opened_at DESC LIMIT 1) f ON TRUE
                WHERE (""" + scope.sql() + ")" + where + " ORDER BY w.level = 'ALERT' DESC, f.opened_at NULLS LAST, c.national_id LIMIT ?",
                (rs, i) -> warning(rs, now), args.toArray());
        if (!list.isEmpty()) {
            // the list shows students: the read is audited (who, which list, how many)
            audit.record(AuditAction.READ, "CareWarning", t, "warnings " + t + (orgUnitCode == null || orgUnitCode.isBlank() ? "" : " unit "
                    + orgUnitCode.strip()) + (level == null || level.isBlank() ? "" : " " + level) + " rows=" + list.size());
        }
        return list;
    }

    private static Warning warning(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        FollowUp f = null;
        if (rs.getObject("f_id") != null) {
            f = followUp(rs.getLong("f_id"), rs.getLong("child_id"), rs.getString("term"), rs.getArray("f_indicators"), rs, now, rs.getLong("f_version"));
        }
        return new Warning(rs.getLong("child_id"), rs.getString("national_id"), rs.getString("name"), rs.getString("term"), rs.getLong("org_unit_id"),
                rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("level"), Indicator.of((String[]) rs.getArray("indicators").getArray()),
                rs.getBigDecimal("attendance_rate"), rs.getInt("absence_streak"), rs.getString("previous_grade"), rs.getBoolean("transition"),
                rs.getString("poverty"), instant(rs, "changed_at"), f);
    }

    private static FollowUp followUp(long id, long childId, String term, java.sql.Array indicators, java.sql.ResultSet rs, Instant now, long version)
            throws java.sql.SQLException {
        Instant opened = instant(rs, "opened_at");
        Instant acknowledged = instant(rs, "acknowledged_at");
        Instant resolved = instant(rs, "resolved_at");
        long age = Duration.between(opened, resolved != null ? resolved : now).toDays();
        String status = resolved != null ? "RESOLVED" : acknowledged != null ? "ACKNOWLEDGED" : "OPEN";
        String escalation = !"OPEN".equals(status) ? "NONE" : age >= PROVINCE_DAYS ? "PROVINCE" : age >= HEAD_DAYS ? "HEAD" : "NONE";
        return new FollowUp(id, childId, term, Indicator.of((String[]) indicators.getArray()), opened, age, status, escalation,
                rs.getString("acknowledged_by"), acknowledged, rs.getString("resolved_by"), resolved, rs.getString("outcome"),
                rs.getString("outcome_note"), version);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Open follow-ups in the caller's area, oldest first; with {@code unacknowledgedForDays} &gt; 0 only those not
     * acknowledged for at least that many days (the escalated ones).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public List<Warning> open(int unacknowledgedForDays) {
        AreaScope.SqlPredicate scope = area.scope().sql("f.province_code", "f.org_unit_id");
        List<Object> args = new ArrayList<>(scope.args());
        String extra = "";
        if (unacknowledgedForDays > 0) {
            extra = " AND f.acknowledged_at IS NULL AND f.opened_at <= ?";
            args.add(OffsetDateTime.ofInstant(now().minus(Duration.ofDays(unacknowledgedForDays)), ZoneOffset.UTC));
        }
        args.add(MAX_LIST);
        Instant now = now();
        List<Warning> list = jdbc.query("SELECT " + WARNING_COLUMNS + """
                 FROM care_follow_up f JOIN care_warning w ON w.child_id = f.child_id AND w.term = f.term
                JOIN child c ON c.id = f.child_id JOIN org_unit u ON u.id = w.org_unit_id
                WHERE f.resolved_at IS NULL AND (""" + scope.sql() + ")" + extra + " ORDER BY f.opened_at, f.id LIMIT ?",
                (rs, i) -> warning(rs, now), args.toArray());
        if (!list.isEmpty()) {
            // the list shows students: the read is audited
            audit.record(AuditAction.READ, "CareFollowUp", "open", "open follow-ups" + (unacknowledgedForDays > 0 ? " unacknowledged "
                    + unacknowledgedForDays + " days" : "") + " rows=" + list.size());
        }
        return list;
    }

    /** Whether the signed-in teacher is marked as the head of their units. */
    @Transactional(readOnly = true)
    public boolean isUnitHead(String username) {
        return Boolean.TRUE.equals(jdbc.query("SELECT unit_head FROM user_account WHERE username = ?", (rs, i) -> rs.getBoolean(1), username)
                .stream().findFirst().orElse(false));
    }

    /** A follow-up in the caller's area with its student, warning and actions; the read is audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public Detail detail(long id) {
        FollowUp f = load(id);
        CareRecords.Student s = records.studentById(f.childId());
        audit.record(AuditAction.READ, "CareFollowUp", id, "follow-up child " + s.id() + " " + f.term());
        String unitName = jdbc.queryForObject("SELECT name_th FROM org_unit WHERE id = ?", String.class, s.orgUnitId());
        Instant now = now();
        Optional<Warning> w = jdbc.query("SELECT " + WARNING_COLUMNS + """
                 FROM care_warning w JOIN child c ON c.id = w.child_id JOIN org_unit u ON u.id = w.org_unit_id
                LEFT JOIN care_follow_up f ON f.id = ?
                WHERE w.child_id = ? AND w.term = ?""", (rs, i) -> warning(rs, now), id, f.childId(), f.term()).stream().findFirst();
        List<Action> actions = jdbc.query("""
                SELECT id, kind, done_on, note, recorded_by, recorded_at FROM care_follow_up_action WHERE follow_up_id = ?
                ORDER BY done_on DESC, id DESC""", (rs, i) -> new Action(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getString(4), rs.getString(5), instant(rs, "recorded_at")), id);
        return new Detail(s, unitName, f, w, actions);
    }

    /** The open follow-up of a student in a term, if any (for the risk panel's link); the student's area is the caller's to check. */
    @Transactional(readOnly = true)
    public Optional<Long> openFollowUpOf(long childId, String term) {
        return jdbc.query("SELECT id FROM care_follow_up WHERE child_id = ? AND term = ? AND resolved_at IS NULL", (rs, i) -> rs.getLong(1),
                childId, term).stream().findFirst();
    }

    /** The student's current warning in the term, if any (the caller checked the student's area). */
    @Transactional(readOnly = true)
    public Optional<Warning> warningOf(long childId, String term) {
        Instant now = now();
        return jdbc.query("SELECT " + WARNING_COLUMNS + """
                 FROM care_warning w JOIN child c ON c.id = w.child_id JOIN org_unit u ON u.id = w.org_unit_id
                LEFT JOIN LATERAL (SELECT * FROM care_follow_up f WHERE f.child_id = w.child_id AND f.term = w.term
                                   ORDER BY f.resolved_at IS NULL DESC, f.opened_at DESC LIMIT 1) f ON TRUE
                WHERE w.child_id = ? AND w.term = ?""", (rs, i) -> warning(rs, now), childId, term).stream().findFirst();
    }

    /** The follow-up, refused unless its student is in the caller's area. */
    private FollowUp load(long id) {
        Instant now = now();
        List<Map<String, Object>> area0 = jdbc.queryForList("SELECT province_code, org_unit_id FROM care_follow_up WHERE id = ?", id);
        if (area0.isEmpty()) {
            throw CareRefusedException.of(CareRefusedException.Reason.NOT_FOUND, "id", "care.followUp.error.notFound");
        }
        if (!area.scope().coversOrgUnit(((Number) area0.get(0).get("org_unit_id")).longValue(), (String) area0.get(0).get("province_code"))) {
            throw CareRefusedException.of(CareRefusedException.Reason.FORBIDDEN, "id", "care.error.notYourStudent");
        }
        return jdbc.query("SELECT * FROM care_follow_up f WHERE id = ?", (rs, i) -> followUp(rs.getLong("id"), rs.getLong("child_id"),
                rs.getString("term"), rs.getArray("indicators"), rs, now, rs.getLong("version")), id).get(0);
    }

    private void expect(FollowUp f, long version) {
        if (f.version() != version) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "care.followUp.error.changed");
        }
    }

    private void bump(long id, long version) {
        if (jdbc.update("UPDATE care_follow_up SET version = version + 1 WHERE id = ? AND version = ?", id, version) != 1) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "care.followUp.error.changed");
        }
    }

    /** Acknowledges an open follow-up; acknowledging it again changes nothing. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public FollowUp acknowledge(long id, long version) {
        FollowUp f = load(id);
        if (f.acknowledgedAt() != null || f.resolvedAt() != null) {
            return f;
        }
        expect(f, version);
        int n = jdbc.update("""
                UPDATE care_follow_up SET acknowledged_by = ?, acknowledged_at = ?, version = version + 1
                WHERE id = ? AND version = ? AND acknowledged_at IS NULL""", audit.who().actor(), OffsetDateTime.ofInstant(now(), ZoneOffset.UTC),
                id, version);
        if (n != 1) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "care.followUp.error.changed");
        }
        audit.record(AuditAction.UPDATE, "CareFollowUp", id, "acknowledged");
        return load(id);
    }

    /** An action as entered. */
    public record ActionEntry(String kind, String date, String note) {
    }

    /**
     * Records an action on an unresolved follow-up (acknowledging it too); the same action posted again (same kind, date
     * and note) changes nothing.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public FollowUp addAction(long id, long version, ActionEntry entry) {
        FollowUp f = load(id);
        List<CareProblem> problems = new ArrayList<>();
        String kind = entry.kind() == null ? "" : entry.kind().strip();
        if (!ACTIONS.contains(kind)) {
            problems.add(CareProblem.of("kind", "care.followUp.error.kind"));
        }
        LocalDate date = date(entry.date(), "date", problems);
        String note = note(entry.note(), "note", problems);
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        Integer same = jdbc.queryForObject(" SELECT count(*) FROM care_follow_up_action WHERE follow_up_id = ? AND kind = ? AND done_on = ? AND md5(note) = md5(?)",
                Integer.class, id, kind, date, note);
        if (same != null && same > 0) {
            return f;
        }
        if (f.resolvedAt() != null) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "id", "care.followUp.error.resolved");
        }
        expect(f, version);
        bump(id, version);
        String actor = audit.who().actor();
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        jdbc.update("UPDATE care_follow_up SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL", actor, now, id);
        Long actionId = jdbc.queryForObject("""
                INSERT INTO care_follow_up_action (follow_up_id, kind, done_on, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING id""", Long.class, id, kind, date, note, actor, now);
        audit.record(AuditAction.CREATE, "CareFollowUpAction", actionId, kind + " " + date + " follow-up " + id);
        return load(id);
    }

    /** Resolves a follow-up with an outcome; resolving it again with the same outcome changes nothing. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public FollowUp resolve(long id, long version, String outcome, String outcomeNote) {
        FollowUp f = load(id);
        List<CareProblem> problems = new ArrayList<>();
        String o = outcome == null ? "" : outcome.strip();
        if (!OUTCOMES.contains(o)) {
            problems.add(CareProblem.of("outcome", "care.followUp.error.outcome"));
        }
        String note = note(outcomeNote, "outcomeNote", problems);
        if ("OTHER".equals(o) && note.isEmpty()) {
            problems.add(CareProblem.of("outcomeNote", "care.followUp.error.otherNote"));
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        if (f.resolvedAt() != null) {
            if (o.equals(f.outcome())) {
                return f;
            }
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "id", "care.followUp.error.resolved");
        }
        expect(f, version);
        String actor = audit.who().actor();
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        int n = jdbc.update("""
                UPDATE care_follow_up SET resolved_by = ?, resolved_at = ?, outcome = ?, outcome_note = ?,
                    acknowledged_by = COALESCE(acknowledged_by, ?), acknowledged_at = COALESCE(acknowledged_at, ?), version = version + 1
                WHERE id = ? AND version = ? AND resolved_at IS NULL""", actor, now, o, note, actor, now, id, version);
        if (n != 1) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "care.followUp.error.changed");
        }
        audit.record(AuditAction.UPDATE, "CareFollowUp", id, "resolved " + o);
        return load(id);
    }

    /** A transfer as entered. */
    public record TransferEntry(String nationalId, String date, String destination, String note) {
    }

    /** A transfer as stored; {@code created} is false when the same transfer was recorded before. */
    public record Transfer(long id, String nationalId, LocalDate date, String destination, boolean created) {
    }

    /**
     * Records that a student moved to another school on a date (no NOT_RE_ENROLLED after it) and re-evaluates the
     * student's warnings of that term and the next; the same transfer again changes nothing.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public Transfer recordTransfer(TransferEntry entry) {
        List<CareProblem> problems = new ArrayList<>();
        LocalDate date = date(entry.date(), "date", problems);
        String destination = entry.destination() == null ? "" : entry.destination().strip();
        if (destination.isEmpty() || destination.length() > 200) {
            problems.add(CareProblem.of("destination", "care.transfer.error.destination"));
        }
        String note = note(entry.note(), "note", problems);
        CareRecords.Student s = null;
        try {
            s = records.student(entry.nationalId(), "nationalId");
        } catch (CareRefusedException e) {
            if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
                throw e;
            }
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        List<Long> inserted = jdbc.queryForList("""
                INSERT INTO care_transfer (child_id, province_code, org_unit_id, transferred_on, destination, note, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (child_id, transferred_on) DO NOTHING RETURNING id""", Long.class, s.id(),
                s.provinceCode(), s.orgUnitId(), date, destination, note, audit.who().actor(), OffsetDateTime.ofInstant(now(), ZoneOffset.UTC));
        if (inserted.isEmpty()) {
            long id = jdbc.queryForObject("SELECT id FROM care_transfer WHERE child_id = ? AND transferred_on = ?", Long.class, s.id(), date);
            return new Transfer(id, s.nationalId(), date, destination, false);
        }
        audit.record(AuditAction.CREATE, "CareTransfer", inserted.get(0), "transfer child " + s.id() + " " + date);
        Term t = Term.containing(date);
        warnings.evaluateChildren(List.of(s.id()), t.toString());
        warnings.evaluateChildren(List.of(s.id()), t.next().toString());
        return new Transfer(inserted.get(0), s.nationalId(), date, destination, true);
    }

    private LocalDate date(String text, String field, List<CareProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(CareProblem.of(field, "care.followUp.error.dateRequired"));
            return null;
        }
        try {
            // d/m/yyyy with a Buddhist-era year (screens) or ISO yyyy-MM-dd (API)
            LocalDate d = text.strip().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? LocalDate.parse(text.strip()) : BuddhistDate.parse(text);
            if (d.isAfter(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK)))) {
                problems.add(CareProblem.of(field, "care.followUp.error.dateFuture"));
            }
            return d;
        } catch (org.eduequity.shared.InvalidValueException | java.time.format.DateTimeParseException e) {
            problems.add(CareProblem.of(field, "care.followUp.error.date"));
            return null;
        }
    }

    private static String note(String text, String field, List<CareProblem> problems) {
        String n = text == null ? "" : text.strip();
        if (n.length() > MAX_NOTE) {
            problems.add(CareProblem.of(field, "care.followUp.error.note", MAX_NOTE));
        }
        return n;
    }

    /** Open follow-ups per unit by age (0–7, 8–14, over 14 days) in the caller's area. */
    public record AgeRow(long orgUnitId, String orgUnitCode, String orgUnitName, long upTo7, long upTo14, long over14) {
        public long total() {
            return upTo7 + upTo14 + over14;
        }
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public List<AgeRow> openByAge(String term) {
        AreaScope.SqlPredicate scope = area.scope().sql("f.province_code", "f.org_unit_id");
        List<Object> args = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
        args.add(now.minusDays(7));
        args.add(now.minusDays(7));
        args.add(now.minusDays(14));
        args.add(now.minusDays(14));
        args.addAll(scope.args());
        String termFilter = "";
        if (term != null && !term.isBlank()) {
            termFilter = " AND f.term = ?";
            args.add(term);
        }
        return jdbc.query("""
                SELECT f.org_unit_id, u.code, u.name_th,
                       count(*) FILTER (WHERE f.opened_at > ?) AS d7,
                       count(*) FILTER (WHERE f.opened_at <= ? AND f.opened_at > ?) AS d14,
                       count(*) FILTER (WHERE f.opened_at <= ?) AS over
                FROM care_follow_up f JOIN org_unit u ON u.id = f.org_unit_id
                WHERE f.resolved_at IS NULL AND (""" + scope.sql() + ")" + termFilter + " GROUP BY f.org_unit_id, u.code, u.name_th ORDER BY u.code", (rs, i) -> new AgeRow(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)), args.toArray());
    }

    /** WATCH and ALERT counts of a term. */
    public record TermCount(String term, long watch, long alert) {
    }

    /** The warnings (WATCH, ALERT) per term in the caller's area, oldest term first, at most the last 10 terms. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public List<TermCount> perTerm(String orgUnitCode) {
        AreaScope.SqlPredicate scope = area.scope().sql("w.province_code", "w.org_unit_id");
        List<Object> args = new ArrayList<>(scope.args());
        String unit = "";
        if (orgUnitCode != null && !orgUnitCode.isBlank()) {
            unit = " AND w.org_unit_id = (SELECT id FROM org_unit WHERE code = ?)";
            args.add(orgUnitCode.strip());
        }
        List<TermCount> rows = jdbc.query("""
                SELECT w.term, count(*) FILTER (WHERE w.level = 'WATCH'), count(*) FILTER (WHERE w.level = 'ALERT')
                FROM care_warning w WHERE w.level <> 'NONE' AND (""" + scope.sql() + ")" + unit + " GROUP BY w.term ORDER BY w.term DESC LIMIT 10", (rs, i) -> new TermCount(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                args.toArray());
        List<TermCount> ordered = new ArrayList<>(rows);
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /** Records that warnings were exported (who, what, how many). */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public void auditExport(String format, String term, int rows) {
        audit.record(AuditAction.EXPORT, "CareWarning", term, "warnings " + format + " term " + term + " rows=" + rows);
    }

}
