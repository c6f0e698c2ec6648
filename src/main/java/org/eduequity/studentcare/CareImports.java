package org.eduequity.studentcare;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CsvRecords;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The CSV imports of a term's attendance (summary or daily absences), grades, health, SDQ forms and incidents
 * (student-care.md). A file is
 * read as a stream: each record is checked as it arrives and copied into a temporary table (COPY), then the students
 * are checked set-based (on a roll, in the caller's area, once in the file) and the file is applied in one statement.
 * A file with any bad row changes nothing and is refused with every bad row's problems. Only values that differ are
 * written (re-posting a file changes nothing) and the students whose records changed are evaluated in the same
 * transaction. {@link #preview} does all of this and rolls back.
 */
@Service
public class CareImports {

    /** What a file holds. */
    public enum Kind {
        ATTENDANCE("nationalId,schoolDays,daysAbsent"), ABSENCES("nationalId,date"), GRADES("nationalId,gpa,failedSubjects"),
        HEALTH("nationalId,weightKg,heightCm,nutrition,chronicIllness,disability"),
        /** An SDQ form per row: the form used and the 25 item scores (0, 1, 2; blank where unanswered). */
        SDQ("nationalId,form," + java.util.stream.IntStream.rangeClosed(1, CareParameters.ITEMS).mapToObj(i -> "i" + i)
                .collect(java.util.stream.Collectors.joining(","))),
        /** An incident per row, dated within the term. */
        INCIDENTS("nationalId,date,type,severity,note"),
        /** A unit's roster of the term (early warning, ADR 0009): who is enrolled, in which grade (P6 or ป.6). */
        ROSTER("nationalId,gradeLevel");

        public final String header;

        Kind(String header) {
            this.header = header;
        }

        int columns() {
            return header.split(",").length;
        }
    }

    /** What an import did (or, previewed, would do). */
    public record Report(Kind kind, String term, long rows, long created, long updated, long unchanged, int evaluated) {
    }

    /** At most this many data rows in a file (a province is about 200,000 students). */
    public static final int MAX_ROWS = 1_000_000;
    /** At most this many problems are listed; the count is always whole. */
    public static final int MAX_LISTED = 50_000;

    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,4}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d([.,]\\d+)?[eE]\\+?\\d+");

    private final JdbcTemplate jdbc;
    private final CurrentArea area;
    private final AuditLog audit;
    private final Clock clock;
    private final RiskEvaluation evaluation;
    private final CareWarnings warnings;

    CareImports(JdbcTemplate jdbc, CurrentArea area, AuditLog audit, Clock clock, RiskEvaluation evaluation, CareWarnings warnings) {
        this.warnings = warnings;
        this.jdbc = jdbc;
        this.area = area;
        this.audit = audit;
        this.clock = clock;
        this.evaluation = evaluation;
    }

    /** Imports the file: all of it or, when any row is bad, nothing ({@link CareRefusedException} with every problem). */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public Report importCsv(Kind kind, String term, InputStream content) {
        return run(kind, term, content);
    }

    /** Everything {@link #importCsv} would do, then rolled back: the counts, or the problems. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public Report preview(Kind kind, String term, InputStream content) {
        Report report = run(kind, term, content);
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        return report;
    }

    /**
     * Keeps a file that passed {@link #preview} under a random token of the uploader, so that the screen can apply
     * exactly that file; unapplied files older than a day are dropped.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public java.util.UUID keep(Kind kind, String term, byte[] content) {
        java.util.UUID token = java.util.UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        jdbc.update("DELETE FROM care_import WHERE applied_at IS NULL AND created_at < ?", now.minusDays(1));
        jdbc.update("INSERT INTO care_import (id, kind, term, created_by, created_at, content) VALUES (?, ?, ?, ?, ?, ?)", token, kind.name(),
                term, audit.who().actor(), now, content);
        return token;
    }

    /** Applies a kept file of the same user once; empty when there is no such file (or it was applied already). */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    public java.util.Optional<Report> applyKept(java.util.UUID token) {
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT kind, term, content FROM care_import WHERE id = ? AND created_by = ? AND applied_at IS NULL FOR UPDATE", token,
                audit.who().actor());
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        Report report = run(Kind.valueOf((String) found.get(0).get("kind")), (String) found.get(0).get("term"),
                new java.io.ByteArrayInputStream((byte[]) found.get(0).get("content")));
        jdbc.update("UPDATE care_import SET applied_at = ?, content = NULL WHERE id = ?", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC),
                token);
        return java.util.Optional.of(report);
    }

    private Report run(Kind kind, String termText, InputStream content) {
        List<CareProblem> termProblems = new ArrayList<>();
        String term = CareRecords.term(termText, "term", termProblems);
        if (!termProblems.isEmpty()) {
            throw CareRefusedException.invalid(termProblems);
        }
        jdbc.execute("""
                CREATE TEMPORARY TABLE care_in (line_no INTEGER, national_id VARCHAR(13), d DATE, n1 INTEGER, n2 INTEGER,
                  gpa NUMERIC(3, 2), weight NUMERIC(5, 2), height NUMERIC(5, 1), nutrition VARCHAR(12), chronic BOOLEAN,
                  disability BOOLEAN, items SMALLINT[], t1 VARCHAR(14), t2 VARCHAR(8), note TEXT, grade VARCHAR(3)) ON COMMIT DROP""");
        Problems problems = new Problems();
        long rows = load(kind, Term.parse(term), content, problems);
        jdbc.execute("ANALYZE care_in");
        check(kind, problems);
        if (problems.count > 0) {
            problems.list.sort(Comparator.comparingInt(CareProblem::row));
            throw new ImportRefusedException(problems.list, problems.count);
        }
        return apply(kind, term, rows);
    }

    /** A refused file: every problem listed (up to {@link #MAX_LISTED}) and how many there were. */
    public static class ImportRefusedException extends CareRefusedException {
        private final long count;

        ImportRefusedException(List<CareProblem> problems, long count) {
            super(Reason.INVALID, problems);
            this.count = count;
        }

        public long count() {
            return count;
        }
    }

    /** Problems collected while reading (also the entry screens' field checks, {@link CareEntries}). */
    static final class Problems {
        final List<CareProblem> list = new ArrayList<>();
        long count;

        void add(int row, String field, String key, Object... args) {
            count++;
            if (list.size() < MAX_LISTED) {
                list.add(CareProblem.atRow(row, field, key, args));
            }
        }
    }

    private long load(Kind kind, Term term, InputStream content, Problems problems) {
        LocalDate today = LocalDate.now(clock.withZone(org.eduequity.shared.BuddhistDate.BANGKOK));
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Reader reader = new java.io.BufferedReader(new InputStreamReader(content, decoder), 64 * 1024);
        CsvRecords csv = new CsvRecords(reader);
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        long n = 0;
        try (OutputStream out = new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                "COPY care_in (line_no, national_id, d, n1, n2, gpa, weight, height, nutrition, chronic, disability, items, t1, t2, note, grade) FROM STDIN", 64 * 1024);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            List<String> header = next(csv);
            if (header == null) {
                throw fileProblem(1, "care.import.error.empty");
            }
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            if (!String.join(",", header.stream().map(String::strip).toList()).equals(kind.header)) {
                throw fileProblem(csv.recordLine(), "care.import.error.header", kind.header);
            }
            StringBuilder row = new StringBuilder(128);
            List<String> f;
            while ((f = next(csv)) != null) {
                int line = csv.recordLine();
                if (++n > MAX_ROWS) {
                    throw fileProblem(line, "care.import.error.tooMany", MAX_ROWS);
                }
                row.setLength(0);
                if (record(kind, term, today, f, line, row, problems)) {
                    w.append(row);
                }
            }
            if (n == 0) {
                throw fileProblem(1, "care.import.error.noRows");
            }
        } catch (IOException e) {
            if (e instanceof CharacterCodingException) {
                throw fileProblem(0, "care.import.error.encoding");
            }
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into care_in failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return n;
    }

    private static CareRefusedException fileProblem(int line, String key, Object... args) {
        return new ImportRefusedException(List.of(CareProblem.atRow(line, "file", key, args)), 1);
    }

    private static List<String> next(CsvRecords csv) throws IOException {
        try {
            return csv.next();
        } catch (CsvRecords.SyntaxException e) {
            throw fileProblem(e.line(), "care.import.error.syntax." + e.rule());
        }
    }

    /** Checks one record; writes it as a COPY row and returns true when it is good. */
    static boolean record(Kind kind, Term term, LocalDate today, List<String> f, int line, StringBuilder row, Problems problems) {
        long before = problems.count;
        if (f.size() != kind.columns()) {
            problems.add(line, "row", "care.import.error.columns", kind.columns(), f.size());
            return false;
        }
        String nationalId = null;
        String raw = f.get(0).strip();
        if (SCIENTIFIC.matcher(raw).matches()) {
            problems.add(line, "nationalId", "care.import.error.nationalIdAsNumber");
        } else {
            try {
                nationalId = NationalId.of(raw).value();
            } catch (InvalidValueException e) {
                problems.add(line, "nationalId", e.messageKey());
            }
        }
        LocalDate d = null;
        Integer n1 = null;
        Integer n2 = null;
        BigDecimal gpa = null;
        BigDecimal weight = null;
        BigDecimal height = null;
        String nutrition = null;
        Boolean chronic = null;
        Boolean disability = null;
        String items = null;
        String t1 = null;
        String t2 = null;
        String note = null;
        String grade = null;
        switch (kind) {
            case ROSTER -> {
                String g = f.get(1).strip();
                java.util.Optional<org.eduequity.survey.GradeLevel> level = org.eduequity.survey.GradeLevel.parse(g);
                if (level.isEmpty()) {
                    problems.add(line, "gradeLevel", "care.import.error.gradeLevel", g);
                } else {
                    grade = level.get().name();
                }
            }
            case ATTENDANCE -> {
                n1 = integer(f.get(1), line, "schoolDays", 1, 200, true, problems);
                n2 = integer(f.get(2), line, "daysAbsent", 0, 200, true, problems);
                if (n1 != null && n2 != null && n2 > n1) {
                    problems.add(line, "daysAbsent", "care.import.error.absentOverDays", n1);
                }
            }
            case ABSENCES -> {
                String text = f.get(1).strip();
                try {
                    d = LocalDate.parse(text);
                    if (!term.contains(d)) {
                        problems.add(line, "date", "care.import.error.dateOutsideTerm", term.toString(), term.startDate(), term.endDate());
                    }
                } catch (DateTimeParseException e) {
                    problems.add(line, "date", "care.import.error.date", text);
                }
            }
            case GRADES -> {
                String g = f.get(1).strip();
                if (!g.isEmpty()) {
                    if (!DECIMAL.matcher(g).matches() || new BigDecimal(g).compareTo(new BigDecimal("4")) > 0) {
                        problems.add(line, "gpa", "care.import.error.gpa", g);
                    } else {
                        gpa = new BigDecimal(g);
                    }
                }
                n1 = integer(f.get(2), line, "failedSubjects", 0, 30, false, problems);
                if (g.isEmpty() && f.get(2).isBlank()) {
                    problems.add(line, "gpa", "care.import.error.gradesEmpty");
                }
            }
            case HEALTH -> {
                weight = decimal(f.get(1), line, "weightKg", new BigDecimal("300"), 2, problems);
                height = decimal(f.get(2), line, "heightCm", new BigDecimal("250"), 1, problems);
                String nu = f.get(3).strip().toUpperCase(Locale.ROOT);
                if (!nu.isEmpty()) {
                    if (!CareParameters.NUTRITION.contains(nu)) {
                        problems.add(line, "nutrition", "care.import.error.nutrition", f.get(3).strip(), String.join(", ", CareParameters.NUTRITION));
                    } else {
                        nutrition = nu;
                    }
                }
                chronic = bool(f.get(4), line, "chronicIllness", problems);
                disability = bool(f.get(5), line, "disability", problems);
                if (nu.isEmpty() && f.get(4).isBlank()) {
                    problems.add(line, "nutrition", "care.import.error.healthEmpty");
                }
            }
            case SDQ -> {
                String form = f.get(1).strip().toUpperCase(Locale.ROOT);
                if (form.isEmpty()) {
                    problems.add(line, "form", "care.error.sdq.formRequired");
                } else if (!List.of("SELF", "TEACHER", "PARENT").contains(form)) {
                    problems.add(line, "form", "care.error.sdq.form");
                } else {
                    t1 = form;
                }
                StringBuilder a = new StringBuilder("{");
                for (int i = 0; i < CareParameters.ITEMS; i++) {
                    String v = f.get(2 + i).strip();
                    if (i > 0) {
                        a.append(',');
                    }
                    if (v.isEmpty()) {
                        a.append("NULL");
                    } else if (v.equals("0") || v.equals("1") || v.equals("2")) {
                        a.append(v);
                    } else {
                        problems.add(line, "i" + (i + 1), "care.error.sdq.item", i + 1);
                    }
                }
                items = a.append('}').toString();
            }
            case INCIDENTS -> {
                String text = f.get(1).strip();
                try {
                    d = LocalDate.parse(text);
                    if (!term.contains(d)) {
                        problems.add(line, "date", "care.import.error.dateOutsideTerm", term.toString(), term.startDate(), term.endDate());
                    } else if (d.isAfter(today)) {
                        problems.add(line, "date", "care.error.incident.dateFuture");
                    }
                } catch (DateTimeParseException e) {
                    problems.add(line, "date", "care.import.error.date", text);
                }
                String type = f.get(2).strip().toUpperCase(Locale.ROOT);
                if (!CareParameters.INCIDENT_TYPES.contains(type)) {
                    problems.add(line, "type", "care.error.incident.type", String.join(", ", CareParameters.INCIDENT_TYPES));
                } else {
                    t1 = type;
                }
                String severity = f.get(3).strip().toUpperCase(Locale.ROOT);
                if (!List.of("CONCERN", "SERIOUS").contains(severity)) {
                    problems.add(line, "severity", "care.error.incident.severity", "CONCERN, SERIOUS");
                } else {
                    t2 = severity;
                }
                note = f.get(4).strip();
                if (note.length() > CareRecords.MAX_NOTE) {
                    problems.add(line, "note", "care.error.incident.note", CareRecords.MAX_NOTE);
                }
            }
            default -> throw new IllegalStateException();
        }
        if (problems.count > before) {
            return false;
        }
        row.append(line).append('\t').append(nationalId).append('\t').append(text(d)).append('\t').append(text(n1)).append('\t')
                .append(text(n2)).append('\t').append(text(gpa)).append('\t').append(text(weight)).append('\t').append(text(height))
                .append('\t').append(text(nutrition)).append('\t').append(text(chronic)).append('\t').append(text(disability)).append('\t')
                .append(text(items)).append('\t').append(text(t1)).append('\t').append(text(t2)).append('\t').append(copyText(note))
                .append('\t').append(text(grade)).append('\n');
        return true;
    }

    /** A text field in COPY's text format: backslash, tab and line breaks escaped. */
    private static String copyText(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String text(Object value) {
        if (value == null) {
            return "\\N";
        }
        return value instanceof BigDecimal b ? b.toPlainString() : value.toString();
    }

    private static Integer integer(String raw, int line, String field, int min, int max, boolean required, Problems problems) {
        String s = raw.strip();
        if (s.isEmpty()) {
            if (required) {
                problems.add(line, field, "care.import.error.required");
            }
            return null;
        }
        if (!INTEGER.matcher(s).matches() || Integer.parseInt(s) < min || Integer.parseInt(s) > max) {
            problems.add(line, field, "care.import.error.integer", s, min, max);
            return null;
        }
        return Integer.parseInt(s);
    }

    private static BigDecimal decimal(String raw, int line, String field, BigDecimal max, int scale, Problems problems) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(s).matches() || new BigDecimal(s).signum() <= 0 || new BigDecimal(s).compareTo(max) > 0
                || new BigDecimal(s).scale() > scale) {
            problems.add(line, field, "care.import.error.decimal", s, max, scale);
            return null;
        }
        return new BigDecimal(s);
    }

    private static Boolean bool(String raw, int line, String field, Problems problems) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "":
                return null;
            case "true":
            case "yes":
            case "y":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "no":
            case "n":
            case "0":
                return Boolean.FALSE;
            default:
                problems.add(line, field, "care.import.error.boolean", raw.strip());
                return null;
        }
    }

    /** The set-based checks: on a roll, in the caller's area, once in the file. */
    private void check(Kind kind, Problems problems) {
        AreaScope.SqlPredicate scope = area.scope().sql("c.province_code", "c.org_unit_id");
        jdbc.query("""
                SELECT i.line_no, c.id IS NULL AS unknown FROM care_in i LEFT JOIN child c ON c.national_id = i.national_id
                WHERE c.id IS NULL OR NOT (""" + scope.sql() + ") ORDER BY i.line_no", rs -> {
            problems.add(rs.getInt(1), "nationalId", rs.getBoolean(2) ? "care.error.unknownChild" : "care.error.notYourStudent");
        }, scope.args().toArray());
        String key = switch (kind) {
            case ABSENCES -> "national_id, d";
            case SDQ -> "national_id, t1";
            case INCIDENTS -> "national_id, d, t1, t2, md5(coalesce(note, ''))";
            default -> "national_id";
        };
        jdbc.query("""
                SELECT line_no, first FROM (SELECT line_no, min(line_no) OVER (PARTITION BY %s) AS first FROM care_in) t
                WHERE line_no > first ORDER BY line_no""".formatted(key), rs -> {
            problems.add(rs.getInt(1), "nationalId", switch (kind) {
                case ABSENCES -> "care.import.error.duplicateDay";
                case SDQ -> "care.import.error.duplicateSdq";
                case INCIDENTS -> "care.import.error.duplicateIncident";
                default -> "care.import.error.duplicate";
            }, rs.getInt(2));
        });
    }

    private Report apply(Kind kind, String term, long rows) {
        AuditLog.Who who = audit.who();
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        String entity;
        String write;
        switch (kind) {
            case ATTENDANCE -> {
                entity = "CareAttendance";
                write = """
                        INSERT INTO care_attendance (child_id, term, province_code, org_unit_id, school_days, days_absent, recorded_by, recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.n1, i.n2, ?, ? FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, term) DO UPDATE SET school_days = excluded.school_days, days_absent = excluded.days_absent,
                            province_code = excluded.province_code, org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by,
                            recorded_at = excluded.recorded_at, version = care_attendance.version + 1
                        WHERE (care_attendance.school_days, care_attendance.days_absent) IS DISTINCT FROM (excluded.school_days, excluded.days_absent)""";
            }
            case ABSENCES -> {
                entity = "CareAbsence";
                write = """
                        INSERT INTO care_absence (child_id, absent_on, term, province_code, org_unit_id, recorded_by, recorded_at)
                        SELECT c.id, i.d, ?, c.province_code, c.org_unit_id, ?, ? FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, absent_on) DO NOTHING""";
            }
            case GRADES -> {
                entity = "CareGrade";
                write = """
                        INSERT INTO care_grade (child_id, term, province_code, org_unit_id, gpa, failed_subjects, recorded_by, recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.gpa, i.n1, ?, ? FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, term) DO UPDATE SET gpa = excluded.gpa, failed_subjects = excluded.failed_subjects,
                            province_code = excluded.province_code, org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by,
                            recorded_at = excluded.recorded_at, version = care_grade.version + 1
                        WHERE (care_grade.gpa, care_grade.failed_subjects) IS DISTINCT FROM (excluded.gpa, excluded.failed_subjects)""";
            }
            case HEALTH -> {
                entity = "CareHealth";
                write = """
                        INSERT INTO care_health (child_id, term, province_code, org_unit_id, weight_kg, height_cm, nutrition, chronic_illness,
                                                 disability, recorded_by, recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.weight, i.height, i.nutrition, i.chronic, i.disability, ?, ?
                        FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, term) DO UPDATE SET weight_kg = excluded.weight_kg, height_cm = excluded.height_cm,
                            nutrition = excluded.nutrition, chronic_illness = excluded.chronic_illness, disability = excluded.disability,
                            province_code = excluded.province_code, org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by,
                            recorded_at = excluded.recorded_at, version = care_health.version + 1
                        WHERE (care_health.weight_kg, care_health.height_cm, care_health.nutrition, care_health.chronic_illness, care_health.disability)
                              IS DISTINCT FROM (excluded.weight_kg, excluded.height_cm, excluded.nutrition, excluded.chronic_illness, excluded.disability)""";
            }
            case SDQ -> {
                entity = "CareSdq";
                write = """
                        INSERT INTO care_sdq (child_id, term, province_code, org_unit_id, form, items, recorded_by, recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.t1, i.items, ?, ? FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, term, form) DO UPDATE SET items = excluded.items, province_code = excluded.province_code,
                            org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at,
                            version = care_sdq.version + 1
                        WHERE care_sdq.items IS DISTINCT FROM excluded.items""";
            }
            case INCIDENTS -> {
                entity = "CareIncident";
                write = """
                        INSERT INTO care_incident (child_id, term, province_code, org_unit_id, occurred_on, type, severity, note, recorded_by,
                                                   recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.d, i.t1, i.t2, coalesce(i.note, ''), ?, ?
                        FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, occurred_on, type, severity, md5(note)) DO NOTHING""";
            }
            case ROSTER -> {
                entity = "CareRoster";
                write = """
                        INSERT INTO care_roster (child_id, term, province_code, org_unit_id, grade_level, recorded_by, recorded_at)
                        SELECT c.id, ?, c.province_code, c.org_unit_id, i.grade, ?, ? FROM care_in i JOIN child c ON c.national_id = i.national_id
                        ON CONFLICT (child_id, term) DO UPDATE SET grade_level = excluded.grade_level, province_code = excluded.province_code,
                            org_unit_id = excluded.org_unit_id, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                        WHERE (care_roster.grade_level, care_roster.org_unit_id) IS DISTINCT FROM (excluded.grade_level, excluded.org_unit_id)""";
            }
            default -> throw new IllegalStateException();
        }
        jdbc.execute("CREATE TEMPORARY TABLE care_changed (child_id BIGINT) ON COMMIT DROP");
        // one statement writes what differs and, per student written, its CREATE or UPDATE audit entry
        List<Map<String, Object>> counted = jdbc.queryForList("""
                WITH up AS (
                %s
                  RETURNING child_id, (xmax = 0) AS created
                ), audited AS (
                  INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, remote_addr)
                  SELECT ?, ?, CASE WHEN created THEN 'CREATE' ELSE 'UPDATE' END, ?, child_id::text, ?, ? FROM up
                ), changed AS (
                  INSERT INTO care_changed (child_id) SELECT DISTINCT child_id FROM up
                )
                SELECT count(*) FILTER (WHERE created) AS created, count(*) FILTER (WHERE NOT created) AS updated FROM up""".formatted(write),
                term, who.actor(), now, now, who.actor(), entity, "CSV import " + term, who.remoteAddr());
        long created = ((Number) counted.get(0).get("created")).longValue();
        long updated = ((Number) counted.get(0).get("updated")).longValue();
        int evaluated = 0;
        if (kind == Kind.ROSTER) {
            // NOT_RE_ENROLLED (ADR 0009): the students of the file and everyone on the previous term's roster of its units
            String previous = CareWarnings.previous(Term.parse(term)).map(Term::toString).orElse("0000/0");
            List<Long> affected = jdbc.queryForList("""
                    SELECT c.id FROM care_in i JOIN child c ON c.national_id = i.national_id
                    UNION
                    SELECT r.child_id FROM care_roster r
                    WHERE r.term = ? AND r.org_unit_id IN (SELECT DISTINCT c.org_unit_id FROM care_in i JOIN child c ON c.national_id = i.national_id)""",
                    Long.class, previous);
            evaluated = warnings.evaluateChildren(affected, term).changed();
        } else if (kind == Kind.ABSENCES) {
            if (created > 0) {
                // streaks are early warning only (no risk area reads daily absences)
                warnings.evaluateChildren(jdbc.queryForList("SELECT child_id FROM care_changed", Long.class), term);
            }
        } else if (created + updated > 0) {
            List<Long> changed = jdbc.queryForList("SELECT child_id FROM care_changed", Long.class);
            evaluated = evaluation.evaluateChildren(changed, term);
        }
        audit.record(AuditAction.IMPORT, entity, term, kind + " CSV import " + term + ": rows=" + rows + ", created=" + created + ", updated="
                + updated + ", unchanged=" + (rows - created - updated));
        return new Report(kind, term, rows, created, updated, rows - created - updated, evaluated);
    }
}
