package org.eduequity.review;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.screening.Classification;
import org.eduequity.shared.AreaScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The list a province reviews: every student of the province and term whose household has a current screening
 * result, with the result, the evidence (photos, home position, evidence flags) and the review status; filtered,
 * sorted, paged, with the number of students per classification and review status. Set-based SQL from
 * {@code screening_current}; the caller's {@link AreaScope} is applied in the SQL as well.
 */
@Service
@Transactional(readOnly = true)
public class ReviewList {

    public static final int PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 1000;

    /** The flag a visit carries in the list when its required photos are not all there. */
    public static final String PHOTOS_MISSING = "PHOTOS_MISSING";

    /** True when the visit {@code v} has the photos a submission needs: exterior and interior, or the student at the school sign. */
    static final String PHOTOS_COMPLETE = """
            COALESCE((SELECT bool_or(p.kind = 'STUDENT_WITH_SCHOOL_SIGN') OR (bool_or(p.kind = 'EXTERIOR') AND bool_or(p.kind = 'INTERIOR'))
                      FROM visit_photo p WHERE p.visit_id = v.id), false)""";

    /** True when the visit {@code v} needs an override reason to be approved. */
    static final String FLAGGED = "(v.evidence_flags <> '{}' OR NOT " + PHOTOS_COMPLETE + ")";

    private static final String RANK = "CASE r.classification WHEN 'EXTREMELY_POOR' THEN 0 WHEN 'POOR' THEN 1 WHEN 'NOT_POOR' THEN 2 ELSE 3 END";

    /** How long the counts of a whole province's list are reused (decisions made here forget them at once). */
    static final long COUNTS_TTL_NANOS = 5_000_000_000L;

    private final JdbcTemplate jdbc;
    private final java.util.concurrent.ConcurrentMap<String, CountsEntry> wholeListCounts = new java.util.concurrent.ConcurrentHashMap<>();

    ReviewList(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The counts of a whole list, when they were counted, and whether someone is counting them again. */
    private static final class CountsEntry {
        volatile Counts counts;
        volatile long at;
        final java.util.concurrent.atomic.AtomicBoolean recounting = new java.util.concurrent.atomic.AtomicBoolean();
    }

    /**
     * Forgets the counts of a province's list once the current transaction commits (a decision changed them); other
     * application instances see the change within {@link #COUNTS_TTL_NANOS}.
     */
    void forgetCounts(String provinceCode, String term) {
        // an empty province code: the term's lists of every province
        Runnable forget = () -> wholeListCounts.keySet().removeIf(k -> provinceCode.isEmpty() ? k.contains("|" + term + "|")
                : k.startsWith(provinceCode + "|" + term + "|"));
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forget.run();
                        }
                    });
        }
        forget.run();
    }

    /**
     * What a page shows of its students {@code p} (visit, child, result figures, rank): the child, unit, home, evidence and
     * review state; the same for every way a page is found.
     */
    private static final String SHOWN = """
            SELECT p.*, c.national_id, c.title, c.first_name, c.last_name, u.id AS unit_id, u.code AS unit_code, u.name_th AS unit_th,
                   u.name_en AS unit_en, hh.subdistrict_code, hh.latitude, hh.longitude, v.evidence_flags,
                   %s AS photos_complete,
                   COALESCE(rv.status, 'PENDING') AS status, rv.reason_code, rv.reason_text, rv.override_reason,
                   rv.decided_by, rv.decided_at, COALESCE(rv.version, 0) AS review_version
            FROM p JOIN child c ON c.id = p.child_id
            JOIN home_visit v ON v.id = p.visit_id
            JOIN org_unit u ON u.id = v.org_unit_id
            JOIN household hh ON hh.id = v.household_id
            LEFT JOIN review rv ON rv.child_id = p.child_id AND rv.term = v.term""".formatted(PHOTOS_COMPLETE);

    /** The orders the list can be sorted in. */
    public enum Sort {
        /** The most in need first: class, hardship score (high first), per-capita income (low first). */
        NEED("rank, score DESC NULLS LAST, income NULLS LAST, visit_id, child_id"),
        /** Per-capita income, lowest first. */
        INCOME("income NULLS LAST, rank, child_id"),
        /** Hardship score, highest first. */
        SCORE("score DESC NULLS LAST, rank, child_id"),
        /** Organisation unit, then the most in need. */
        UNIT("unit_order, rank, score DESC NULLS LAST, child_id"),
        /** Review status (pending first), then the most in need. */
        STATUS("status_rank, rank, score DESC NULLS LAST, child_id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        public static Sort parse(String text) {
            if (text == null || text.isBlank()) {
                return NEED;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return NEED;
            }
        }
    }

    /** What to list: term and province are required; the rest are optional (null = any). */
    public record Filter(String term, String provinceCode, String districtCode, String subdistrictCode, String orgUnitCode,
                         Classification classification, ReviewStatus status, Boolean flagged, String nationalId) {

        public Filter {
            districtCode = blankToNull(districtCode);
            subdistrictCode = blankToNull(subdistrictCode);
            orgUnitCode = blankToNull(orgUnitCode);
            nationalId = nationalId == null || !org.eduequity.shared.NationalId.isValid(nationalId.strip()) ? null
                    : org.eduequity.shared.NationalId.of(nationalId.strip()).value();
        }

        /** The list of a province and term without any other filter. */
        public static Filter of(String term, String provinceCode) {
            return new Filter(term, provinceCode, null, null, null, null, null, null, null);
        }

        /** True when only province and term narrow the list (the counts then come from the narrow tables alone). */
        boolean onlyProvinceAndTerm() {
            return districtCode == null && subdistrictCode == null && orgUnitCode == null && flagged == null && nationalId == null;
        }

        public Filter withClassification(Classification c) {
            return new Filter(term, provinceCode, districtCode, subdistrictCode, orgUnitCode, c, status, flagged, nationalId);
        }

        public Filter withStatus(ReviewStatus s) {
            return new Filter(term, provinceCode, districtCode, subdistrictCode, orgUnitCode, classification, s, flagged, nationalId);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** A photo of the visit. */
    public record Photo(long id, String kind) {
    }

    /** One student of a screened household, with the review state. */
    public record Row(long childId, String nationalId, String title, String firstName, String lastName, long orgUnitId,
                      String orgUnitCode, String orgUnitNameTh, String orgUnitNameEn, String subdistrictCode, long visitId,
                      long resultId, Classification classification, BigDecimal perCapitaIncome, Integer hardshipScore,
                      ReviewStatus status, String reasonCode, String reasonText, String overrideReason, String decidedBy,
                      OffsetDateTime decidedAt, long reviewVersion, List<String> evidenceFlags, BigDecimal latitude,
                      BigDecimal longitude, List<Photo> photos) {

        public String fullName() {
            return (title == null || title.isBlank() ? "" : title + " ") + firstName + " " + lastName;
        }

        public String maskedNationalId() {
            return org.eduequity.shared.NationalId.of(nationalId).masked();
        }

        public boolean flagged() {
            return !evidenceFlags.isEmpty();
        }

        /** Whether this student can be approved at all (poor or extremely poor, and not waiting for a correction). */
        public boolean approvable() {
            return (classification == Classification.POOR || classification == Classification.EXTREMELY_POOR)
                    && status != ReviewStatus.RETURNED && status != ReviewStatus.APPROVED;
        }

        /** The per-capita income as the list shows it (1,234.50), or "-" (without a DecimalFormat made per card). */
        public String incomeText() {
            return perCapitaIncome == null ? "-" : org.eduequity.shared.Money.grouped(perCapitaIncome);
        }

        /** The home's position on OpenStreetMap (null without a position). */
        public String mapUrl() {
            return latitude == null || longitude == null ? null
                    : "https://www.openstreetmap.org/?mlat=" + latitude.toPlainString() + "&mlon=" + longitude.toPlainString() + "&zoom=16";
        }

        /** The child's page (within the application). */
        public String childPath() {
            return "/children/" + childId;
        }

        /** A photo of the visit (within the application); the thumbnail with {@code ?size=thumb}. */
        public String photoPath(Photo p) {
            return "/visits/" + visitId + "/photos/" + p.id();
        }

        /** The badge modifier of the classification, as screening/fragments :: classBadge draws it. */
        public String classBadgeModifier() {
            return switch (classification) {
                case EXTREMELY_POOR -> "badge-warn";
                case POOR -> "";
                case NOT_POOR -> "badge-ok";
                default -> "badge-muted";
            };
        }

        public String orgUnitName(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && orgUnitNameEn != null ? orgUnitNameEn : orgUnitNameTh;
        }

        Row withPhotos(List<Photo> p) {
            return new Row(childId, nationalId, title, firstName, lastName, orgUnitId, orgUnitCode, orgUnitNameTh, orgUnitNameEn,
                    subdistrictCode, visitId, resultId, classification, perCapitaIncome, hardshipScore, status, reasonCode, reasonText,
                    overrideReason, decidedBy, decidedAt, reviewVersion, evidenceFlags, latitude, longitude, p);
        }
    }

    /** Students per classification and review status, under every filter but those two. */
    public record Counts(Map<Classification, Map<ReviewStatus, Long>> byClassAndStatus) {

        public long of(Classification c, ReviewStatus s) {
            return byClassAndStatus.get(c).get(s);
        }

        /** Students of a class (of one status when given). */
        public long ofClass(Classification c, ReviewStatus status) {
            return byClassAndStatus.get(c).entrySet().stream().filter(e -> status == null || e.getKey() == status)
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** Students of a status (of one class when given). */
        public long ofStatus(ReviewStatus s, Classification c) {
            return byClassAndStatus.entrySet().stream().filter(e -> c == null || e.getKey() == c).mapToLong(e -> e.getValue().get(s)).sum();
        }

        public long matching(Classification c, ReviewStatus s) {
            long n = 0;
            for (Classification k : Classification.values()) {
                if (c == null || k == c) {
                    n += ofClass(k, s);
                }
            }
            return n;
        }

        public long total() {
            return matching(null, null);
        }
    }

    /** A page of the list with the counts and the number of students under the whole filter. */
    public record Page(List<Row> rows, Counts counts, long matching, int number, int size) {

        public int totalPages() {
            return (int) ((matching + size - 1) / size);
        }

        public boolean first() {
            return number == 0;
        }

        public boolean last() {
            return number >= totalPages() - 1;
        }
    }

    /** The page (from 0) of the list under the filter, within the scope, in the given order. */
    public Page list(AreaScope scope, Filter filter, Sort sort, int page, int size) {
        int number = Math.max(page, 0);
        int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        Counts counts = counts(scope, filter);
        long matching = counts.matching(filter.classification(), filter.status());
        List<Row> rows = List.of();
        if ((long) number * pageSize < matching && indexOrdered(scope, filter, sort)) {
            rows = withPhotos(indexOrderedPage(filter, number, pageSize));
        } else if ((long) number * pageSize < matching) {
            List<Object> args = new ArrayList<>();
            String where = where(scope, filter, true, args);
            args.add(pageSize);
            args.add((long) number * pageSize);
            rows = jdbc.query("""
                    WITH p AS (
                      SELECT vs.child_id, r.visit_id, r.result_id, r.classification, res.per_capita_income AS income,
                             res.hardship_score AS score, %s AS rank, u.code AS unit_order,
                             CASE COALESCE(rv.status, 'PENDING') WHEN 'PENDING' THEN 0 WHEN 'RETURNED' THEN 1 WHEN 'APPROVED' THEN 2 ELSE 3 END AS status_rank
                      %s
                      ORDER BY %s
                      LIMIT ? OFFSET ?
                    )
                    %s
                    ORDER BY %s"""
                    .formatted(RANK, fromFor(filter, true) + where, sort.orderBy, SHOWN,
                            sort.orderBy.replace("visit_id", "p.visit_id").replace("child_id", "p.child_id")),
                    (rs, i) -> row(rs), args.toArray());
            rows = withPhotos(rows);
        }
        return new Page(rows, counts, matching, number, pageSize);
    }

    /**
     * Whether the page can be read in the order of the list index: the most in need first, narrowed by nothing but the
     * class and the pending status, for a province or the whole country.
     */
    private static boolean indexOrdered(AreaScope scope, Filter f, Sort sort) {
        return sort == Sort.NEED && !(scope instanceof AreaScope.OrgUnits) && f.districtCode() == null && f.subdistrictCode() == null
                && f.orgUnitCode() == null && f.flagged() == null && f.nationalId() == null
                && (f.status() == null || f.status() == ReviewStatus.PENDING);
    }

    /** The students of the visit (alias {@code r}) still pending. */
    private static final String VISIT_PENDING_STUDENTS = """
            (SELECT count(*) FROM visit_student ps WHERE ps.visit_id = r.visit_id AND NOT EXISTS (
               SELECT 1 FROM review pr WHERE pr.child_id = ps.child_id AND pr.term = r.term AND pr.status <> 'PENDING'))""";

    /**
     * A page in the list index's order: per class (most in need first) the first visits by score and income, read from
     * {@code screening_current_list_ix} and stopping as soon as enough visits are found for the page. Each visit's students
     * (all of them, or its pending ones) are counted up in that order, so only the visits whose students fall on the page
     * are joined to their students — a handful, however deep the page. The same order as {@link Sort#NEED} over the
     * joined rows (a visit's students by child id).
     */
    private List<Row> indexOrderedPage(Filter f, int number, int size) {
        long offset = (long) number * size;
        long visits = offset + size;
        boolean pending = f.status() == ReviewStatus.PENDING;
        List<Object> args = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        int rank = 0;
        for (Classification c : List.of(Classification.EXTREMELY_POOR, Classification.POOR, Classification.NOT_POOR, Classification.INCOMPLETE)) {
            if (f.classification() == null || f.classification() == c) {
                branches.add(pending ? """
                        (SELECT r.visit_id, r.result_id, r.classification, r.hardship_score AS score, r.per_capita_income AS income, %d AS rank, k.n
                         FROM screening_current r CROSS JOIN LATERAL (SELECT %s AS n) k
                         WHERE r.province_code = ? AND r.term = ? AND r.classification = ? AND k.n > 0
                         ORDER BY r.hardship_score DESC NULLS LAST, r.per_capita_income NULLS LAST, r.visit_id LIMIT ?)"""
                        .formatted(rank, VISIT_PENDING_STUDENTS) : """
                        (SELECT r.visit_id, r.result_id, r.classification, r.hardship_score AS score, r.per_capita_income AS income, %d AS rank,
                                r.students AS n
                         FROM screening_current r WHERE r.province_code = ? AND r.term = ? AND r.classification = ?
                         ORDER BY r.hardship_score DESC NULLS LAST, r.per_capita_income NULLS LAST, r.visit_id LIMIT ?)"""
                        .formatted(rank));
                args.addAll(List.of(f.provinceCode(), f.term(), c.name(), visits));
            }
            rank++;
        }
        args.add(visits);
        args.add(offset);
        args.add(offset + size);
        if (pending) {
            args.add(f.term());
        }
        args.add(offset);
        args.add(offset + size);
        return jdbc.query("""
                WITH top AS (SELECT * FROM (%s) b LIMIT ?),
                upto AS (
                  SELECT top.*, sum(top.n) OVER (ORDER BY top.rank, top.score DESC NULLS LAST, top.income NULLS LAST, top.visit_id
                                                 ROWS UNBOUNDED PRECEDING) AS upto
                  FROM top
                ),
                p AS (
                  SELECT * FROM (
                    SELECT sel.visit_id, sel.result_id, sel.classification, sel.score, sel.income, sel.rank, vs.child_id,
                           sel.upto - sel.n - 1 + row_number() OVER (PARTITION BY sel.visit_id ORDER BY vs.child_id) AS position
                    FROM (SELECT * FROM upto WHERE upto.upto > ? AND upto.upto - upto.n < ?) sel
                    JOIN visit_student vs ON vs.visit_id = sel.visit_id
                    %s
                  ) students WHERE position >= ? AND position < ?
                )
                %s
                ORDER BY p.rank, p.score DESC NULLS LAST, p.income NULLS LAST, p.visit_id, p.child_id"""
                .formatted(String.join(" UNION ALL ", branches),
                        pending ? "WHERE NOT EXISTS (SELECT 1 FROM review x WHERE x.child_id = vs.child_id AND x.term = ? AND x.status <> 'PENDING')" : "",
                        SHOWN), (rs, i) -> row(rs), args.toArray());
    }

    /** The students per classification and review status under every filter but those two. */
    public Counts counts(AreaScope scope, Filter filter) {
        Map<Classification, Map<ReviewStatus, Long>> m = new EnumMap<>(Classification.class);
        for (Classification c : Classification.values()) {
            Map<ReviewStatus, Long> byStatus = new EnumMap<>(ReviewStatus.class);
            for (ReviewStatus s : ReviewStatus.values()) {
                byStatus.put(s, 0L);
            }
            m.put(c, byStatus);
        }
        Filter wide = filter.withClassification(null).withStatus(null);
        if (wide.onlyProvinceAndTerm() && !(scope instanceof AreaScope.OrgUnits)) {
            // the counts of a whole list are asked for by every page of every reviewer of the province: reused for a few seconds
            String key = filter.provinceCode() + "|" + filter.term() + "|" + (scope instanceof AreaScope.Province ? "P" : "N");
            CountsEntry e = wholeListCounts.computeIfAbsent(key, k -> new CountsEntry());
            Counts known = e.counts;
            if (known != null && (System.nanoTime() - e.at < COUNTS_TTL_NANOS || !e.recounting.compareAndSet(false, true))) {
                // fresh, or someone is counting them again right now: the last counts serve meanwhile (no stampede)
                return known;
            }
            try {
                synchronized (e) {
                    if (e.counts != null && e.counts != known) {
                        return e.counts;
                    }
                    long at = System.nanoTime();
                    Counts counts = wholeListCounts(scope, filter, m);
                    e.counts = counts;
                    e.at = at;
                    return counts;
                }
            } finally {
                e.recounting.set(false);
            }
        }
        List<Object> args = new ArrayList<>();
        String where = where(scope, wide, false, args);
        jdbc.query("SELECT r.classification, COALESCE(rv.status, 'PENDING'), count(*) " + fromFor(wide, false) + where
                + " GROUP BY 1, 2", rs -> {
                    m.get(Classification.valueOf(rs.getString(1))).put(ReviewStatus.valueOf(rs.getString(2)), rs.getLong(3));
                }, args.toArray());
        return new Counts(m);
    }

    private Counts wholeListCounts(AreaScope scope, Filter filter, Map<Classification, Map<ReviewStatus, Long>> m) {
        {
            // students per class from the narrow current table; the decided ones from the review; the rest pending
            List<Object> args = new ArrayList<>(List.of(filter.provinceCode(), filter.term()));
            AreaScope.SqlPredicate area = scope.sql("r.province_code", "NULL");
            args.addAll(area.args());
            jdbc.query("SELECT r.classification, sum(r.students) FROM screening_current r WHERE r.province_code = ? AND r.term = ? AND ("
                    + area.sql() + ") GROUP BY r.classification", rs -> {
                        m.get(Classification.valueOf(rs.getString(1))).put(ReviewStatus.PENDING, rs.getLong(2));
                    }, args.toArray());
            jdbc.query("""
                    SELECT r.classification, rv.status, count(*) FROM review rv JOIN screening_current r ON r.visit_id = rv.visit_id
                    WHERE rv.province_code = ? AND rv.term = ? AND rv.status <> 'PENDING' AND (%s)
                    GROUP BY r.classification, rv.status""".formatted(area.sql()), rs -> {
                        Map<ReviewStatus, Long> byStatus = m.get(Classification.valueOf(rs.getString(1)));
                        long n = rs.getLong(3);
                        byStatus.put(ReviewStatus.valueOf(rs.getString(2)), n);
                        byStatus.put(ReviewStatus.PENDING, byStatus.get(ReviewStatus.PENDING) - n);
                    }, args.toArray());
            return new Counts(m);
        }
    }

    /** {@code FROM …} of the students of current results, with what the filter and the page need. */
    private static String fromFor(Filter f, boolean page) {
        StringBuilder sql = new StringBuilder("""
                FROM screening_current r
                JOIN visit_student vs ON vs.visit_id = r.visit_id
                JOIN home_visit v ON v.id = r.visit_id
                LEFT JOIN review rv ON rv.child_id = vs.child_id AND rv.term = r.term""");
        if (page) {
            sql.append(" JOIN screening_result res ON res.id = r.result_id JOIN org_unit u ON u.id = v.org_unit_id");
        }
        if (f.districtCode() != null || f.subdistrictCode() != null) {
            sql.append(" JOIN household h ON h.id = v.household_id");
        }
        return sql.append('\n').toString();
    }

    /** {@code WHERE …} of the filter within the scope. */
    static String where(AreaScope scope, Filter f, boolean withClassAndStatus, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE r.province_code = ? AND r.term = ?");
        args.add(f.provinceCode());
        args.add(f.term());
        AreaScope.SqlPredicate area = scope.sql("r.province_code", "v.org_unit_id");
        sql.append(" AND (").append(area.sql()).append(")");
        args.addAll(area.args());
        if (withClassAndStatus && f.classification() != null) {
            sql.append(" AND r.classification = ?");
            args.add(f.classification().name());
        }
        if (withClassAndStatus && f.status() != null) {
            sql.append(" AND COALESCE(rv.status, 'PENDING') = ?");
            args.add(f.status().name());
        }
        if (f.subdistrictCode() != null) {
            sql.append(" AND h.subdistrict_code = ?");
            args.add(f.subdistrictCode());
        }
        if (f.districtCode() != null) {
            sql.append(" AND left(h.subdistrict_code, 4) = ?");
            args.add(f.districtCode());
        }
        if (f.orgUnitCode() != null) {
            sql.append(" AND v.org_unit_id = (SELECT id FROM org_unit WHERE code = ?)");
            args.add(f.orgUnitCode());
        }
        if (f.flagged() != null) {
            sql.append(f.flagged() ? " AND " : " AND NOT ").append(FLAGGED);
        }
        if (f.nationalId() != null) {
            sql.append(" AND vs.child_id = (SELECT id FROM child WHERE national_id = ?)");
            args.add(f.nationalId());
        }
        return sql.toString();
    }

    private List<Row> withPhotos(List<Row> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Photo>> byVisit = new HashMap<>();
        jdbc.query("SELECT visit_id, id, kind FROM visit_photo WHERE visit_id = ANY (?) ORDER BY visit_id, kind, id", rs -> {
            byVisit.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Photo(rs.getLong(2), rs.getString(3)));
        }, (Object) rows.stream().map(Row::visitId).distinct().toArray(Long[]::new));
        return rows.stream().map(r -> r.withPhotos(List.copyOf(byVisit.getOrDefault(r.visitId(), List.of())))).toList();
    }

    private static Row row(ResultSet rs) throws SQLException {
        List<String> flags = new ArrayList<>(strings(rs.getArray("evidence_flags")));
        if (!rs.getBoolean("photos_complete")) {
            flags.add(PHOTOS_MISSING);
        }
        return new Row(rs.getLong("child_id"), rs.getString("national_id"), rs.getString("title"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_th"), rs.getString("unit_en"),
                rs.getString("subdistrict_code"), rs.getLong("visit_id"), rs.getLong("result_id"),
                Classification.valueOf(rs.getString("classification")), rs.getBigDecimal("income"), (Integer) rs.getObject("score"),
                ReviewStatus.valueOf(rs.getString("status")), rs.getString("reason_code"), rs.getString("reason_text"),
                rs.getString("override_reason"), rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
                rs.getLong("review_version"), List.copyOf(flags), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), List.of());
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
