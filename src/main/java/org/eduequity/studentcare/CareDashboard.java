package org.eduequity.studentcare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The students of the caller's area with their current risk (a teacher's class page) and the counts of a head's or
 * province's dashboard: by level, area × level, grade × level and school × level. Each is one set-based statement over
 * {@code child} joined with {@code care_current} of the term, scoped by {@link AreaScope} in the query. A student without
 * a current result counts as UNKNOWN (never as NORMAL).
 */
@Service
public class CareDashboard {

    /** The levels in the order screens show them: worst first. */
    public static final List<RiskLevel> LEVELS = List.of(RiskLevel.PROBLEM, RiskLevel.AT_RISK, RiskLevel.NORMAL, RiskLevel.UNKNOWN);

    /** Grades in school order: kindergarten, primary (P), lower and upper secondary (M), then anything else by name. */
    static final java.util.Comparator<String> GRADE_ORDER = java.util.Comparator.<String>comparingInt(g -> {
        char c = g.isEmpty() ? ' ' : Character.toUpperCase(g.charAt(0));
        return c == 'K' || c == 'A' ? 0 : c == 'P' ? 1 : c == 'M' ? 2 : 3;
    }).thenComparingInt(g -> g.replaceAll("[^0-9]", "").isEmpty() ? 0 : Integer.parseInt(g.replaceAll("[^0-9]", "").substring(0,
            Math.min(4, g.replaceAll("[^0-9]", "").length())))).thenComparing(java.util.Comparator.naturalOrder());

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final CurrentArea area;
    private final AuditLog audit;

    CareDashboard(JdbcTemplate jdbc, DataSource dataSource, CurrentArea area, AuditLog audit) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
        this.area = area;
        this.audit = audit;
    }

    /**
     * What to show: the term, and optionally a province (national users), a district, a unit, a grade, and a level —
     * of the student, or of one area when {@code area} is given.
     */
    public record Filter(String term, String provinceCode, String districtCode, Long orgUnitId, String grade, RiskLevel level, CareArea area) {
    }

    /** A student of the list with the level and the five areas (UNKNOWN where not known; {@code evaluated} false without a result). */
    public record StudentRow(long childId, String nationalId, String firstName, String lastName, String gradeLevel, String unitCode,
                             String unitNameTh, String unitNameEn, RiskLevel level, Map<CareArea, RiskLevel> areas, boolean evaluated,
                             String warning) {
        public String name() {
            return firstName + " " + lastName;
        }

        public String unitName(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) && unitNameEn != null ? unitNameEn : unitNameTh;
        }
    }

    /** A page of students, worst first. */
    public record StudentPage(List<StudentRow> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** An org unit of the caller's area (for the unit filter). */
    public record Unit(long id, String code, String nameTh, String nameEn, String districtCode) {
        public String name(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : nameTh;
        }
    }

    /** One line of counts: a key (area, grade or unit code), its label and a count per level. */
    public record Line(String key, String label, Map<RiskLevel, Long> levels) {
        public long total() {
            return levels.values().stream().mapToLong(Long::longValue).sum();
        }

        public long of(RiskLevel level) {
            return levels.getOrDefault(level, 0L);
        }
    }

    /** The dashboard's counts for a filter. */
    public record Counts(String term, Map<RiskLevel, Long> levels, List<Line> areas, List<Line> grades, List<Line> schools) {
        public long students() {
            return levels.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Where(String sql, List<Object> args) {
    }

    private Where where(Filter f) {
        AreaScope.SqlPredicate scope = area.scope().sql("c.province_code", "c.org_unit_id");
        StringBuilder sql = new StringBuilder("(").append(scope.sql()).append(") AND c.status = 'IN_SCHOOL'");
        List<Object> args = new ArrayList<>();
        args.add(f.term());
        args.addAll(scope.args());
        if (f.provinceCode() != null) {
            sql.append(" AND c.province_code = ?");
            args.add(f.provinceCode());
        }
        if (f.districtCode() != null) {
            sql.append(" AND u.district_code = ?");
            args.add(f.districtCode());
        }
        if (f.orgUnitId() != null) {
            sql.append(" AND c.org_unit_id = ?");
            args.add(f.orgUnitId());
        }
        if (f.grade() != null) {
            sql.append(" AND c.grade_level = ?");
            args.add(f.grade());
        }
        if (f.level() != null) {
            String column = "cc." + (f.area() == null ? "level" : f.area().column);
            if (f.level() == RiskLevel.UNKNOWN) {
                sql.append(" AND (cc.child_id IS NULL OR ").append(column).append(" = 'UNKNOWN')");
            } else {
                sql.append(" AND ").append(column).append(" = ?");
                args.add(f.level().name());
            }
        } else if (f.area() != null) {
            // an area alone: the students with a concern in it
            sql.append(" AND cc.").append(f.area().column).append(" IN ('AT_RISK', 'PROBLEM')");
        }
        return new Where(sql.toString(), args);
    }

    private static final String FROM = """
            FROM child c JOIN org_unit u ON u.id = c.org_unit_id
            LEFT JOIN care_current cc ON cc.child_id = c.id AND cc.term = ?
            WHERE\s""";

    /** The list's FROM: as {@link #FROM}, with the student's early warning of the term (NONE when it has none; two term arguments). */
    private static final String LIST_FROM = """
            FROM child c JOIN org_unit u ON u.id = c.org_unit_id
            LEFT JOIN care_current cc ON cc.child_id = c.id AND cc.term = ?
            LEFT JOIN care_warning cw ON cw.child_id = c.id AND cw.term = ?
            WHERE\s""";

    /** The list's arguments: the term once more (for the warning join) after the first. */
    private static List<Object> listArgs(Where w) {
        List<Object> args = new ArrayList<>(w.args());
        args.add(1, args.get(0));
        return args;
    }

    private static final String ORDER = """
            ORDER BY CASE coalesce(cc.level, 'UNKNOWN') WHEN 'PROBLEM' THEN 0 WHEN 'AT_RISK' THEN 1 WHEN 'UNKNOWN' THEN 2 ELSE 3 END,
              ((cc.learning = 'PROBLEM')::int + (cc.health = 'PROBLEM')::int + (cc.emotional_behaviour = 'PROBLEM')::int
               + (cc.family_economy = 'PROBLEM')::int + (cc.protection = 'PROBLEM')::int) DESC NULLS LAST,
              ((cc.learning = 'AT_RISK')::int + (cc.health = 'AT_RISK')::int + (cc.emotional_behaviour = 'AT_RISK')::int
               + (cc.family_economy = 'AT_RISK')::int + (cc.protection = 'AT_RISK')::int) DESC NULLS LAST,
              c.grade_level, c.first_name, c.last_name, c.id""";

    private static final String COLUMNS = """
            SELECT c.id, c.national_id, c.first_name, c.last_name, c.grade_level, u.code AS unit_code, u.name_th, u.name_en,
                   cc.child_id IS NOT NULL AS evaluated, coalesce(cc.level, 'UNKNOWN') AS level,
                   coalesce(cc.learning, 'UNKNOWN') AS learning, coalesce(cc.health, 'UNKNOWN') AS health,
                   coalesce(cc.emotional_behaviour, 'UNKNOWN') AS emotional_behaviour,
                   coalesce(cc.family_economy, 'UNKNOWN') AS family_economy, coalesce(cc.protection, 'UNKNOWN') AS protection,
                   coalesce(cw.level, 'NONE') AS warning""";

    private static StudentRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<CareArea, RiskLevel> areas = new EnumMap<>(CareArea.class);
        for (CareArea a : CareArea.values()) {
            areas.put(a, RiskLevel.valueOf(rs.getString(a.column)));
        }
        return new StudentRow(rs.getLong("id"), rs.getString("national_id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("grade_level"), rs.getString("unit_code"), rs.getString("name_th"), rs.getString("name_en"),
                RiskLevel.valueOf(rs.getString("level")), areas, rs.getBoolean("evaluated"), rs.getString("warning"));
    }

    /** A page of the students of the filter in the caller's area, worst first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public StudentPage students(Filter f, int page, int size) {
        Where w = where(f);
        List<Object> args = listArgs(w);
        args.add(size);
        args.add((long) page * size);
        long[] total = {0};
        List<StudentRow> rows = jdbc.query(COLUMNS + ", count(*) OVER () AS total " + LIST_FROM + w.sql() + "\n" + ORDER + " LIMIT ? OFFSET ?",
                (rs, i) -> {
                    total[0] = rs.getLong("total");
                    return row(rs);
                }, args.toArray());
        if (rows.isEmpty() && page > 0) {
            total[0] = jdbc.queryForObject("SELECT count(*) " + FROM + w.sql(), Long.class, w.args().toArray());
        }
        return new StudentPage(rows, total[0], page, size);
    }

    /** Every student of the filter, worst first, streamed (exports); the export is audited. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public void streamStudents(Filter f, String format, Consumer<StudentRow> each) {
        Where w = where(f);
        audit.record(AuditAction.EXPORT, "CareStudents", f.term(), format + " " + describe(f));
        streaming.query(COLUMNS + " " + LIST_FROM + w.sql() + "\n" + ORDER, rs -> {
            each.accept(row(rs));
        }, listArgs(w).toArray());
    }

    /** The counts of the filter (its level and area narrow the students counted, as on the list). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public Counts counts(Filter f, java.util.Locale locale) {
        Where w = where(f);
        Map<RiskLevel, Long> levels = emptyLevels();
        Map<String, Map<RiskLevel, Long>> grades = new java.util.TreeMap<>(GRADE_ORDER);
        Map<String, Map<RiskLevel, Long>> units = new LinkedHashMap<>();
        Map<String, String> unitNames = new LinkedHashMap<>();
        jdbc.query("""
                SELECT GROUPING(c.grade_level) AS g_grade, GROUPING(u.code) AS g_unit, c.grade_level, u.code, min(u.name_th) AS name_th,
                       min(u.name_en) AS name_en, coalesce(cc.level, 'UNKNOWN') AS level, count(*) AS n
                """ + FROM + w.sql() + """

                GROUP BY GROUPING SETS ((coalesce(cc.level, 'UNKNOWN')), (c.grade_level, coalesce(cc.level, 'UNKNOWN')),
                                        (u.code, coalesce(cc.level, 'UNKNOWN')))
                ORDER BY 3, 4""", rs -> {
            RiskLevel level = RiskLevel.valueOf(rs.getString("level"));
            long n = rs.getLong("n");
            if (rs.getInt("g_grade") == 1 && rs.getInt("g_unit") == 1) {
                levels.put(level, n);
            } else if (rs.getInt("g_grade") == 0) {
                grades.computeIfAbsent(rs.getString("grade_level"), k -> emptyLevels()).put(level, n);
            } else {
                String code = rs.getString("code");
                units.computeIfAbsent(code, k -> emptyLevels()).put(level, n);
                String en = rs.getString("name_en");
                unitNames.put(code, "en".equals(locale.getLanguage()) && en != null ? en : rs.getString("name_th"));
            }
        }, w.args().toArray());
        StringBuilder areaSql = new StringBuilder("SELECT ");
        for (CareArea a : CareArea.values()) {
            for (RiskLevel l : LEVELS) {
                areaSql.append("count(*) FILTER (WHERE coalesce(cc.").append(a.column).append(", 'UNKNOWN') = '").append(l.name())
                        .append("') AS ").append(a.column).append('_').append(l.name().toLowerCase(java.util.Locale.ROOT)).append(", ");
            }
        }
        areaSql.setLength(areaSql.length() - 2);
        List<Line> areaLines = new ArrayList<>();
        jdbc.query(areaSql + " " + FROM + w.sql(), rs -> {
            for (CareArea a : CareArea.values()) {
                Map<RiskLevel, Long> m = emptyLevels();
                for (RiskLevel l : LEVELS) {
                    m.put(l, rs.getLong(a.column + "_" + l.name().toLowerCase(java.util.Locale.ROOT)));
                }
                areaLines.add(new Line(a.name(), a.name(), m));
            }
        }, w.args().toArray());
        List<Line> gradeLines = grades.entrySet().stream().map(e -> new Line(e.getKey(), e.getKey(), e.getValue())).toList();
        List<Line> unitLines = units.entrySet().stream().map(e -> new Line(e.getKey(), unitNames.get(e.getKey()), e.getValue()))
                .sorted(java.util.Comparator.comparing(Line::label)).toList();
        return new Counts(f.term(), levels, areaLines, gradeLines, unitLines);
    }

    /** Records an export of the counts. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    public void auditCountsExport(Filter f, String format) {
        audit.record(AuditAction.EXPORT, "CareCounts", f.term(), format + " " + describe(f));
    }

    private static String describe(Filter f) {
        return "term=" + f.term() + (f.provinceCode() == null ? "" : " province=" + f.provinceCode())
                + (f.districtCode() == null ? "" : " district=" + f.districtCode()) + (f.orgUnitId() == null ? "" : " unit=" + f.orgUnitId())
                + (f.grade() == null ? "" : " grade=" + f.grade()) + (f.level() == null ? "" : " level=" + f.level())
                + (f.area() == null ? "" : " area=" + f.area());
    }

    private static Map<RiskLevel, Long> emptyLevels() {
        Map<RiskLevel, Long> m = new LinkedHashMap<>();
        for (RiskLevel l : LEVELS) {
            m.put(l, 0L);
        }
        return m;
    }

    /** The org units of the caller's area that have students (for the unit filter), optionally of one province or district. */
    @Transactional(readOnly = true)
    public List<Unit> units(String provinceCode, String districtCode) {
        AreaScope.SqlPredicate scope = area.scope().sql("u.province_code", "u.id");
        List<Object> args = new ArrayList<>(scope.args());
        String sql = "SELECT u.id, u.code, u.name_th, u.name_en, u.district_code FROM org_unit u WHERE (" + scope.sql() + ")";
        if (provinceCode != null) {
            sql += " AND u.province_code = ?";
            args.add(provinceCode);
        }
        if (districtCode != null) {
            sql += " AND u.district_code = ?";
            args.add(districtCode);
        }
        sql += " AND EXISTS (SELECT 1 FROM child c WHERE c.org_unit_id = u.id) ORDER BY u.name_th LIMIT 2000";
        return jdbc.query(sql, (rs, i) -> new Unit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                args.toArray());
    }

    /** The grade levels of the caller's students. */
    @Transactional(readOnly = true)
    public List<String> grades(String provinceCode) {
        AreaScope.SqlPredicate scope = area.scope().sql("c.province_code", "c.org_unit_id");
        List<Object> args = new ArrayList<>(scope.args());
        String sql = "SELECT DISTINCT c.grade_level FROM child c WHERE (" + scope.sql() + ")";
        if (provinceCode != null) {
            sql += " AND c.province_code = ?";
            args.add(provinceCode);
        }
        List<String> grades = new ArrayList<>(jdbc.queryForList(sql, String.class, args.toArray()));
        grades.sort(GRADE_ORDER);
        return grades;
    }
}
