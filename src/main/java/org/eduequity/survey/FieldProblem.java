package org.eduequity.survey;

import java.util.List;

/** One invalid field of a survey: its JSON path, the message key and the message's arguments. */
public record FieldProblem(String field, String messageKey, List<Object> args) {

    public FieldProblem {
        args = List.copyOf(args);
    }

    static FieldProblem of(String field, String messageKey, Object... args) {
        return new FieldProblem(field, messageKey, List.of(args));
    }
}
