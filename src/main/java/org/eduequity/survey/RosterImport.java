package org.eduequity.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.Csv;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.TextDecoding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Imports a roster (the children on organisation units' rolls) from a CSV file in two steps, for teachers (their own
 * units only) and administrators (any unit). {@link #preview} reads and checks every row and writes no child; a file
 * without errors is kept in {@code roster_import} under a random token, tied to the uploading user. {@link #apply}
 * checks the kept file again under the same user's area and writes all its rows in one set-based statement, or none:
 * a national id that is not on any roll creates a child, one that is updates that child only where a value differs
 * (so importing the same file again changes nothing and bumps no version), and every created or updated child gets
 * its audit entry from the same statement. A token is applied at most once.
 *
 * <p>Rows are refused (and nothing is written) when a value is invalid, a national id appears twice in the file, the
 * unit does not exist, is closed or is not the uploader's, or the child is already on the roll of a unit the uploader
 * may not see: a teacher may not move a child away from another school silently (the message asks them to turn to the
 * province); an administrator may move a child by importing it with the new unit. Files may be UTF-8 (with or without
 * a byte-order mark) or Windows-874 / TIS-620, see
 * {@link TextDecoding#utf8OrThai(byte[])}.
 */
@Service
@Transactional
public class RosterImport {

    /** The largest file accepted, in bytes (5 MB). */
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    /** The most data rows a file may have. */
    public static final int MAX_ROWS = 20_000;
    /** The header row, in this order. */
    public static final List<String> HEADER = List.of("national_id", "title", "first_name", "last_name", "birth_date", "sex",
            "grade_level", "org_unit_code");

    static final int MAX_TITLE = 30;
    static final int MAX_NAME = 100;
    private static final Duration KEEP_UNAPPLIED = Duration.ofDays(1);
    /** What Excel makes of a 13-digit number in a cell not formatted as text, e.g. 1.10E+12. */
    private static final Pattern SCIENTIFIC = Pattern.compile("\\d([.,]\\d+)?[eE]\\+?\\d+");

    private final OrgUnits orgUnits;
    private final CurrentArea area;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RosterImport(OrgUnits orgUnits, CurrentArea area, AuditLog audit, JdbcTemplate jdbc, Clock clock) {
        this.orgUnits = orgUnits;
        this.area = area;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a row will do. */
    public enum RowStatus {
        CREATE, UPDATE, UNCHANGED, ERROR
    }

    /** A problem with a row (or, with field {@code file}, the whole file): a message key and its arguments. */
    public record Problem(String field, String messageKey, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }

        public Problem(String field, String messageKey) {
            this(field, messageKey, List.of());
        }
    }

    /** One data row of the file: its line number, its values as written, what it will do and its problems. */
    public record Row(int line, List<String> values, RowStatus status, List<Problem> problems) {
        public Row {
            values = List.copyOf(values);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The checked file. {@code fileProblem} is set when the file as a whole cannot be read (then there are no rows);
     * {@code token} is set only when every row is valid and the file may be applied; {@code charset} is the name of
     * the character set the file was read in.
     */
    public record Preview(UUID token, Problem fileProblem, List<Row> rows, int creates, int updates, int unchanged, int errors,
                          String charset) {
        public Preview {
            rows = List.copyOf(rows);
        }

        static Preview ofFileProblem(String messageKey, Object... args) {
            return new Preview(null, new Problem("file", messageKey, List.of(args)), List.of(), 0, 0, 0, 0, null);
        }

        public boolean applicable() {
            return token != null;
        }

        public int total() {
            return rows.size();
        }
    }

    /** How applying a token went. */
    public enum Outcome {
        /** All rows were written (those that changed anything). */
        APPLIED,
        /** The token was applied before; nothing was written now. */
        ALREADY_APPLIED,
        /** No such token for this user (never issued, issued to someone else, or expired). */
        NOT_FOUND,
        /** The rows are no longer valid (the data changed since the preview); nothing was written. */
        INVALID
    }

    /** The result of {@link #apply}; {@code preview} holds the rows' problems when the outcome is INVALID. */
    public record Applied(Outcome outcome, int created, int updated, int unchanged, Preview preview) {
    }

    /** Reads and checks the file; writes no child. */
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public Preview preview(byte[] content) {
        if (content == null || content.length == 0) {
            return Preview.ofFileProblem("roster.import.error.empty");
        }
        if (content.length > MAX_BYTES) {
            return Preview.ofFileProblem("roster.import.error.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        TextDecoding.Decoded decoded;
        try {
            decoded = TextDecoding.utf8OrThai(content);
        } catch (IllegalArgumentException e) {
            return Preview.ofFileProblem("roster.import.error.encoding");
        }
        Checked checked = read(decoded.text(), decoded.charset().name(), false);
        Preview preview = checked.preview();
        if (preview.fileProblem() != null || preview.errors() > 0) {
            return preview;
        }
        UUID token = UUID.randomUUID();
        Instant now = Instant.now(clock);
        jdbc.update("DELETE FROM roster_import WHERE applied_at IS NULL AND created_at < ?", utc(now.minus(KEEP_UNAPPLIED)));
        jdbc.update("INSERT INTO roster_import (id, created_by, created_at, content, row_count) VALUES (?, ?, ?, ?, ?)",
                token, audit.who().actor(), utc(now), decoded.text(), preview.total());
        return new Preview(token, null, preview.rows(), preview.creates(), preview.updates(), preview.unchanged(), 0,
                preview.charset());
    }

    /** Checks the kept file again, within the user's area, and writes all of its rows, or none. */
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public Applied apply(UUID token) {
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT created_by, content, applied_at FROM roster_import WHERE id = ? FOR UPDATE", token);
        if (found.isEmpty() || !audit.who().actor().equals(found.get(0).get("created_by"))) {
            return new Applied(Outcome.NOT_FOUND, 0, 0, 0, null);
        }
        if (found.get(0).get("applied_at") != null) {
            return new Applied(Outcome.ALREADY_APPLIED, 0, 0, 0, null);
        }
        Checked checked = read((String) found.get(0).get("content"), null, true);
        Preview preview = checked.preview();
        if (preview.fileProblem() != null || preview.errors() > 0) {
            return new Applied(Outcome.INVALID, 0, 0, 0, preview);
        }
        List<Values> rows = checked.values();
        int n = rows.size();
        String[] nationalIds = new String[n];
        String[] titles = new String[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] birthDates = new String[n];
        String[] sexes = new String[n];
        String[] grades = new String[n];
        Long[] unitIds = new Long[n];
        String[] provinces = new String[n];
        for (int i = 0; i < n; i++) {
            Values v = rows.get(i);
            nationalIds[i] = v.nationalId();
            titles[i] = v.title();
            firstNames[i] = v.firstName();
            lastNames[i] = v.lastName();
            birthDates[i] = v.birthDate().toString();
            sexes[i] = v.sex().name();
            grades[i] = v.gradeLevel().name();
            unitIds[i] = v.orgUnitId();
            provinces[i] = v.provinceCode();
        }
        OffsetDateTime now = utc(Instant.now(clock));
        AuditLog.Who who = audit.who();
        // a child already on a roll is only ever updated within the user's area, even if it moved since the check
        AreaScope.SqlPredicate mayUpdate = area.scope().sql("child.province_code", "child.org_unit_id");
        List<Object> args = new ArrayList<>(List.of(now, now, nationalIds, titles, firstNames, lastNames, birthDates, sexes, grades,
                unitIds, provinces));
        args.addAll(mayUpdate.args());
        args.addAll(List.of(now, who.actor(), token.toString(), who.remoteAddr()));
        // one statement writes the children that are new or differ and, per child written, its CREATE or UPDATE audit entry
        List<Boolean> inserted = jdbc.query("""
                WITH up AS (
                    INSERT INTO child (national_id, title, first_name, last_name, birth_date, sex, grade_level, org_unit_id,
                                       province_code, created_at, updated_at)
                    SELECT u.nid, u.title, u.first_name, u.last_name, u.birth_date::date, u.sex, u.grade, u.unit, u.province, ?, ?
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                                ?::bigint[], ?::varchar[])
                         AS u(nid, title, first_name, last_name, birth_date, sex, grade, unit, province)
                    ON CONFLICT (national_id) DO UPDATE SET title = EXCLUDED.title, first_name = EXCLUDED.first_name,
                        last_name = EXCLUDED.last_name, birth_date = EXCLUDED.birth_date, sex = EXCLUDED.sex,
                        grade_level = EXCLUDED.grade_level, org_unit_id = EXCLUDED.org_unit_id,
                        province_code = EXCLUDED.province_code, updated_at = EXCLUDED.updated_at, version = child.version + 1
                    WHERE (child.title, child.first_name, child.last_name, child.birth_date, child.sex, child.grade_level,
                           child.org_unit_id, child.province_code)
                          IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.birth_date,
                           EXCLUDED.sex, EXCLUDED.grade_level, EXCLUDED.org_unit_id, EXCLUDED.province_code)
                      AND (""" + mayUpdate.sql() + """
                )
                    RETURNING id, (xmax = 0) AS inserted),
                audited AS (
                    INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, remote_addr)
                    SELECT ?, ?, CASE WHEN inserted THEN 'CREATE' ELSE 'UPDATE' END, 'Child', id::text,
                           'roster CSV import ' || ?, ?
                    FROM up)
                SELECT inserted FROM up""",
                (rs, i) -> rs.getBoolean("inserted"), args.toArray());
        int created = (int) inserted.stream().filter(Boolean::booleanValue).count();
        int updated = inserted.size() - created;
        if (created != preview.creates() || updated != preview.updates()) {
            // someone else changed these children between the check and the write: write nothing
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return new Applied(Outcome.INVALID, 0, 0, 0, preview);
        }
        int unchanged = n - created - updated;
        jdbc.update("""
                UPDATE roster_import SET applied_at = ?, content = NULL, created_count = ?, updated_count = ?, unchanged_count = ?
                WHERE id = ?""", now, created, updated, unchanged, token);
        audit.record(AuditAction.IMPORT, "Child", token,
                "roster CSV import: rows=" + n + ", created=" + created + ", updated=" + updated + ", unchanged=" + unchanged);
        return new Applied(Outcome.APPLIED, created, updated, unchanged, null);
    }

    /** The checked file and, when it has no errors, the values to write, one per row. */
    private record Checked(Preview preview, List<Values> values) {
    }

    /** A valid row's values, normalised as they are stored. */
    record Values(String nationalId, String title, String firstName, String lastName, LocalDate birthDate, Sex sex,
                  GradeLevel gradeLevel, long orgUnitId, String provinceCode) {
    }

    private Checked read(String text, String charset, boolean lock) {
        List<Csv.Record> records;
        try {
            records = Csv.parse(text, MAX_ROWS + 1);
        } catch (Csv.SyntaxException e) {
            return new Checked(Preview.ofFileProblem("roster.import.error.syntax", e.line()), List.of());
        } catch (Csv.TooManyRecordsException e) {
            return new Checked(Preview.ofFileProblem("roster.import.error.tooManyRows", MAX_ROWS), List.of());
        }
        if (records.isEmpty()) {
            return new Checked(Preview.ofFileProblem("roster.import.error.empty"), List.of());
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!header.equals(HEADER)) {
            return new Checked(Preview.ofFileProblem("roster.import.error.header", String.join(",", HEADER)), List.of());
        }
        if (records.size() == 1) {
            return new Checked(Preview.ofFileProblem("roster.import.error.noRows"), List.of());
        }
        return check(records.subList(1, records.size()), charset, lock);
    }

    private Checked check(List<Csv.Record> records, String charset, boolean lock) {
        AreaScope scope = area.scope();
        LocalDate today = LocalDate.now(clock.withZone(BuddhistDate.BANGKOK));
        Set<String> codes = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Csv.Record r : records) {
            if (r.fields().size() == HEADER.size()) {
                codes.add(r.fields().get(7).strip());
                if (NationalId.isValid(r.fields().get(0))) {
                    ids.add(NationalId.of(r.fields().get(0)).value());
                }
            }
        }
        Map<String, OrgUnit> units = new HashMap<>();
        for (OrgUnit u : orgUnits.byCodes(codes)) {
            units.put(u.getCode(), u);
        }
        Map<String, Values> existing = existing(ids, lock);
        Map<String, Integer> firstLineOfId = new HashMap<>();
        List<Row> rows = new ArrayList<>(records.size());
        List<Values> values = new ArrayList<>(records.size());
        int creates = 0;
        int updates = 0;
        int unchanged = 0;
        int errors = 0;
        for (Csv.Record record : records) {
            List<String> v = record.fields();
            List<Problem> problems = new ArrayList<>();
            Values parsed = null;
            if (v.size() != HEADER.size()) {
                problems.add(new Problem("row", "roster.import.error.columnCount", List.of(HEADER.size(), v.size())));
            } else {
                parsed = parse(v, units, scope, today, problems);
            }
            if (parsed != null) {
                Integer first = firstLineOfId.putIfAbsent(parsed.nationalId(), record.line());
                if (first != null) {
                    problems.add(new Problem("national_id", "roster.import.error.duplicateInFile", List.of(first)));
                }
            }
            Values before = parsed == null ? null : existing.get(parsed.nationalId());
            if (before != null && !scope.coversOrgUnit(before.orgUnitId(), before.provinceCode())) {
                problems.add(new Problem("national_id", "roster.import.error.otherSchool"));
            }
            RowStatus status;
            if (!problems.isEmpty()) {
                status = RowStatus.ERROR;
                errors++;
            } else if (before == null) {
                status = RowStatus.CREATE;
                creates++;
            } else if (before.equals(parsed)) {
                status = RowStatus.UNCHANGED;
                unchanged++;
            } else {
                status = RowStatus.UPDATE;
                updates++;
            }
            rows.add(new Row(record.line(), v, status, problems));
            if (parsed != null) {
                values.add(parsed);
            }
        }
        return new Checked(new Preview(null, null, rows, creates, updates, unchanged, errors, charset),
                errors == 0 ? values : List.of());
    }

    /** Checks one row of the right length; adds its problems and returns its values, or null when it has problems. */
    private static Values parse(List<String> v, Map<String, OrgUnit> units, AreaScope scope, LocalDate today,
                                List<Problem> problems) {
        int before = problems.size();
        String nationalId = null;
        String rawId = v.get(0).strip();
        if (SCIENTIFIC.matcher(rawId).matches()) {
            problems.add(new Problem("national_id", "roster.import.error.nationalIdAsNumber"));
        } else {
            try {
                nationalId = NationalId.of(rawId).value();
            } catch (InvalidValueException e) {
                problems.add(new Problem("national_id", e.messageKey()));
            }
        }
        String title = v.get(1).strip();
        if (title.length() > MAX_TITLE) {
            problems.add(new Problem("title", "roster.import.error.tooLong", List.of(MAX_TITLE)));
        }
        String firstName = name(v.get(2), "first_name", "roster.import.error.firstNameRequired", problems);
        String lastName = name(v.get(3), "last_name", "roster.import.error.lastNameRequired", problems);
        LocalDate birthDate = null;
        if (v.get(4).isBlank()) {
            problems.add(new Problem("birth_date", "roster.import.error.birthDateRequired"));
        } else {
            try {
                birthDate = BuddhistDate.parse(v.get(4));
                if (birthDate.isAfter(today)) {
                    problems.add(new Problem("birth_date", "roster.import.error.birthDateFuture"));
                }
            } catch (InvalidValueException e) {
                problems.add(new Problem("birth_date", e.messageKey()));
            }
        }
        Optional<Sex> sex = sex(v.get(5));
        if (sex.isEmpty()) {
            problems.add(new Problem("sex", "roster.import.error.sex"));
        }
        Optional<GradeLevel> grade = GradeLevel.parse(v.get(6));
        if (grade.isEmpty()) {
            problems.add(new Problem("grade_level", "roster.import.error.gradeLevel"));
        }
        String code = v.get(7).strip();
        OrgUnit unit = units.get(code);
        if (code.isEmpty()) {
            problems.add(new Problem("org_unit_code", "roster.import.error.unitRequired"));
        } else if (unit == null) {
            problems.add(new Problem("org_unit_code", "roster.import.error.unknownUnit"));
        } else if (!scope.coversOrgUnit(unit.getId(), unit.getProvinceCode())) {
            problems.add(new Problem("org_unit_code", "roster.import.error.notYourUnit"));
        } else if (!unit.isActive()) {
            problems.add(new Problem("org_unit_code", "roster.import.error.unitInactive"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Values(nationalId, title.isEmpty() ? null : title, firstName, lastName, birthDate, sex.get(), grade.get(),
                unit.getId(), unit.getProvinceCode());
    }

    private static String name(String raw, String field, String requiredKey, List<Problem> problems) {
        String s = raw.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            problems.add(new Problem(field, requiredKey));
        } else if (s.length() > MAX_NAME) {
            problems.add(new Problem(field, "roster.import.error.tooLong", List.of(MAX_NAME)));
        }
        return s;
    }

    /** M/F, MALE/FEMALE (any case), ช/ญ or ชาย/หญิง. */
    static Optional<Sex> sex(String raw) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        switch (s) {
            case "M":
            case "MALE":
            case "ช":
            case "ชาย":
                return Optional.of(Sex.MALE);
            case "F":
            case "FEMALE":
            case "ญ":
            case "หญิง":
                return Optional.of(Sex.FEMALE);
            default:
                return Optional.empty();
        }
    }

    private Map<String, Values> existing(Set<String> nationalIds, boolean lock) {
        Map<String, Values> found = new HashMap<>();
        if (nationalIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                SELECT national_id, title, first_name, last_name, birth_date, sex, grade_level, org_unit_id, province_code
                FROM child WHERE national_id = ANY (?::varchar[])""" + (lock ? " FOR UPDATE" : ""),
                rs -> {
                    Optional<GradeLevel> grade = GradeLevel.parse(rs.getString("grade_level"));
                    Values v = new Values(rs.getString("national_id"), rs.getString("title"), rs.getString("first_name"),
                            rs.getString("last_name"), rs.getObject("birth_date", LocalDate.class), Sex.valueOf(rs.getString("sex")),
                            grade.orElse(null), rs.getLong("org_unit_id"), rs.getString("province_code"));
                    found.put(v.nationalId(), v);
                }, (Object) nationalIds.toArray(String[]::new));
        return found;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
