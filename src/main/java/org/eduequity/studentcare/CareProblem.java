package org.eduequity.studentcare;

import java.util.List;

/** What is wrong: the row of a file (0 when not a file's), the field, a message key and its arguments. */
public record CareProblem(int row, String field, String messageKey, List<Object> args) {

    public CareProblem {
        args = List.copyOf(args);
    }

    public static CareProblem of(String field, String messageKey, Object... args) {
        return new CareProblem(0, field, messageKey, List.of(args));
    }

    public static CareProblem atRow(int row, String field, String messageKey, Object... args) {
        return new CareProblem(row, field, messageKey, List.of(args));
    }
}
