package org.eduequity.screening;

import java.util.List;

/**
 * The statements of a re-screening run and a what-if, as {@link ScreeningRuns} executes them slice by slice, for the
 * screening benchmark's EXPLAIN (the benchmark lives in another package).
 */
public final class ScreeningBenchmarkStatements {

    private ScreeningBenchmarkStatements() {
    }

    /**
     * One slice of a re-screening run as a worker appends it (parameters: rule set id, cause, run id, computed at, slice
     * filter, first visit id, end of the slice).
     */
    public static String rescreenSlice(RuleParameters set) {
        return ScreeningRuns.appendStatement(set);
    }

    /** Making one slice's appended results current (parameters: first id, last id, run id, first visit id, end of the slice). */
    public static String moveCurrent() {
        return ScreeningRuns.MOVE_CURRENT;
    }

    /** One slice of a what-if (parameters: slice filter). */
    public static String whatIfSlice(RuleParameters compare, RuleParameters draft) {
        return ScreeningRuns.whatIfStatement(compare, draft);
    }

    /** The screening query alone over one slice (parameters: slice filter). */
    public static String selectSlice(RuleParameters set) {
        return ScreeningSql.select(List.of(set), ScreeningRuns.SLICE);
    }
}
