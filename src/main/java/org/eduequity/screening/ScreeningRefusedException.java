package org.eduequity.screening;

import java.util.List;

/**
 * A screening request that cannot be done as asked: invalid rule-set numbers, a published set being edited, an
 * overlapping run. Nothing was changed. {@code conflict} is true when the request clashes with the current state
 * (HTTP 409) rather than being invalid (HTTP 400).
 */
public class ScreeningRefusedException extends RuntimeException {

    private final boolean conflict;
    private final List<RuleProblem> problems;

    ScreeningRefusedException(boolean conflict, List<RuleProblem> problems) {
        super(problems.toString(), null, false, false);
        this.conflict = conflict;
        this.problems = List.copyOf(problems);
    }

    public static ScreeningRefusedException invalid(List<RuleProblem> problems) {
        return new ScreeningRefusedException(false, problems);
    }

    public static ScreeningRefusedException conflict(String field, String messageKey, Object... args) {
        return new ScreeningRefusedException(true, List.of(RuleProblem.of(field, messageKey, args)));
    }

    public boolean conflict() {
        return conflict;
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
