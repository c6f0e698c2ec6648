package org.eduequity.outofschool;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.web.NotFoundException;
import org.eduequity.survey.Children;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The found children and youth: recorded by area workers and non-formal-education teachers in their subdistricts,
 * with the duplicates the record may be and the in-school flag; listed and grouped within the caller's area; merged
 * as duplicates. Every read and write applies the caller's {@link AreaScope} in its SQL.
 */
@Service
@Transactional
public class FoundChildren {

    /** Who may record a found child (a teacher only in a non-formal-education centre's subdistrict, by scope). */
    static final String RECORDERS = "hasAnyRole('AREA_WORKER', 'TEACHER', 'ADMIN')";
    /** Who may read found children (each within their area). */
    static final String READERS = "hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN')";
    /** Who may see a province's groups. */
    static final String GROUP_READERS = "hasAnyRole('PROVINCE', 'FUND', 'ADMIN')";
    /** Who may merge a record into another. */
    static final String MERGERS = "hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')";

    /** Most rows one page of the list returns. */
    public static final int MAX_PAGE_SIZE = 1000;

    private static final String COLUMNS = """
            f.id, f.national_id, f.no_id_reason, f.first_name, f.last_name, f.birth_date, f.sex, f.house_no, f.village_no,
            f.subdistrict_code, f.district_code, f.province_code, f.lat, f.lon, f.guardian_phone, f.situation, f.highest_grade,
            f.left_school_on, f.reasons, f.needs, f.notes, f.surveyed_on, f.age_years, f.age_band, f.status, f.merged_into,
            f.merge_reason, f.not_duplicate_reason, f.recorded_by, f.recorded_at, f.version""";

    private final JdbcTemplate jdbc;
    private final FindingValidator validator;
    private final CurrentArea area;
    private final CurrentUser currentUser;
    private final Children children;
    private final AuditLog audit;
    private final Clock clock;

    FoundChildren(JdbcTemplate jdbc, FindingValidator validator, CurrentArea area, CurrentUser currentUser, Children children,
                  AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.validator = validator;
        this.area = area;
        this.currentUser = currentUser;
        this.children = children;
        this.audit = audit;
        this.clock = clock;
    }

    /** Which rule made a record a possible duplicate. */
    public enum DuplicateRule {
        /** The same national id or G-code, anywhere. */
        SAME_ID,
        /** The same subdistrict and birth date, and the same names once titles and spaces are taken off. */
        SAME_NAMES,
        /** The same subdistrict and birth date, and names nearly equal. */
        SIMILAR_NAMES
    }

    /**
     * A record that may be the same person. Names and birth date are shown only when the record is in the caller's
     * area (a record of the same id elsewhere shows where and when it was found).
     */
    public record PossibleDuplicate(long id, DuplicateRule rule, FoundStatus status, String firstName, String lastName,
                                    LocalDate birthDate, String subdistrictCode, LocalDate surveyedOn, boolean visible) {
    }

    /** What recording answers: the record, its status and age band, and its possible duplicates. */
    public record Receipt(long id, FoundStatus status, AgeBand ageBand, List<PossibleDuplicate> possibleDuplicates, boolean created) {
    }

    /** What the duplicate check compares: any of the fields may be missing. */
    public record Probe(String nationalId, String firstName, String lastName, LocalDate birthDate, String subdistrictCode) {
    }

    /** A found record as read. */
    public record FoundChild(long id, String nationalId, String noIdReason, String firstName, String lastName, LocalDate birthDate,
                             String sex, String houseNo, Integer villageNo, String subdistrictCode, String districtCode,
                             String provinceCode, java.math.BigDecimal lat, java.math.BigDecimal lon, String guardianPhone,
                             String situation, String highestGrade, LocalDate leftSchoolOn, List<Reason> reasons, List<Need> needs,
                             String notes, LocalDate surveyedOn, int ageYears, AgeBand ageBand, FoundStatus status, Long mergedInto,
                             String mergeReason, String notDuplicateReason, String recordedBy, Instant recordedAt, long version) {

        public String fullName() {
            return firstName + " " + lastName;
        }
    }

    /**
     * The list's filters; province is required, the others optional. {@code outOfSchoolOnly}: FOUND and VERIFIED only
     * (a group of the grouping screen), not those in school or merged.
     */
    public record Filter(String provinceCode, String districtCode, String subdistrictCode, AgeBand ageBand, Need need,
                         FoundStatus status, boolean outOfSchoolOnly) {

        public Filter withOutOfSchoolOnly() {
            return new Filter(provinceCode, districtCode, subdistrictCode, ageBand, need, status, true);
        }
    }

    /** One page of the list. */
    public record Page(List<FoundChild> rows, long total, int page, int size) {
    }

    // ------------------------------------------------------------------------------------------- recording

    /**
     * Records a found child: 201-like receipt with its possible duplicates, or the first receipt again for an
     * externalId seen before (nothing is recorded twice). The subdistrict must be in the caller's area.
     */
    @PreAuthorize(RECORDERS)
    public Receipt record(FoundChildDocument document) {
        return record(document, false);
    }

    /** Checks a found record without recording it: a {@link FindingRejectedException} (INVALID) with every problem. */
    @PreAuthorize(RECORDERS)
    @Transactional(readOnly = true)
    public void check(FoundChildDocument document) {
        validator.check(document);
    }

    /** Possible duplicates were found and the record did not say why it is a different person: nothing was recorded. */
    public static class PossibleDuplicatesException extends RuntimeException {
        private final List<PossibleDuplicate> duplicates;

        PossibleDuplicatesException(List<PossibleDuplicate> duplicates) {
            super("possible duplicates: " + duplicates.size());
            this.duplicates = List.copyOf(duplicates);
        }

        public List<PossibleDuplicate> duplicates() {
            return duplicates;
        }
    }

    /**
     * Records a found child from the form: when it may be the same person as a record already there and no reason is
     * given why it is a different person, nothing is recorded and {@link PossibleDuplicatesException} names them.
     */
    @PreAuthorize(RECORDERS)
    public Receipt recordConfirmingDuplicates(FoundChildDocument document) {
        return record(document, true);
    }

    private Receipt record(FoundChildDocument document, boolean reasonForDuplicates) {
        FindingValidator.Data d = validator.check(document);
        AreaScope scope = area.scope();
        if (d.externalId() != null) {
            Optional<Receipt> earlier = byExternalId(d.externalId(), scope);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (!scope.coversSubdistrict(d.subdistrict().code())) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.FORBIDDEN, "address.subdistrictCode", "finding.error.outsideArea");
        }
        List<PossibleDuplicate> duplicates = possibleDuplicates(scope, new Probe(d.nationalId() == null ? null : d.nationalId().value(),
                d.firstName(), d.lastName(), d.birthDate(), d.subdistrict().code()), null);
        if (reasonForDuplicates && !duplicates.isEmpty() && d.notDuplicateReason() == null) {
            throw new PossibleDuplicatesException(duplicates);
        }
        FoundStatus status = d.nationalId() != null && children.isOnCurrentRoster(d.nationalId()) ? FoundStatus.IN_SCHOOL : FoundStatus.FOUND;
        String user = username();
        Instant now = Instant.now(clock);
        List<Long> ids = jdbc.query("""
                INSERT INTO found_child (external_id, national_id, no_id_reason, first_name, last_name, name_key, birth_date, sex,
                    house_no, village_no, subdistrict_code, district_code, province_code, lat, lon, guardian_phone, situation,
                    highest_grade, left_school_on, reasons, needs, notes, surveyed_on, age_years, age_band, status,
                    not_duplicate_reason, recorded_by, recorded_at, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::varchar(30)[], ?::varchar(30)[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (external_id) DO NOTHING
                RETURNING id""", (rs, i) -> rs.getLong(1),
                d.externalId(), d.nationalId() == null ? null : d.nationalId().value(), d.noIdReason(), d.firstName(), d.lastName(),
                d.nameKey(), d.birthDate(), d.sex(), d.houseNo(), d.villageNo(), d.subdistrict().code(), d.subdistrict().districtCode(),
                d.subdistrict().provinceCode(), d.lat(), d.lon(), d.guardianPhone(), d.situation(),
                d.highestGrade() == null ? null : d.highestGrade().name(), d.leftSchoolOn(), names(d.reasons()), names(d.needs()),
                d.notes(), d.surveyedOn(), d.ageYears(), d.ageBand().label(), status.name(),
                duplicates.isEmpty() ? null : d.notDuplicateReason(), user, Timestamp.from(now), user, Timestamp.from(now));
        if (ids.isEmpty()) {
            // a concurrent request with the same externalId got there first
            return byExternalId(d.externalId(), scope).orElseThrow();
        }
        long id = ids.get(0);
        audit.record(AuditAction.CREATE, "FoundChild", id, "status=" + status + (duplicates.isEmpty() ? ""
                : " possibleDuplicates=" + duplicates.stream().map(p -> p.id() + ":" + p.rule()).toList()));
        return new Receipt(id, status, d.ageBand(), duplicates, true);
    }

    /**
     * Edits a found record from the form (docs/out-of-school.md "Editing a record"): the same checks as recording, within the
     * caller's area (the record's subdistrict and the new one), at the version the user saw (else
     * {@link ObjectOptimisticLockingFailureException}); the duplicates are looked for again (the record itself left out) and,
     * when there are some and no reason why this is a different person, nothing changes and {@link PossibleDuplicatesException}
     * names them. The status follows the id: on a school roster IN_SCHOOL, otherwise FOUND (VERIFIED stays VERIFIED). A
     * merged record is not edited. The record's cases move with it to a new subdistrict. Audited with the fields changed.
     */
    @PreAuthorize(RECORDERS)
    public Receipt update(long id, long expectedVersion, FoundChildDocument document) {
        FoundChild before = get(id);
        FindingValidator.Data d = validator.check(document);
        AreaScope scope = area.scope();
        if (!scope.coversSubdistrict(d.subdistrict().code())) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.FORBIDDEN, "address.subdistrictCode", "finding.error.outsideArea");
        }
        if (before.status() == FoundStatus.DUPLICATE) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "id", "finding.error.alreadyMerged");
        }
        List<PossibleDuplicate> duplicates = possibleDuplicates(scope, new Probe(d.nationalId() == null ? null : d.nationalId().value(),
                d.firstName(), d.lastName(), d.birthDate(), d.subdistrict().code()), id);
        if (!duplicates.isEmpty() && d.notDuplicateReason() == null) {
            throw new PossibleDuplicatesException(duplicates);
        }
        FoundStatus status = d.nationalId() != null && children.isOnCurrentRoster(d.nationalId()) ? FoundStatus.IN_SCHOOL
                : before.status() == FoundStatus.IN_SCHOOL ? FoundStatus.FOUND : before.status();
        int updated = jdbc.update("""
                UPDATE found_child SET national_id = ?, no_id_reason = ?, first_name = ?, last_name = ?, name_key = ?, birth_date = ?, sex = ?,
                    house_no = ?, village_no = ?, subdistrict_code = ?, district_code = ?, province_code = ?, lat = ?, lon = ?,
                    guardian_phone = ?, situation = ?, highest_grade = ?, left_school_on = ?, reasons = ?::varchar(30)[],
                    needs = ?::varchar(30)[], notes = ?, surveyed_on = ?, age_years = ?, age_band = ?, status = ?, not_duplicate_reason = ?,
                    updated_by = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ? AND status <> 'DUPLICATE'""",
                d.nationalId() == null ? null : d.nationalId().value(), d.noIdReason(), d.firstName(), d.lastName(), d.nameKey(),
                d.birthDate(), d.sex(), d.houseNo(), d.villageNo(), d.subdistrict().code(), d.subdistrict().districtCode(),
                d.subdistrict().provinceCode(), d.lat(), d.lon(), d.guardianPhone(), d.situation(),
                d.highestGrade() == null ? null : d.highestGrade().name(), d.leftSchoolOn(), names(d.reasons()), names(d.needs()), d.notes(),
                d.surveyedOn(), d.ageYears(), d.ageBand().label(), status.name(), duplicates.isEmpty() ? null : d.notDuplicateReason(),
                username(), Timestamp.from(Instant.now(clock)), id, expectedVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("FoundChild", id);
        }
        if (!before.subdistrictCode().equals(d.subdistrict().code())) {
            jdbc.update("UPDATE oos_case SET province_code = ?, district_code = ?, subdistrict_code = ? WHERE found_child_id = ?",
                    d.subdistrict().provinceCode(), d.subdistrict().districtCode(), d.subdistrict().code(), id);
        }
        FoundChild after = get(id);
        List<String> changed = new ArrayList<>();
        Object[][] pairs = {{"nationalId", before.nationalId(), after.nationalId()}, {"noIdReason", before.noIdReason(), after.noIdReason()},
                {"firstName", before.firstName(), after.firstName()}, {"lastName", before.lastName(), after.lastName()},
                {"birthDate", before.birthDate(), after.birthDate()}, {"sex", before.sex(), after.sex()},
                {"houseNo", before.houseNo(), after.houseNo()}, {"villageNo", before.villageNo(), after.villageNo()},
                {"subdistrictCode", before.subdistrictCode(), after.subdistrictCode()}, {"lat", before.lat(), after.lat()},
                {"lon", before.lon(), after.lon()}, {"guardianPhone", before.guardianPhone(), after.guardianPhone()},
                {"situation", before.situation(), after.situation()}, {"highestGrade", before.highestGrade(), after.highestGrade()},
                {"leftSchoolOn", before.leftSchoolOn(), after.leftSchoolOn()}, {"reasons", before.reasons(), after.reasons()},
                {"needs", before.needs(), after.needs()}, {"notes", before.notes(), after.notes()},
                {"surveyedOn", before.surveyedOn(), after.surveyedOn()}, {"status", before.status(), after.status()}};
        for (Object[] p : pairs) {
            if (!java.util.Objects.equals(p[1] instanceof BigDecimal b1 ? b1.stripTrailingZeros() : p[1],
                    p[2] instanceof BigDecimal b2 ? b2.stripTrailingZeros() : p[2])) {
                changed.add((String) p[0]);
            }
        }
        audit.record(AuditAction.UPDATE, "FoundChild", id, "edited: " + changed + (duplicates.isEmpty() ? ""
                : " possibleDuplicates=" + duplicates.stream().map(p -> p.id() + ":" + p.rule()).toList()));
        return new Receipt(id, status, d.ageBand(), duplicates, false);
    }

    private Optional<Receipt> byExternalId(String externalId, AreaScope scope) {
        List<Object[]> rows = jdbc.query("SELECT id, status, age_band, subdistrict_code, national_id, first_name, last_name, birth_date "
                        + "FROM found_child WHERE external_id = ?",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, LocalDate.class)}, externalId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        if (!scope.coversSubdistrict((String) r[3])) {
            // someone else's record carries this externalId
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "externalId", "finding.error.externalIdTaken");
        }
        long id = (Long) r[0];
        List<PossibleDuplicate> duplicates = possibleDuplicates(scope, new Probe((String) r[4], (String) r[5], (String) r[6],
                (LocalDate) r[7], (String) r[3]), id);
        return Optional.of(new Receipt(id, FoundStatus.valueOf((String) r[1]), AgeBand.parse((String) r[2]).orElseThrow(), duplicates, false));
    }

    /** The records the probe may be the same person as (at most ten), for the offers while typing. */
    @PreAuthorize(RECORDERS)
    @Transactional(readOnly = true)
    public List<PossibleDuplicate> possibleDuplicates(Probe probe) {
        return possibleDuplicates(area.scope(), probe, null);
    }

    /** As {@link #possibleDuplicates(Probe)}, leaving out one record (the one being edited). */
    @PreAuthorize(RECORDERS)
    @Transactional(readOnly = true)
    public List<PossibleDuplicate> possibleDuplicates(Probe probe, Long exclude) {
        return possibleDuplicates(area.scope(), probe, exclude);
    }

    /** A found record's externalId (within the caller's area). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public String externalIdOf(long id) {
        get(id);
        return jdbc.queryForObject("SELECT external_id FROM found_child WHERE id = ?", String.class, id);
    }

    /** The records a found record may be the same person as (its own page offers to merge it into one of them). */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public List<PossibleDuplicate> possibleDuplicatesOf(FoundChild child) {
        return possibleDuplicates(area.scope(), new Probe(child.nationalId(), child.firstName(), child.lastName(), child.birthDate(),
                child.subdistrictCode()), child.id());
    }

    /** Whether a national id or G-code is on a current school roster (the record would be IN_SCHOOL). */
    @PreAuthorize(RECORDERS)
    @Transactional(readOnly = true)
    public boolean onSchoolRoster(String nationalId) {
        return nationalId != null && NationalId.isValid(nationalId) && children.isOnCurrentRoster(NationalId.of(nationalId));
    }

    private List<PossibleDuplicate> possibleDuplicates(AreaScope scope, Probe p, Long exclude) {
        String nid = p.nationalId() == null || p.nationalId().isBlank() || !NationalId.isValid(p.nationalId()) ? null
                : NationalId.of(p.nationalId()).value();
        boolean byNames = p.birthDate() != null && p.subdistrictCode() != null && p.firstName() != null && p.lastName() != null
                && !p.firstName().isBlank() && !p.lastName().isBlank();
        if (nid == null && !byNames) {
            return List.of();
        }
        String key = byNames ? NameKey.of(p.firstName(), p.lastName()) : "";
        return jdbc.query("""
                SELECT f.id, f.status, f.first_name, f.last_name, f.birth_date, f.subdistrict_code, f.surveyed_on,
                       CASE WHEN f.national_id = ? THEN 'SAME_ID' WHEN f.name_key = ? THEN 'SAME_NAMES' ELSE 'SIMILAR_NAMES' END AS rule
                FROM found_child f
                WHERE f.status <> 'DUPLICATE' AND f.id <> ?
                  AND (f.national_id = ?
                       OR (? AND f.subdistrict_code = ? AND f.birth_date = ?
                           AND (f.name_key = ? OR similarity(f.name_key, ?) >= 0.5
                                OR levenshtein(f.name_key, ?) <= GREATEST(1, LEAST(2, char_length(?) / 6)))))
                ORDER BY rule, f.id
                LIMIT 10""", (rs, i) -> {
                    String subdistrict = rs.getString("subdistrict_code");
                    boolean visible = scope.coversSubdistrict(subdistrict);
                    return new PossibleDuplicate(rs.getLong("id"), DuplicateRule.valueOf(rs.getString("rule")),
                            FoundStatus.valueOf(rs.getString("status")), visible ? rs.getString("first_name") : null,
                            visible ? rs.getString("last_name") : null, visible ? rs.getObject("birth_date", LocalDate.class) : null,
                            subdistrict, rs.getObject("surveyed_on", LocalDate.class), visible);
                }, nid, key, exclude == null ? -1L : exclude, nid, byNames, p.subdistrictCode(), p.birthDate(), key, key, key, key);
    }

    // ------------------------------------------------------------------------------------------- reading

    /** One found record within the caller's area. */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public FoundChild get(long id) {
        FoundChild child = jdbc.query("SELECT " + COLUMNS + " FROM found_child f WHERE f.id = ?", ROW, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("found child " + id));
        if (!area.scope().coversSubdistrict(child.subdistrictCode())) {
            throw new AccessDeniedException("Found child " + id + " is outside the user's area");
        }
        return child;
    }

    /**
     * One page of the found children of a province within the caller's area, newest first. A province the caller's
     * area does not reach is refused.
     */
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    public Page list(Filter filter, int page, int size) {
        AreaScope scope = area.scope();
        requireReaches(scope, filter);
        List<Object> args = new ArrayList<>();
        String where = where(scope, filter, args);
        long total = jdbc.queryForObject("SELECT count(*) FROM found_child f WHERE " + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<FoundChild> rows = jdbc.query("SELECT " + COLUMNS + " FROM found_child f WHERE " + where
                + " ORDER BY f.recorded_at DESC, f.id DESC LIMIT ? OFFSET ?", ROW, pageArgs.toArray());
        return new Page(rows, total, page, size);
    }

    /** The records the current user recorded, newest first. */
    @PreAuthorize(RECORDERS)
    @Transactional(readOnly = true)
    public Page mine(int page, int size) {
        AreaScope scope = area.scope();
        AreaScope.SqlPredicate in = scope.sqlBySubdistrict("f.province_code", "f.subdistrict_code");
        List<Object> args = new ArrayList<>(in.args());
        args.add(username());
        String where = in.sql() + " AND f.recorded_by = ?";
        long total = jdbc.queryForObject("SELECT count(*) FROM found_child f WHERE " + where, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<FoundChild> rows = jdbc.query("SELECT " + COLUMNS + " FROM found_child f WHERE " + where
                + " ORDER BY f.recorded_at DESC, f.id DESC LIMIT ? OFFSET ?", ROW, args.toArray());
        return new Page(rows, total, page, size);
    }

    /**
     * Streams every found child matching the filter within the caller's area (for the exports), ordered by district,
     * subdistrict and name; never the whole province in memory.
     */
    @PreAuthorize(GROUP_READERS)
    @Transactional
    public void stream(Filter filter, Consumer<FoundChild> each) {
        AreaScope scope = area.scope();
        requireReaches(scope, filter);
        audit.record(AuditAction.EXPORT, "FoundChild", filter.provinceCode(), "filter=" + filter);
        List<Object> args = new ArrayList<>();
        String where = where(scope, filter, args);
        jdbc.query(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement("SELECT " + COLUMNS + " FROM found_child f WHERE " + where
                    + " ORDER BY f.district_code, f.subdistrict_code, f.first_name, f.last_name, f.id");
            ps.setFetchSize(500);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            each.accept(ROW.mapRow(rs, 0));
        });
    }

    private static void requireReaches(AreaScope scope, Filter filter) {
        if (!scope.touchesProvince(filter.provinceCode())) {
            throw new AccessDeniedException("Province " + filter.provinceCode() + " is outside the user's area");
        }
        if (filter.subdistrictCode() != null && !scope.coversSubdistrict(filter.subdistrictCode()) && !scope.coversProvince(filter.provinceCode())) {
            throw new AccessDeniedException("Subdistrict " + filter.subdistrictCode() + " is outside the user's area");
        }
    }

    private static String where(AreaScope scope, Filter f, List<Object> args) {
        AreaScope.SqlPredicate in = scope.sqlBySubdistrict("f.province_code", "f.subdistrict_code");
        StringBuilder sql = new StringBuilder("f.province_code = ? AND ").append(in.sql());
        args.add(f.provinceCode());
        args.addAll(in.args());
        if (f.districtCode() != null) {
            sql.append(" AND f.district_code = ?");
            args.add(f.districtCode());
        }
        if (f.subdistrictCode() != null) {
            sql.append(" AND f.subdistrict_code = ?");
            args.add(f.subdistrictCode());
        }
        if (f.ageBand() != null) {
            sql.append(" AND f.age_band = ?");
            args.add(f.ageBand().label());
        }
        if (f.need() != null) {
            sql.append(" AND ?::varchar(30) = ANY (f.needs)");
            args.add(f.need().name());
        }
        if (f.status() != null) {
            sql.append(" AND f.status = ?");
            args.add(f.status().name());
        }
        if (f.outOfSchoolOnly()) {
            sql.append(" AND f.status IN ('FOUND', 'VERIFIED')");
        }
        return sql.toString();
    }

    // ------------------------------------------------------------------------------------------- grouping

    /** One cell of the grouping: an age band, a need (null: none recorded) and an area (district, or subdistrict). */
    public record GroupCount(AgeBand ageBand, Need need, String areaCode, long count) {
    }

    /**
     * A province's found children grouped: the out-of-school ones (FOUND, VERIFIED) by age band × need × district (or
     * × subdistrict within one district); children by age band and by area (each child once); every record by status.
     */
    public record Groups(String provinceCode, String districtCode, List<GroupCount> cells, Map<AgeBand, Long> byAgeBand,
                         Map<String, Long> byArea, Map<String, Map<AgeBand, Long>> byAreaAndBand, Map<FoundStatus, Long> byStatus,
                         long outOfSchool) {

        /** Children of this area and age band (each once). */
        public long ofAreaAndBand(String areaCode, AgeBand band) {
            return byAreaAndBand.getOrDefault(areaCode, Map.of()).getOrDefault(band, 0L);
        }

        /** The largest count of an age band or a need, for scaling the chart's bars. */
        public long largest() {
            long max = 1;
            for (long n : byAgeBand.values()) {
                max = Math.max(max, n);
            }
            for (Need n : Need.values()) {
                max = Math.max(max, ofNeed(n));
            }
            return max;
        }

        /** The count of a cell, 0 when empty. */
        public long count(AgeBand band, Need need, String areaCode) {
            return cells.stream().filter(c -> c.ageBand() == band && c.need() == need && (areaCode == null || areaCode.equals(c.areaCode())))
                    .mapToLong(GroupCount::count).sum();
        }

        /** Children with this need (each once per need). */
        public long ofNeed(Need need) {
            return cells.stream().filter(c -> c.need() == need).mapToLong(GroupCount::count).sum();
        }

        /** Children of this age band with this need. */
        public long ofBandAndNeed(AgeBand band, Need need) {
            return count(band, need, null);
        }
    }

    /** The groups of a province (or one of its districts) within the caller's area. */
    @PreAuthorize(GROUP_READERS)
    @Transactional(readOnly = true)
    public Groups groups(String provinceCode, String districtCode) {
        AreaScope scope = area.scope();
        requireReaches(scope, new Filter(provinceCode, districtCode, null, null, null, null, false));
        List<Object> args = new ArrayList<>();
        String where = where(scope, new Filter(provinceCode, districtCode, null, null, null, null, false), args);
        String areaColumn = districtCode == null ? "f.district_code" : "f.subdistrict_code";
        String outOfSchool = where + " AND f.status IN ('FOUND', 'VERIFIED')";
        List<GroupCount> cells = jdbc.query("SELECT f.age_band, n.need, " + areaColumn + " AS area, count(*) FROM found_child f "
                        + "LEFT JOIN LATERAL unnest(f.needs) AS n(need) ON TRUE WHERE " + outOfSchool
                        + " GROUP BY f.age_band, n.need, " + areaColumn + " ORDER BY 3, 1, 2",
                (rs, i) -> new GroupCount(AgeBand.parse(rs.getString(1)).orElseThrow(), rs.getString(2) == null ? null : Need.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4)), args.toArray());
        Map<AgeBand, Long> byBand = new LinkedHashMap<>();
        for (AgeBand b : AgeBand.values()) {
            byBand.put(b, 0L);
        }
        jdbc.query("SELECT f.age_band, count(*) FROM found_child f WHERE " + outOfSchool + " GROUP BY f.age_band",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> byBand.put(AgeBand.parse(rs.getString(1)).orElseThrow(), rs.getLong(2)),
                args.toArray());
        Map<String, Long> byArea = new LinkedHashMap<>();
        jdbc.query("SELECT " + areaColumn + ", count(*) FROM found_child f WHERE " + outOfSchool + " GROUP BY 1 ORDER BY 1",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> byArea.put(rs.getString(1), rs.getLong(2)), args.toArray());
        Map<String, Map<AgeBand, Long>> byAreaAndBand = new LinkedHashMap<>();
        jdbc.query("SELECT " + areaColumn + ", f.age_band, count(*) FROM found_child f WHERE " + outOfSchool + " GROUP BY 1, 2 ORDER BY 1",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> byAreaAndBand.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(AgeBand.parse(rs.getString(2)).orElseThrow(), rs.getLong(3)), args.toArray());
        Map<FoundStatus, Long> byStatus = new LinkedHashMap<>();
        for (FoundStatus s : FoundStatus.values()) {
            byStatus.put(s, 0L);
        }
        jdbc.query("SELECT f.status, count(*) FROM found_child f WHERE " + where + " GROUP BY f.status",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> byStatus.put(FoundStatus.valueOf(rs.getString(1)), rs.getLong(2)),
                args.toArray());
        long total = byBand.values().stream().mapToLong(Long::longValue).sum();
        return new Groups(provinceCode, districtCode, cells, byBand, byArea, byAreaAndBand, byStatus, total);
    }

    // ------------------------------------------------------------------------------------------- merging

    /**
     * Marks a record as a duplicate of another (which keeps both histories): both must be in the caller's area, the
     * record not already merged, the other not itself a duplicate. A stale version is refused.
     */
    @PreAuthorize(MERGERS)
    public void mergeInto(long id, long intoId, long expectedVersion, String reason) {
        if (id == intoId) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.INVALID, "into", "finding.error.mergeSelf");
        }
        if (reason != null && reason.strip().length() > FindingValidator.MAX_TEXT) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.INVALID, "reason", "finding.error.tooLong", FindingValidator.MAX_TEXT);
        }
        FoundChild child = get(id);
        FoundChild into = get(intoId);
        if (child.status() == FoundStatus.DUPLICATE) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "id", "finding.error.alreadyMerged");
        }
        if (into.status() == FoundStatus.DUPLICATE) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "into", "finding.error.intoMerged");
        }
        int updated = jdbc.update("""
                UPDATE found_child SET status = 'DUPLICATE', merged_into = ?, merge_reason = ?, updated_by = ?, updated_at = ?,
                    version = version + 1
                WHERE id = ? AND version = ? AND status <> 'DUPLICATE'""",
                intoId, reason == null || reason.isBlank() ? null : reason.strip(), username(), Timestamp.from(Instant.now(clock)), id,
                expectedVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("FoundChild", id);
        }
        audit.record(AuditAction.UPDATE, "FoundChild", id, "merged into " + intoId);
    }

    /**
     * Marks a FOUND record VERIFIED (the province checked it): only from FOUND, within the caller's area, at the version
     * the user saw.
     */
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    public void verify(long id, long expectedVersion) {
        FoundChild child = get(id);
        if (child.status() != FoundStatus.FOUND) {
            throw FindingRejectedException.of(FindingRejectedException.Reason.CONFLICT, "status", "finding.error.notFound");
        }
        int updated = jdbc.update("""
                UPDATE found_child SET status = 'VERIFIED', updated_by = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ? AND status = 'FOUND'""", username(), Timestamp.from(Instant.now(clock)), id, expectedVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("FoundChild", id);
        }
        audit.record(AuditAction.UPDATE, "FoundChild", id, "verified");
    }

    private String username() {
        return currentUser.principal().map(p -> p.getUsername()).orElse("system");
    }

    private static String[] names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }

    static final RowMapper<FoundChild> ROW = FoundChildren::row;

    private static FoundChild row(ResultSet rs, int i) throws SQLException {
        Timestamp recordedAt = rs.getTimestamp("recorded_at");
        return new FoundChild(rs.getLong("id"), rs.getString("national_id"), rs.getString("no_id_reason"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getObject("birth_date", LocalDate.class), rs.getString("sex"), rs.getString("house_no"),
                (Integer) rs.getObject("village_no", Integer.class), rs.getString("subdistrict_code"), rs.getString("district_code"),
                rs.getString("province_code"), rs.getBigDecimal("lat"), rs.getBigDecimal("lon"), rs.getString("guardian_phone"),
                rs.getString("situation"), rs.getString("highest_grade"), rs.getObject("left_school_on", LocalDate.class),
                enums(Reason.class, rs.getArray("reasons")), enums(Need.class, rs.getArray("needs")), rs.getString("notes"),
                rs.getObject("surveyed_on", LocalDate.class), rs.getInt("age_years"), AgeBand.parse(rs.getString("age_band")).orElseThrow(),
                FoundStatus.valueOf(rs.getString("status")), (Long) rs.getObject("merged_into", Long.class), rs.getString("merge_reason"),
                rs.getString("not_duplicate_reason"), rs.getString("recorded_by"), recordedAt == null ? null : recordedAt.toInstant(),
                rs.getLong("version"));
    }

    private static <E extends Enum<E>> List<E> enums(Class<E> type, Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        EnumSet<E> set = EnumSet.noneOf(type);
        for (Object o : (Object[]) array.getArray()) {
            set.add(Enum.valueOf(type, (String) o));
        }
        return List.copyOf(set);
    }

    static String describe(Object[] values) {
        return Arrays.toString(values);
    }
}
