package org.eduequity.studentcare;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records one at a time from a stream, so that a province's file is never held in memory:
 * comma-separated fields, records ending in CRLF, LF or CR, fields optionally in double quotes (which may hold commas,
 * line breaks and doubled quotes). Blank lines are skipped. {@link #line()} is the line on which the last record began.
 */
final class CsvStream {

    /** The text breaks the CSV rules on this line. */
    static final class SyntaxException extends RuntimeException {
        final int line;

        SyntaxException(int line, String key) {
            super(key);
            this.line = line;
        }
    }

    static final int MAX_FIELD = 2000;

    private final Reader in;
    private int current = 1;
    private int line;
    private int pending = -2;

    CsvStream(Reader in) {
        this.in = in;
    }

    int line() {
        return line;
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    /** The next record's fields, or null at the end. */
    List<String> next() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        line = current;
        while (true) {
            int c = read();
            if (c == -1) {
                if (fields.isEmpty() && field.length() == 0 && !quoted) {
                    return null;
                }
                fields.add(field.toString());
                return fields;
            }
            if (c == '"' && field.length() == 0 && !quoted) {
                int start = current;
                while (true) {
                    int q = read();
                    if (q == -1) {
                        throw new SyntaxException(start, "care.import.error.syntax.unclosedQuote");
                    }
                    if (q == '"') {
                        int after = read();
                        if (after == '"') {
                            append(field, '"');
                            continue;
                        }
                        pending = after;
                        break;
                    }
                    if (q == '\n') {
                        current++;
                    } else if (q == '\r') {
                        int after = read();
                        if (after != '\n') {
                            pending = after;
                        }
                        current++;
                        q = '\n';
                    }
                    append(field, (char) q);
                }
                quoted = true;
                int after = read();
                if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                    throw new SyntaxException(current, "care.import.error.syntax.textAfterQuote");
                }
                pending = after;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                quoted = false;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        pending = after;
                    }
                }
                current++;
                if (fields.isEmpty() && field.length() == 0 && !quoted) {
                    line = current;
                    continue;
                }
                fields.add(field.toString());
                return fields;
            }
            if (c == '"') {
                throw new SyntaxException(current, "care.import.error.syntax.quoteInField");
            }
            append(field, (char) c);
        }
    }

    private void append(StringBuilder field, char c) {
        if (field.length() >= MAX_FIELD) {
            throw new SyntaxException(current, "care.import.error.syntax.fieldTooLong");
        }
        field.append(c);
    }
}
