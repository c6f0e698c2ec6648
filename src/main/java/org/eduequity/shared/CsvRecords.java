package org.eduequity.shared;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records one at a time from a stream (so that a file of a million lines — a bank's results, a
 * province's attendance — is never held in memory): comma-separated fields, records ending in CRLF, LF or CR, fields
 * optionally in double quotes (holding commas, line breaks and doubled quotes). Blank lines are skipped. Each record
 * knows the line on which it starts. Used by the bank-results import and the student-care imports.
 */
public final class CsvRecords {

    /** The text breaks the CSV rules on this line. */
    public static final class SyntaxException extends RuntimeException {
        private final int line;

        SyntaxException(int line, String what) {
            super(what);
            this.line = line;
        }

        /** The line the rule is broken on. */
        public int line() {
            return line;
        }

        /** Which rule: unclosedQuote, textAfterQuote, quoteInField or fieldTooLong (the last word of a message key). */
        public String rule() {
            return getMessage();
        }
    }

    /** No field is longer than this (a bank's message is at most 500 characters). */
    public static final int MAX_FIELD = 2000;

    private final Reader in;
    private int line = 1;
    private int pending = -2; // a character read ahead, or -2 for none

    public CsvRecords(Reader in) {
        this.in = in;
    }

    /** The line on which the record last returned started. */
    private int recordLine;

    public int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        return in.read();
    }

    /** The next record's fields, or null at the end of the text. */
    public List<String> next() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        recordLine = line;
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
                int quoteLine = line;
                while (true) {
                    int q = read();
                    if (q == -1) {
                        throw new SyntaxException(quoteLine, "unclosedQuote");
                    }
                    if (q == '"') {
                        int after = read();
                        if (after == '"') {
                            field.append('"');
                            continue;
                        }
                        pending = after;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    } else if (q == '\r') {
                        int after = read();
                        if (after != '\n') {
                            pending = after;
                        } else {
                            field.append('\r');
                            q = '\n';
                        }
                        line++;
                    }
                    append(field, (char) q);
                }
                quoted = true;
                int after = read();
                if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                    throw new SyntaxException(line, "textAfterQuote");
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
                line++;
                if (fields.isEmpty() && field.length() == 0 && !quoted) {
                    recordLine = line; // a blank line
                    continue;
                }
                fields.add(field.toString());
                return fields;
            }
            if (c == '"') {
                throw new SyntaxException(line, "quoteInField");
            }
            append(field, (char) c);
        }
    }

    private void append(StringBuilder field, char c) {
        if (field.length() >= MAX_FIELD) {
            throw new SyntaxException(line, "fieldTooLong");
        }
        field.append(c);
    }
}
