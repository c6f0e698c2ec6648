package org.eduequity.survey;

import java.util.List;

/** A survey that cannot be accepted, with every field problem found. Nothing was written. */
public class SurveyRejectedException extends RuntimeException {

    /** Why: invalid fields (400), outside the caller's area (403), or already recorded this term (409). */
    public enum Reason { INVALID, FORBIDDEN, CONFLICT }

    private final Reason reason;
    private final List<FieldProblem> problems;

    public SurveyRejectedException(Reason reason, List<FieldProblem> problems) {
        super(reason + ": " + problems);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
