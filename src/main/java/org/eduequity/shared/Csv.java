package org.eduequity.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: comma-separated fields, records ending in CRLF (a lone LF or CR is accepted
 * too), fields optionally in double quotes, where a quoted field may hold commas, line breaks and doubled
 * quotes ({@code ""} for one {@code "}). Records that are entirely empty (blank lines) are skipped. Used by every
 * CSV import; decode the bytes first with {@link TextDecoding}.
 */
public final class Csv {

    private Csv() {
    }

    /** One record with the line of the text on which it starts (1-based) and its fields. */
    public record Record(int line, List<String> fields) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** The text breaks the CSV rules; {@link #line()} is where. */
    public static final class SyntaxException extends RuntimeException {
        private final int line;

        SyntaxException(int line, String what) {
            super("CSV syntax error on line " + line + ": " + what);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** The file has more records than allowed. */
    public static final class TooManyRecordsException extends RuntimeException {
        TooManyRecordsException(int max) {
            super("More than " + max + " records");
        }
    }

    /**
     * Reads every record of the text.
     *
     * @param maxRecords stops with {@link TooManyRecordsException} once more records than this are read
     */
    public static List<Record> parse(String text, int maxRecords) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        boolean fieldStarted = false; // the current field was quoted (so it counts even when empty)
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0 && !fieldStarted) {
                // a quoted field
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SyntaxException(quoteLine, "a quoted field is not closed");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n' || (q == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                fieldStarted = true;
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    throw new SyntaxException(line, "text follows a closing quote");
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                endRecord(records, fields, field, fieldStarted, recordLine, maxRecords);
                fieldStarted = false;
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                line++;
                recordLine = line;
                continue;
            }
            if (c == '"') {
                throw new SyntaxException(line, "a quote inside an unquoted field");
            }
            field.append(c);
            i++;
        }
        endRecord(records, fields, field, fieldStarted, recordLine, maxRecords);
        return records;
    }

    private static void endRecord(List<Record> records, List<String> fields, StringBuilder field, boolean fieldStarted,
                                  int recordLine, int maxRecords) {
        boolean blank = fields.isEmpty() && field.length() == 0 && !fieldStarted;
        if (!blank) {
            fields.add(field.toString());
            if (records.size() >= maxRecords) {
                throw new TooManyRecordsException(maxRecords);
            }
            records.add(new Record(recordLine, fields));
        }
        fields.clear();
        field.setLength(0);
    }
}
