package org.eduequity.screening;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A re-screening run (writes results) or a what-if simulation (writes only counts) over one term, for one
 * province or all, with its progress and, once done, its counts per province and pair of classes.
 */
public record ScreeningRun(long id, Kind kind, String term, String provinceCode, long ruleSetId, String ruleSetLabel, Long compareRuleSetId,
                           String compareRuleSetLabel, BigDecimal amountPerChild, List<String> fundedClasses, Status status,
                           String requestedBy, Instant requestedAt, Instant finishedAt, Integer householdsTotal, int householdsDone,
                           String error, List<Count> counts) {

    public enum Kind {
        RESCREEN, WHAT_IF
    }

    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    /**
     * Households and students of a province that moved from one class to another: for a re-screening run from the
     * visit's previous result ({@code NONE} when it had none) to the new one; for a what-if from the compared rule
     * set's class to the draft's.
     */
    public record Count(String provinceCode, String fromClass, String toClass, int households, int students) {
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** Done so far, 0–100. */
    public int percent() {
        if (status == Status.SUCCEEDED) {
            return 100;
        }
        return householdsTotal == null || householdsTotal == 0 ? 0 : (int) Math.min(100, 100L * householdsDone / householdsTotal);
    }

    /** From the request to the end (or to now, while running). */
    public Duration duration(Instant now) {
        return Duration.between(requestedAt, finishedAt == null ? now : finishedAt);
    }
}
