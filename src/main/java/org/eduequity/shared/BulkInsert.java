package org.eduequity.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Inserts many rows at once with PostgreSQL's {@code COPY … FROM STDIN} on the caller's own connection, so the
 * rows join the caller's transaction (and roll back with it), constraints and triggers apply, and the cost is that
 * of COPY rather than of one statement per row. Where the connection is not PostgreSQL's driver, the rows travel
 * as one text array per column rebuilt by {@code unnest} instead — one statement per table either way.
 */
public final class BulkInsert {

    private BulkInsert() {
    }

    /**
     * @param table the table
     * @param columns the columns, each as {@code name:type} (the SQL type of the column, e.g. {@code id:bigint})
     * @param rows the values, one array per row, in column order; null is NULL; a {@code String[]} is an array
     */
    public static void insert(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), table, columns, rows);
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        unnest(jdbc, table, columns, rows);
    }

    private static void copy(PGConnection connection, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        for (String column : columns) {
            names.add(column.split(":", 2)[0]);
        }
        try (OutputStream out = new PGCopyOutputStream(connection, "COPY " + table + " (" + names + ") FROM STDIN", 64 * 1024);
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            for (Object[] row : rows) {
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        line.append('\t');
                    }
                    String text = text(row[c]);
                    if (text == null) {
                        line.append("\\N");
                    } else {
                        escape(text, line);
                    }
                }
                line.append('\n');
                w.append(line);
            }
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private static void unnest(JdbcTemplate jdbc, String table, List<String> columns, List<Object[]> rows) {
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

    /** A value as PostgreSQL reads it from text; arrays as {@code {"a","b"}}. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (value instanceof String[] strings) {
            StringJoiner array = new StringJoiner(",", "{", "}");
            for (String s : strings) {
                array.add("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            }
            return array.toString();
        }
        return value.toString();
    }
}
