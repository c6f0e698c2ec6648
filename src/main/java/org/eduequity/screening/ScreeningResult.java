package org.eduequity.screening;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One screening of one household (visit): the classification, the per-capita income, the hardship score with each
 * area's points, the rule set that gave them and why this screening happened. Fields other than the
 * classification, members and missing answers are null for an INCOMPLETE household.
 */
public record ScreeningResult(long id, long visitId, String term, String provinceCode, Classification classification, int members,
                              BigDecimal householdIncome, BigDecimal perCapitaIncome, Integer hardshipScore, Integer dependants,
                              Integer cutOff, Map<Area, Integer> areas, List<String> missing, String ruleSetCode, String ruleSetVersion,
                              Cause cause, Long runId, boolean current, Instant computedAt) {

    /** Why a household was screened. */
    public enum Cause {
        /** The survey was submitted. */
        SUBMITTED,
        /** A returned survey was corrected and submitted again. */
        RESUBMITTED,
        /** A re-screening run (a new rule-set version, or the same one again). */
        RUN
    }
}
