package org.eduequity.organisation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnitManagement.OrgUnitData;
import org.eduequity.organisation.OrgUnitManagement.Problem;
import org.eduequity.shared.Csv;
import org.eduequity.shared.TextDecoding;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports organisation units from a CSV file in two steps. {@link #preview} reads and checks every row and
 * writes no unit; a file without errors is kept in {@code org_unit_import} under a random token. {@link #apply}
 * checks the kept file again and writes all its rows in one transaction, or none: a code that exists already
 * updates that unit (name, type, affiliation, subdistrict; its active flag is kept), a new code creates one.
 * A token is applied at most once; a second apply changes nothing. Kept files that were never applied are
 * removed after a day.
 */
@Service
@Transactional
public class OrgUnitImport {

    /** The largest file accepted, in bytes (5 MB). */
    public static final long MAX_BYTES = 5L * 1024 * 1024;
    /** The most data rows a file may have. */
    public static final int MAX_ROWS = 20_000;
    /** The header row, in this order. */
    public static final List<String> HEADER = List.of("code", "name_th", "name_en", "type", "affiliation", "subdistrict_code");

    private static final Duration KEEP_UNAPPLIED = Duration.ofDays(1);

    private final OrgUnitManagement management;
    private final Geography geography;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    OrgUnitImport(OrgUnitManagement management, Geography geography, AuditLog audit, JdbcTemplate jdbc, Clock clock) {
        this.management = management;
        this.geography = geography;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a row will do. */
    public enum RowStatus {
        CREATE, UPDATE, ERROR
    }

    /** One data row of the file: its line number, its values as written, what it will do and its problems. */
    public record Row(int line, List<String> values, RowStatus status, List<Problem> problems) {
        public Row {
            values = List.copyOf(values);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The checked file. {@code fileProblem} is set when the file as a whole cannot be read (then there are no
     * rows); {@code token} is set only when every row is valid and the file may be applied.
     */
    public record Preview(UUID token, Problem fileProblem, List<Row> rows, int creates, int updates, int errors) {
        public Preview {
            rows = List.copyOf(rows);
        }

        static Preview ofFileProblem(String messageKey, Object... args) {
            return new Preview(null, new Problem("file", messageKey, List.of(args)), List.of(), 0, 0, 0);
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
        /** All rows were written. */
        APPLIED,
        /** The token was applied before; nothing was written now. */
        ALREADY_APPLIED,
        /** No such token for this user (never issued, or expired). */
        NOT_FOUND,
        /** The rows are no longer valid (the data changed since the preview); nothing was written. */
        INVALID
    }

    /** The result of {@link #apply}; {@code preview} holds the rows' problems when the outcome is INVALID. */
    public record Applied(Outcome outcome, int created, int updated, Preview preview) {
    }

    /** Reads and checks the file; writes no unit. */
    @PreAuthorize("hasRole('ADMIN')")
    public Preview preview(byte[] content) {
        Preview preview = read(content);
        if (preview.fileProblem() == null && preview.errors() == 0) {
            UUID token = UUID.randomUUID();
            Instant now = Instant.now(clock);
            jdbc.update("DELETE FROM org_unit_import WHERE applied_at IS NULL AND created_at < ?", utc(now.minus(KEEP_UNAPPLIED)));
            jdbc.update("INSERT INTO org_unit_import (id, created_by, created_at, content, row_count) VALUES (?, ?, ?, ?, ?)",
                    token, currentActor(), utc(now), decode(content), preview.total());
            return new Preview(token, null, preview.rows(), preview.creates(), preview.updates(), 0);
        }
        return preview;
    }

    /** Checks the kept file again and writes all of its rows, or none. */
    @PreAuthorize("hasRole('ADMIN')")
    public Applied apply(UUID token) {
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT created_by, content, applied_at FROM org_unit_import WHERE id = ? FOR UPDATE", token);
        if (found.isEmpty() || !currentActor().equals(found.get(0).get("created_by"))) {
            return new Applied(Outcome.NOT_FOUND, 0, 0, null);
        }
        if (found.get(0).get("applied_at") != null) {
            return new Applied(Outcome.ALREADY_APPLIED, 0, 0, null);
        }
        Preview preview = read(((String) found.get(0).get("content")).getBytes(StandardCharsets.UTF_8));
        if (preview.fileProblem() != null || preview.errors() > 0) {
            return new Applied(Outcome.INVALID, 0, 0, preview);
        }
        int n = preview.total();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            List<String> v = preview.rows().get(i).values();
            columns[0][i] = v.get(0).trim();
            columns[1][i] = v.get(1).trim();
            columns[2][i] = v.get(2).isBlank() ? null : v.get(2).trim();
            columns[3][i] = v.get(3).trim().toUpperCase(Locale.ROOT);
            columns[4][i] = v.get(4).trim().toUpperCase(Locale.ROOT);
            columns[5][i] = v.get(5).trim();
        }
        OffsetDateTime now = utc(Instant.now(clock));
        AuditLog.Who who = audit.who();
        // one statement writes the units and, per unit, its CREATE or UPDATE audit entry
        List<Boolean> inserted = jdbc.query("""
                WITH up AS (
                    INSERT INTO org_unit (code, name_th, name_en, type, affiliation, subdistrict_code, district_code, province_code,
                                          created_at, updated_at)
                    SELECT u.code, u.name_th, u.name_en, u.type, u.affiliation, u.sd, substr(u.sd, 1, 4), substr(u.sd, 1, 2), ?, ?
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])
                         AS u(code, name_th, name_en, type, affiliation, sd)
                    ON CONFLICT (code) DO UPDATE SET name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en, type = EXCLUDED.type,
                        affiliation = EXCLUDED.affiliation, subdistrict_code = EXCLUDED.subdistrict_code,
                        district_code = EXCLUDED.district_code, province_code = EXCLUDED.province_code,
                        updated_at = EXCLUDED.updated_at, version = org_unit.version + 1
                    RETURNING id, code, (xmax = 0) AS inserted),
                audited AS (
                    INSERT INTO audit_log (at, actor, action, entity_type, entity_id, detail, remote_addr)
                    SELECT ?, ?, CASE WHEN inserted THEN 'CREATE' ELSE 'UPDATE' END, 'OrgUnit', id::text,
                           code || ' (CSV import ' || ? || ')', ?
                    FROM up)
                SELECT inserted FROM up""",
                (rs, i) -> rs.getBoolean("inserted"),
                now, now, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5],
                now, who.actor(), token.toString(), who.remoteAddr());
        int created = (int) inserted.stream().filter(Boolean::booleanValue).count();
        int updated = inserted.size() - created;
        jdbc.update("UPDATE org_unit_import SET applied_at = ?, created_count = ?, updated_count = ? WHERE id = ?",
                now, created, updated, token);
        audit.record(AuditAction.IMPORT, "OrgUnit", token,
                "CSV import: rows=" + n + ", created=" + created + ", updated=" + updated);
        return new Applied(Outcome.APPLIED, created, updated, null);
    }

    /** Decodes, parses and checks a file. */
    Preview read(byte[] content) {
        if (content == null || content.length == 0) {
            return Preview.ofFileProblem("orgUnit.import.error.empty");
        }
        if (content.length > MAX_BYTES) {
            return Preview.ofFileProblem("orgUnit.import.error.tooLarge", MAX_BYTES / (1024 * 1024));
        }
        String text;
        try {
            text = decode(content);
        } catch (IllegalArgumentException e) {
            return Preview.ofFileProblem("orgUnit.import.error.encoding");
        }
        List<Csv.Record> records;
        try {
            records = Csv.parse(text, MAX_ROWS + 1);
        } catch (Csv.SyntaxException e) {
            return Preview.ofFileProblem("orgUnit.import.error.syntax", e.line());
        } catch (Csv.TooManyRecordsException e) {
            return Preview.ofFileProblem("orgUnit.import.error.tooManyRows", MAX_ROWS);
        }
        if (records.isEmpty()) {
            return Preview.ofFileProblem("orgUnit.import.error.empty");
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        if (!header.equals(HEADER)) {
            return Preview.ofFileProblem("orgUnit.import.error.header", String.join(",", HEADER));
        }
        if (records.size() == 1) {
            return Preview.ofFileProblem("orgUnit.import.error.noRows");
        }
        return check(records.subList(1, records.size()));
    }

    private Preview check(List<Csv.Record> records) {
        Set<String> subdistricts = geography.subdistrictCodes();
        Set<String> existing = existingCodes(records.stream()
                .filter(r -> r.fields().size() == HEADER.size())
                .map(r -> r.fields().get(0).trim()).filter(c -> !c.isEmpty()).distinct().toArray(String[]::new));
        Map<String, Integer> firstLineOfCode = new HashMap<>();
        List<Row> rows = new ArrayList<>(records.size());
        int creates = 0;
        int updates = 0;
        int errors = 0;
        for (Csv.Record record : records) {
            List<String> v = record.fields();
            List<Problem> problems = new ArrayList<>();
            String code = v.isEmpty() ? "" : v.get(0).trim();
            if (v.size() != HEADER.size()) {
                problems.add(new Problem("row", "orgUnit.import.error.columnCount", List.of(HEADER.size(), v.size())));
            } else {
                OrgUnitType type = null;
                if (!v.get(3).isBlank()) {
                    type = parse(OrgUnitType.class, v.get(3));
                    if (type == null) {
                        problems.add(new Problem("type", "orgUnit.import.error.unknownType"));
                    }
                }
                Affiliation affiliation = null;
                if (!v.get(4).isBlank()) {
                    affiliation = parse(Affiliation.class, v.get(4));
                    if (affiliation == null) {
                        problems.add(new Problem("affiliation", "orgUnit.import.error.unknownAffiliation"));
                    }
                }
                Set<String> fieldsWithProblems = new HashSet<>();
                problems.forEach(p -> fieldsWithProblems.add(p.field()));
                management.check(new OrgUnitData(code, v.get(1), v.get(2), type, affiliation, v.get(5)), subdistricts::contains)
                        .stream().filter(p -> !fieldsWithProblems.contains(p.field())).forEach(problems::add);
            }
            if (!code.isEmpty()) {
                Integer first = firstLineOfCode.putIfAbsent(code, record.line());
                if (first != null) {
                    problems.add(new Problem("code", "orgUnit.import.error.duplicateInFile", List.of(first)));
                }
            }
            RowStatus status;
            if (!problems.isEmpty()) {
                status = RowStatus.ERROR;
                errors++;
            } else if (existing.contains(code)) {
                status = RowStatus.UPDATE;
                updates++;
            } else {
                status = RowStatus.CREATE;
                creates++;
            }
            rows.add(new Row(record.line(), v, status, problems));
        }
        return new Preview(null, null, rows, creates, updates, errors);
    }

    private Set<String> existingCodes(String[] codes) {
        if (codes.length == 0) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("SELECT code FROM org_unit WHERE code = ANY (?::varchar[])", String.class,
                (Object) codes));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Strict UTF-8, without a leading byte-order mark; throws IllegalArgumentException on other encodings. */
    private static String decode(byte[] content) {
        return TextDecoding.utf8(content);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }
}
