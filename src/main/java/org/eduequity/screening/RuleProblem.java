package org.eduequity.screening;

import java.util.List;

/** What is wrong with a rule set's numbers: the field (e.g. {@code tenure.RENT}), a message key and its arguments. */
public record RuleProblem(String field, String messageKey, List<Object> args) {

    public static RuleProblem of(String field, String messageKey, Object... args) {
        return new RuleProblem(field, messageKey, List.of(args));
    }
}
