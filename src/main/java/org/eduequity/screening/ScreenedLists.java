package org.eduequity.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eduequity.shared.AreaScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The screened lists of the fund office and the provinces: one row per student with the current result of the
 * household's visit in a term and province, filtered by district, subdistrict (of the household), organisation
 * unit and classification, most in need first. Set-based: one query for a page, one for the counts per
 * classification, both starting from {@code screening_current_list_ix (province_code, term, classification)}; the
 * caller's {@link AreaScope} is applied in the SQL as well.
 */
@Service
@Transactional(readOnly = true)
public class ScreenedLists {

    public static final int PAGE_SIZE = 50;

    /** The order of the list: the most in need first. */
    private static final String RANK = "CASE r.classification WHEN 'EXTREMELY_POOR' THEN 0 WHEN 'POOR' THEN 1 WHEN 'NOT_POOR' THEN 2 ELSE 3 END";

    private final JdbcTemplate jdbc;

    ScreenedLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list: term and province are required; the rest are optional (null or blank = any). */
    public record Filter(String term, String provinceCode, String districtCode, String subdistrictCode, String orgUnitCode,
                         Classification classification) {

        public Filter {
            districtCode = blankToNull(districtCode);
            subdistrictCode = blankToNull(subdistrictCode);
            orgUnitCode = blankToNull(orgUnitCode);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** One student of a screened household. */
    public record Row(long childId, String nationalId, String firstName, String lastName, String orgUnitCode, String orgUnitNameTh,
                      String orgUnitNameEn, String subdistrictCode, String subdistrictNameTh, String subdistrictNameEn,
                      Classification classification, BigDecimal perCapitaIncome, Integer hardshipScore) {

        public String fullName() {
            return firstName + " " + lastName;
        }

        /** The national id as screens show it (the middle digits hidden). */
        public String maskedNationalId() {
            return org.eduequity.shared.NationalId.of(nationalId).masked();
        }
    }

    /**
     * A page of the list, the number of students per classification under every filter but the classification (to
     * move between them), and the number of students under the whole filter.
     */
    public record Page(List<Row> rows, Map<Classification, Long> counts, long matching, int number, int size) {

        /** Students of every classification. */
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

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

    /** A code and its names, for the filter choices. */
    public record Choice(String code, String nameTh, String nameEn) {

        /** The English name for English, otherwise the Thai one. */
        public String nameOf(java.util.Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameTh;
        }
    }

    /** The page (from 0) of the list under the filter, within the scope. */
    public Page list(AreaScope scope, Filter filter, int page) {
        int number = Math.max(page, 0);
        List<Object> countArgs = new ArrayList<>();
        String countFrom = from(scope, filter, null, countArgs, false);
        Map<Classification, Long> counts = new EnumMap<>(Classification.class);
        for (Classification c : Classification.values()) {
            counts.put(c, 0L);
        }
        // each visit once, with its number of students: no join to the students for the counts
        jdbc.query("SELECT r.classification, sum(r.students) " + countFrom + " GROUP BY r.classification",
                rs -> {
                    counts.put(Classification.valueOf(rs.getString(1)), rs.getLong(2));
                }, countArgs.toArray());
        long total = filter.classification() == null ? counts.values().stream().mapToLong(Long::longValue).sum()
                : counts.get(filter.classification());
        List<Object> args = new ArrayList<>();
        String from = from(scope, filter, filter.classification(), args, true);
        List<Row> rows = List.of();
        if ((long) number * PAGE_SIZE < total) {
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(PAGE_SIZE);
            pageArgs.add((long) number * PAGE_SIZE);
            rows = jdbc.query("""
                    WITH p AS (
                      SELECT r.visit_id, vs.child_id, r.classification, res.per_capita_income, res.hardship_score,
                             %s AS rank
                      %s
                      ORDER BY rank, res.hardship_score DESC NULLS LAST, res.per_capita_income NULLS LAST, vs.child_id
                      LIMIT ? OFFSET ?
                    )
                    SELECT p.child_id, c.national_id, c.first_name, c.last_name, u.code AS unit_code, u.name_th AS unit_th,
                           u.name_en AS unit_en, s.code AS sub_code, s.name_th AS sub_th, s.name_en AS sub_en,
                           p.classification, p.per_capita_income, p.hardship_score
                    FROM p JOIN child c ON c.id = p.child_id
                    JOIN home_visit hv ON hv.id = p.visit_id
                    JOIN org_unit u ON u.id = hv.org_unit_id
                    JOIN household hh ON hh.id = hv.household_id
                    JOIN subdistrict s ON s.code = hh.subdistrict_code
                    ORDER BY p.rank, p.hardship_score DESC NULLS LAST, p.per_capita_income NULLS LAST, p.child_id"""
                    .formatted(RANK, from), (rs, i) -> new Row(rs.getLong("child_id"), rs.getString("national_id"),
                    rs.getString("first_name"), rs.getString("last_name"), rs.getString("unit_code"), rs.getString("unit_th"),
                    rs.getString("unit_en"), rs.getString("sub_code"), rs.getString("sub_th"), rs.getString("sub_en"),
                    Classification.valueOf(rs.getString("classification")), rs.getBigDecimal("per_capita_income"),
                    (Integer) rs.getObject("hardship_score")), pageArgs.toArray());
        }
        return new Page(rows, counts, total, number, PAGE_SIZE);
    }

    /**
     * {@code FROM … WHERE …} of the students under the filter: the current results of the province and term (the
     * list index), their students, and the visit and household only where a filter or the scope needs them.
     */
    private static String from(AreaScope scope, Filter f, Classification classification, List<Object> args, boolean students) {
        boolean needVisit = f.orgUnitCode() != null || f.districtCode() != null || f.subdistrictCode() != null
                || scope instanceof AreaScope.OrgUnits;
        boolean needHousehold = f.districtCode() != null || f.subdistrictCode() != null;
        StringBuilder sql = new StringBuilder(students
                ? "FROM screening_current r JOIN screening_result res ON res.id = r.result_id JOIN visit_student vs ON vs.visit_id = r.visit_id"
                : "FROM screening_current r");
        if (needVisit) {
            sql.append(" JOIN home_visit v ON v.id = r.visit_id");
        }
        if (needHousehold) {
            sql.append(" JOIN household h ON h.id = v.household_id");
        }
        sql.append(" WHERE r.province_code = ? AND r.term = ?");
        args.add(f.provinceCode());
        args.add(f.term());
        AreaScope.SqlPredicate area = scope.sql("r.province_code", "v.org_unit_id");
        sql.append(" AND (").append(area.sql()).append(")");
        args.addAll(area.args());
        if (classification != null) {
            sql.append(" AND r.classification = ?");
            args.add(classification.name());
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
        return sql.toString();
    }

    /** The latest term with current results in the province (any province when null). */
    public Optional<String> latestTerm(String provinceCode) {
        if (provinceCode != null) {
            return Optional.ofNullable(jdbc.queryForObject(
                    "SELECT max(term) FROM screening_current WHERE province_code = ?", String.class, provinceCode));
        }
        // one probe of the list index per province rather than a scan of every result
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT max(t.term) FROM province p
                CROSS JOIN LATERAL (SELECT max(r.term) AS term FROM screening_current r WHERE r.province_code = p.code) t""",
                String.class));
    }

    /** The first province (by code) with current results in the term. */
    public Optional<String> firstProvinceWithResults(String term) {
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT min(p.code) FROM province p
                WHERE EXISTS (SELECT 1 FROM screening_current r WHERE r.province_code = p.code AND r.term = ?)""",
                String.class, term));
    }

    /** The terms with current results in the province, newest first. */
    public List<String> terms(String provinceCode) {
        return jdbc.queryForList("""
                WITH RECURSIVE t(term) AS (
                  SELECT max(term) FROM screening_current WHERE province_code = ?
                  UNION ALL
                  SELECT (SELECT max(r.term) FROM screening_current r WHERE r.province_code = ? AND r.term < t.term)
                  FROM t WHERE t.term IS NOT NULL
                )
                SELECT term FROM t WHERE term IS NOT NULL""", String.class, provinceCode, provinceCode);
    }

    /** The active organisation units of the province, of one district when given. */
    public List<Choice> orgUnits(String provinceCode, String districtCode) {
        return jdbc.query("""
                SELECT code, name_th, COALESCE(name_en, name_th) AS name_en FROM org_unit
                WHERE province_code = ? AND (?::varchar IS NULL OR district_code = ?) AND active ORDER BY code""",
                (rs, i) -> choice(rs), provinceCode, districtCode, districtCode);
    }

    private static Choice choice(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Choice(rs.getString(1), rs.getString(2), rs.getString(3));
    }
}
