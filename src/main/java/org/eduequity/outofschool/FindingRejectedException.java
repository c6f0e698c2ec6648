package org.eduequity.outofschool;

import java.util.List;

import org.eduequity.survey.FieldProblem;

/** A found record, a merge or a provider that cannot be accepted, with every field problem found. Nothing was written. */
public class FindingRejectedException extends RuntimeException {

    /** Why: invalid fields (400), outside the caller's area (403), or a state that does not allow it (409). */
    public enum Reason { INVALID, FORBIDDEN, CONFLICT }

    private final Reason reason;
    private final List<FieldProblem> problems;

    public FindingRejectedException(Reason reason, List<FieldProblem> problems) {
        super(reason + ": " + problems);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    static FindingRejectedException of(Reason reason, String field, String key, Object... args) {
        return new FindingRejectedException(reason, List.of(new FieldProblem(field, key, List.of(args))));
    }

    public Reason reason() {
        return reason;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
