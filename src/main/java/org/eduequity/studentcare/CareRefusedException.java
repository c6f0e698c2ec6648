package org.eduequity.studentcare;

import java.util.List;

/** A write refused with every problem found; nothing was written (the transaction rolls back). */
public class CareRefusedException extends RuntimeException {

    /** Why: invalid input (400), outside the caller's area (403), not found (404) or in conflict (409). */
    public enum Reason { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Reason reason;
    private final List<CareProblem> problems;

    public CareRefusedException(Reason reason, List<CareProblem> problems) {
        super(reason + ": " + (problems.size() > 5 ? problems.subList(0, 5) + " …" : problems));
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public static CareRefusedException invalid(List<CareProblem> problems) {
        return new CareRefusedException(Reason.INVALID, problems);
    }

    public static CareRefusedException of(Reason reason, String field, String key, Object... args) {
        return new CareRefusedException(reason, List.of(CareProblem.of(field, key, args)));
    }

    public Reason reason() {
        return reason;
    }

    public List<CareProblem> problems() {
        return problems;
    }
}
