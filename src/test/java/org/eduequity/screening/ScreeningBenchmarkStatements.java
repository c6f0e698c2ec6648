package org.eduequity.screening;

import java.util.List;

/**
 * BENCHMARK SUPPORT ONLY (docs/benchmarks.md, {@code -Dbenchmark=screening}): the statements one slice of a
 * re-screening run and of a what-if executes, rebuilt here from the package's own builders ({@link ScreeningSql},
 * {@link Screening#insertFrom}) exactly as {@link ScreeningRuns} builds them, so that the benchmark can show their
 * {@code EXPLAIN (ANALYZE, BUFFERS)}. Not used by the application; keep in step with ScreeningRuns.
 */
public final class ScreeningBenchmarkStatements {

    private ScreeningBenchmarkStatements() {
    }

    /** Same text as ScreeningRuns.SLICE. Parameters: term, province, province, from id, to id, from id, to id. */
    private static final String SLICE = "v.term = ? AND v.status = 'SUBMITTED' AND (CAST(? AS VARCHAR) IS NULL OR v.province_code = ?) "
            + "AND v.id >= ? AND v.id < ? AND hm.visit_id >= ? AND hm.visit_id < ?";

    private static final String ADD_COUNTS = "ON CONFLICT (run_id, province_code, from_class, to_class) DO UPDATE SET "
            + "households = screening_run_count.households + excluded.households, students = screening_run_count.students + excluded.students";

    /**
     * One slice of a re-screening run (ScreeningRuns.rescreen). Parameters: the slice's 7, then rule set id, cause, run id,
     * computed at, run id.
     */
    public static String rescreenSlice(RuleParameters set) {
        return "WITH e AS MATERIALIZED (" + ScreeningSql.select(List.of(set), SLICE) + "),\n"
                + "old AS (UPDATE screening_result r SET current = false FROM e WHERE r.visit_id = e.visit_id AND r.current "
                + "RETURNING r.visit_id, r.classification),\n"
                + "ins AS (" + Screening.insertFrom("e s") + " RETURNING visit_id)\n"
                + "INSERT INTO screening_run_count (run_id, province_code, from_class, to_class, households, students)\n"
                + "SELECT ?, e.province_code, COALESCE(old.classification, 'NONE'), e.class_0, count(*), sum(e.students) FROM e "
                + "LEFT JOIN old ON old.visit_id = e.visit_id GROUP BY e.province_code, COALESCE(old.classification, 'NONE'), e.class_0\n"
                + ADD_COUNTS;
    }

    /** One slice of a what-if (ScreeningRuns.whatIf). Parameters: run id, then the slice's 7. */
    public static String whatIfSlice(RuleParameters compare, RuleParameters draft) {
        return "INSERT INTO screening_run_count (run_id, province_code, from_class, to_class, households, students)\n"
                + "SELECT ?, e.province_code, e.class_0, e.class_1, count(*), sum(e.students) FROM ("
                + ScreeningSql.select(List.of(compare, draft), SLICE)
                + ") e GROUP BY e.province_code, e.class_0, e.class_1\n" + ADD_COUNTS;
    }

    /** The screening query alone (no writes) over a slice. Parameters: the slice's 7. */
    public static String selectSlice(RuleParameters set) {
        return ScreeningSql.select(List.of(set), SLICE);
    }

    /**
     * SCRATCH variant of {@link #rescreenSlice} with suggested changes 1 and 2 of docs/benchmarks.md: the join back to
     * home_visit and the retiring UPDATE restricted to the slice. Parameters: the slice's 7, from id, to id (join back),
     * from id, to id (retire), rule set id, cause, run id, computed at, run id.
     */
    public static String rescreenSliceScratch(RuleParameters set) {
        return restrictJoinBack(rescreenSlice(set)).replace("AND r.current RETURNING", "AND r.current AND r.visit_id >= ? AND r.visit_id < ? RETURNING");
    }

    /** SCRATCH variant of {@link #whatIfSlice} with suggested change 2. Parameters: run id, the slice's 7, from id, to id. */
    public static String whatIfSliceScratch(RuleParameters compare, RuleParameters draft) {
        return restrictJoinBack(whatIfSlice(compare, draft));
    }

    private static String restrictJoinBack(String sql) {
        String join = "FROM x JOIN home_visit v ON v.id = x.visit_id";
        if (!sql.contains(join)) {
            throw new IllegalStateException("ScreeningSql changed: no '" + join + "'");
        }
        return sql.replace(join, join + " AND v.id >= ? AND v.id < ?");
    }
}
