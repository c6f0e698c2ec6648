package org.eduequity.shared;

import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows with one statement: each column travels as one text array and the rows are rebuilt by
 * {@code unnest}, cast to the column types — one round trip and one plan per table however many rows, close to
 * the cost of COPY while staying inside the caller's transaction and constraints.
 */
public final class BulkInsert {

    private BulkInsert() {
    }

    /**
     * @param table the table
     * @param columns the columns, each as {@code name:type} (the SQL type the text is cast to, e.g. {@code id:bigint})
     * @param rows the values, one array per row, in column order; null is NULL
     */
    public static void insert(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringJoiner names = new StringJoiner(", ");
        StringJoiner casts = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner aliases = new StringJoiner(", ");
        for (int c = 0; c < columns.size(); c++) {
            String[] nameType = columns.get(c).split(":", 2);
            names.add(nameType[0]);
            casts.add("u.c" + c + "::" + nameType[1]);
            arrays.add("?::text[]");
            aliases.add("c" + c);
        }
        Object[] args = new Object[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                values[r] = text(rows.get(r)[c]);
            }
            args[c] = values;
        }
        jdbc.update("INSERT INTO " + table + " (" + names + ") SELECT " + casts + " FROM unnest(" + arrays + ") AS u(" + aliases + ")",
                args);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof String[] strings) {
            return "{" + String.join(",", java.util.Arrays.stream(strings).map(s -> "\"" + s.replace("\"", "\\\"") + "\"").toList()) + "}";
        }
        return value.toString();
    }
}
