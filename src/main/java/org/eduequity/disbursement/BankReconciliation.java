package org.eduequity.disbursement;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.CsvRecords;
import org.eduequity.shared.Money;
import org.eduequity.shared.web.NotFoundException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A round's way through the bank: the bank file of an approved round (streamed from the database; the round becomes
 * EXPORTED), the bank's results applied to its lines (PAID or FAILED, set-based through a temporary table; the round
 * becomes RECONCILED once no line awaits a result), the round's lines as CSV, and reversals of paid lines.
 *
 * <p>The bank file holds the round's lines that still await a result (APPROVED), so downloading it again after a
 * partial reconciliation never asks the bank to pay a line twice. The payee type YOUTH (the youth's share of
 * {@code OOS_YOUTH}, paid by PromptPay on the youth's own national id, or under 18 on the guardian's, ADR 0012) is written as
 * GUARDIAN: in the bank file the payee type says how the bank pays, and GUARDIAN is PromptPay on the national id in
 * {@code payeeAccount}, to the line's payee name.
 */
@Service
@Transactional(readOnly = true)
public class BankReconciliation {

    /** The bank file's header (survey-format.md). */
    public static final String BANK_FILE_HEADER = "lineRef,nationalId,payeeName,payeeType,payeeAccount,amount";
    /** The bank results' header (survey-format.md). */
    public static final List<String> RESULTS_HEADER = List.of("lineRef", "amount", "status", "date", "message");
    /** At most this many records in one result file. */
    public static final int MAX_RESULT_LINES = 2_000_000;
    /** The report lists at most this many references of each kind (the counts are always whole). */
    public static final int MAX_LISTED = 10_000;
    /** A reversal's reason is at most this long. */
    public static final int MAX_REASON = 500;

    private static final int FETCH_SIZE = 2000;
    private static final Pattern LINE_REF = Pattern.compile("R([0-9]{1,18})-([0-9]{1,18})");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,10}(\\.[0-9]{1,2})?");

    private final JdbcTemplate jdbc;
    private final PaymentRounds rounds;
    private final AuditLog audit;
    private final Clock clock;

    BankReconciliation(JdbcTemplate jdbc, PaymentRounds rounds, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.audit = audit;
        this.clock = clock;
    }

    /** One line of the bank file. */
    public record BankLine(String lineRef, String nationalId, String payeeName, String payeeType, String payeeAccount, String amount) {
    }

    /** What applying a bank result file did. */
    public record Report(long paid, long failed, List<String> unknown, long unknownCount, List<String> amountMismatch,
                         long amountMismatchCount, List<String> duplicates, long duplicatesCount, long alreadyApplied) {
    }

    /** A bank result file that cannot be read: the line at fault (0 for the whole file), a message key and its arguments. */
    public static class BadFileException extends RuntimeException {
        private final int line;
        private final String key;
        private final transient Object[] args;
        private final boolean row;

        BadFileException(int line, String key, Object... args) {
            this(false, line, key, args);
        }

        private BadFileException(boolean row, int line, String key, Object... args) {
            super(key + (row ? " on row " : " on line ") + line);
            this.row = row;
            this.line = line;
            this.key = key;
            this.args = args;
        }

        /** The same fault, its number being a row of a spreadsheet. */
        BadFileException inSheet() {
            return row ? this : new BadFileException(true, line, key, args);
        }

        /** The message key that says where: "Line {0}: {1}" in a CSV file, "Row {0}: {1}" in a sheet. */
        public String whereKey() {
            return row ? "bankResults.error.onRow" : "bankResults.error.onLine";
        }

        public int line() {
            return line;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args;
        }
    }

    /**
     * Streams the bank file's lines (the round's lines awaiting a result, in line order) to {@code each}. The round must
     * be APPROVED or EXPORTED; the first export makes it EXPORTED (if writing fails, the transaction rolls back and the
     * round stays APPROVED).
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public PaymentRounds.Round bankFile(long roundId, Consumer<BankLine> each) {
        PaymentRounds.Round r = lock(roundId);
        if (r.status() != RoundStatus.APPROVED && r.status() != RoundStatus.EXPORTED) {
            throw new RoundRefusedException(null, "round.error.notApprovedForBankFile", r.status().name());
        }
        String actor = audit.who().actor();
        if (r.status() == RoundStatus.APPROVED) {
            jdbc.update("UPDATE payment_round SET status = 'EXPORTED', exported_by = ?, exported_at = ?, version = version + 1 WHERE id = ?",
                    actor, now(), roundId);
        }
        long[] count = {0};
        stream("""
                SELECT l.id, l.national_id, l.payee_name, CASE l.payee_type WHEN 'YOUTH' THEN 'GUARDIAN' ELSE l.payee_type END,
                       l.payee_account, l.amount
                FROM payment_line l WHERE l.round_id = ? AND l.status = 'APPROVED' ORDER BY l.id""", rs -> {
            count[0]++;
            each.accept(new BankLine(PaymentRounds.lineRef(roundId, rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getBigDecimal(6).toPlainString()));
        }, roundId);
        audit.record(AuditAction.UPDATE, "PaymentRound", roundId, "bank file exported: " + count[0] + " lines");
        return rounds.get(roundId);
    }

    /** Streams every line of the round in line order (the round's CSV export). */
    @PreAuthorize("hasRole('FUND')")
    public void eachLine(long roundId, Consumer<PaymentRounds.Line> each) {
        rounds.get(roundId);
        stream("""
                SELECT l.id, l.round_id, l.national_id, COALESCE(c.first_name, ce.first_name), COALESCE(c.last_name, ce.last_name),
                       l.province_code, COALESCE(u.code, ce.provider_code) AS org_unit_code,
                       l.classification, l.payee_type, l.payee_name, l.payee_account, l.amount, l.status
                FROM payment_line l LEFT JOIN child c ON c.id = l.child_id LEFT JOIN org_unit u ON u.id = l.org_unit_id
                LEFT JOIN oos_case_certification_entry ce ON ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                WHERE l.round_id = ? ORDER BY l.id""", rs -> each.accept(new PaymentRounds.Line(rs.getLong(1),
                PaymentRounds.lineRef(rs.getLong(2), rs.getLong(1)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), Money.baht(rs.getBigDecimal(12)),
                LineStatus.valueOf(rs.getString(13)))), roundId);
    }

    /**
     * Writes every line of the round as CSV rows (the columns of {@link #eachLine}, no header; CRLF line ends) straight from
     * PostgreSQL: {@code COPY (SELECT …) TO STDOUT (FORMAT csv)} streamed to {@code out}, so that a million lines cost
     * little more than the COPY itself. Text that a spreadsheet would run as a formula (a leading =, +, - or @) gets a
     * leading ' in SQL, as {@link #quote} does.
     */
    @PreAuthorize("hasRole('FUND')")
    public void linesCsv(long roundId, OutputStream out) {
        rounds.get(roundId);
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (OutputStream crlf = new CrLf(out)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    COPY (SELECT 'R' || l.round_id || '-' || l.id, %s, %s, %s, l.province_code, %s, l.classification, l.payee_type, %s, %s,
                                 l.amount, l.status
                          FROM payment_line l LEFT JOIN child c ON c.id = l.child_id LEFT JOIN org_unit u ON u.id = l.org_unit_id
                          LEFT JOIN oos_case_certification_entry ce ON ce.certification_id = l.case_certification_id AND ce.case_id = l.case_id
                          WHERE l.round_id = %d ORDER BY l.id) TO STDOUT WITH (FORMAT csv)""".formatted(safe("l.national_id"),
                    safe("COALESCE(c.first_name, ce.first_name)"), safe("COALESCE(c.last_name, ce.last_name)"), safe("COALESCE(u.code, ce.provider_code)"), safe("l.payee_name"), safe("l.payee_account"), roundId), crlf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of the round's lines failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static String safe(String column) {
        return "CASE WHEN left(%1$s, 1) IN ('=', '+', '-', '@') THEN '''' || %1$s ELSE %1$s END".formatted(column);
    }

    /** Turns COPY's LF line ends into CRLF (outside quoted fields), buffered; closing it flushes, never closes the target. */
    private static final class CrLf extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int used;
        private boolean quoted;

        CrLf(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used + 2 > buffer.length) {
                flushBuffer();
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                buffer[used++] = '\r';
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void flushBuffer() throws IOException {
            out.write(buffer, 0, used);
            used = 0;
        }

        @Override
        public void close() throws IOException {
            flushBuffer();
            out.flush();
        }
    }

    private void stream(String sql, RowCallbackHandler handler, Object... args) {
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql);
            ps.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        }, handler);
    }

    /**
     * Applies the bank's result file ({@code lineRef,amount,status,date,message}, UTF-8) to an EXPORTED (or already
     * RECONCILED) round. The file is read as a stream into a temporary table, then classified and applied in a few
     * set-based statements: a reference given more than once is a duplicate, one that names no line of the round is
     * unknown, one whose amount differs is a mismatch (none of these changes anything); a matched line awaiting its result
     * becomes PAID or FAILED with a ledger entry; a matched line that already has its result counts as already applied.
     * A file that breaks the format is refused whole ({@link BadFileException} with the line), and nothing changes.
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public Report applyResults(long roundId, InputStream content) {
        return applyResults(roundId, content, null);
    }

    /**
     * As {@link #applyResults(long, InputStream)}, the file being CSV or XLSX: an XLSX workbook (a ZIP, whatever the
     * content type says) is read from its first sheet, row by row, into the same checks and the same temporary table, so
     * that it gives the same report as the same rows in CSV. A body sent as XLSX ({@link #XLSX_MEDIA_TYPE}) that is not a
     * ZIP, and an old binary Excel file (.xls), are refused.
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public Report applyResults(long roundId, InputStream content, String contentType) {
        PaymentRounds.Round r = lock(roundId);
        if (r.status() != RoundStatus.EXPORTED && r.status() != RoundStatus.RECONCILED) {
            throw new RoundRefusedException(null, "round.error.notExported", r.status().name());
        }
        InputStream in = content.markSupported() ? content : new BufferedInputStream(content, 64 * 1024);
        Format format = format(in, contentType);
        jdbc.execute("""
                CREATE TEMPORARY TABLE bank_result_in (line_no INTEGER, line_ref TEXT, round_id BIGINT, line_id BIGINT,
                  amount NUMERIC(14, 2), status TEXT, bank_date DATE, message TEXT) ON COMMIT DROP""");
        long read = format == Format.XLSX ? loadXlsx(in) : load(in);
        jdbc.execute("ANALYZE bank_result_in");
        String actor = audit.who().actor();
        OffsetDateTime now = now();
        // classify every reference before anything changes: duplicates, unknown, amount mismatches, already applied
        jdbc.execute("""
                CREATE TEMPORARY TABLE bank_result_class ON COMMIT DROP AS
                SELECT b.line_ref, min(b.line_no) AS first_line,
                       CASE WHEN count(*) > 1 THEN 'DUPLICATE'
                            WHEN min(l.id) IS NULL THEN 'UNKNOWN'
                            WHEN min(l.amount) <> min(b.amount) THEN 'AMOUNT_MISMATCH'
                            WHEN min(l.status) = 'APPROVED' THEN 'APPLY'
                            ELSE 'ALREADY_APPLIED' END AS outcome
                FROM bank_result_in b
                LEFT JOIN payment_line l ON l.id = b.line_id AND l.round_id = b.round_id AND b.round_id = %d
                GROUP BY b.line_ref""".formatted(roundId));
        Map<String, Object> applied = jdbc.queryForMap("""
                WITH up AS (
                  UPDATE payment_line l SET status = b.status, bank_date = b.bank_date, bank_message = NULLIF(b.message, '')
                  FROM bank_result_in b JOIN bank_result_class k ON k.line_ref = b.line_ref AND k.outcome = 'APPLY'
                  WHERE l.id = b.line_id AND l.round_id = ? AND l.status = 'APPROVED'
                  RETURNING l.id, l.child_id, l.amount, l.status
                ), led AS (
                  INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, recorded_by, recorded_at)
                  SELECT up.child_id, up.id, ?, ?, ?, up.status, up.amount, ?, ? FROM up ORDER BY up.id
                  RETURNING kind
                )
                SELECT count(*) FILTER (WHERE kind = 'PAID') AS paid, count(*) FILTER (WHERE kind = 'FAILED') AS failed FROM led""",
                roundId, roundId, r.programmeCode(), r.term(), actor, now);
        long paid = ((Number) applied.get("paid")).longValue();
        long failed = ((Number) applied.get("failed")).longValue();
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("SELECT outcome, count(*) FROM bank_result_class GROUP BY outcome", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        jdbc.update("""
                UPDATE payment_round SET status = 'RECONCILED', version = version + 1
                WHERE id = ? AND status = 'EXPORTED' AND NOT EXISTS (SELECT 1 FROM payment_line WHERE round_id = ? AND status = 'APPROVED')""",
                roundId, roundId);
        Report report = new Report(paid, failed, listed("UNKNOWN"), counts.getOrDefault("UNKNOWN", 0L), listed("AMOUNT_MISMATCH"),
                counts.getOrDefault("AMOUNT_MISMATCH", 0L), listed("DUPLICATE"), counts.getOrDefault("DUPLICATE", 0L),
                counts.getOrDefault("ALREADY_APPLIED", 0L));
        audit.record(AuditAction.IMPORT, "PaymentRound", roundId, "bank results: " + read + " lines; paid " + paid + ", failed " + failed
                + ", unknown " + report.unknownCount() + ", amount mismatch " + report.amountMismatchCount() + ", duplicates "
                + report.duplicatesCount() + ", already applied " + report.alreadyApplied());
        return report;
    }

    private List<String> listed(String outcome) {
        return jdbc.queryForList("SELECT line_ref FROM bank_result_class WHERE outcome = ? ORDER BY first_line LIMIT ?", String.class,
                outcome, MAX_LISTED);
    }

    /** The media type of an XLSX workbook. */
    public static final String XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** An XLSX result file is copied to a temporary file of at most this many bytes before it is read. */
    public static final long MAX_XLSX_BYTES = 512L * 1024 * 1024;

    /** The kind of a bank result file. */
    enum Format { CSV, XLSX }

    /** CSV or XLSX, from the file's first bytes (a ZIP is an XLSX workbook), checked against the content type given. */
    static Format format(InputStream in, String contentType) {
        byte[] head;
        try {
            in.mark(8);
            head = in.readNBytes(8);
            in.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6);
        boolean ole2 = head.length == 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
                && (head[3] & 0xFF) == 0xE0;
        if (ole2) {
            throw new BadFileException(0, "bankResults.error.xls");
        }
        if (zip) {
            return Format.XLSX;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith(XLSX_MEDIA_TYPE)) {
            throw XlsxRecords.notXlsx();
        }
        return Format.CSV;
    }

    /** Reads the CSV file record by record and copies it into bank_result_in; returns the number of records. */
    private long load(InputStream content) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Reader reader = new java.io.BufferedReader(new InputStreamReader(content, decoder), 64 * 1024);
        CsvRecords records = new CsvRecords(reader);
        try (ResultCopy copy = new ResultCopy()) {
            List<String> f;
            while ((f = next(records)) != null) {
                if (!copy.headerSeen() && !f.isEmpty() && f.get(0).startsWith("\uFEFF")) {
                    f.set(0, f.get(0).substring(1));
                }
                copy.accept(records.recordLine(), f);
            }
            return copy.finish();
        } catch (IOException e) {
            if (e instanceof CharacterCodingException) {
                throw new BadFileException(0, "bankResults.error.encoding");
            }
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the XLSX file to a temporary file (a workbook is a ZIP, read from its end), then reads its first sheet row
     * by row (SAX) into the same checks and COPY as the CSV. Numbers are read as Excel stores them: an amount of at most
     * two decimals (a binary fraction such as 400.00000000000006 counts as 400.00), a date as its serial number (the
     * 1900 or 1904 system of the workbook) or as text like 2026-07-15. Rows are numbered as in the sheet.
     */
    private long loadXlsx(InputStream content) {
        Path file = null;
        try {
            file = Files.createTempFile("bank-results-", ".xlsx");
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = content.read(buffer)) != -1) {
                    total += n;
                    if (total > MAX_XLSX_BYTES) {
                        throw new BadFileException(0, "bankResults.error.xlsxTooLarge", MAX_XLSX_BYTES / (1024 * 1024));
                    }
                    out.write(buffer, 0, n);
                }
            }
            XlsxRecords xlsx = new XlsxRecords();
            try (ResultCopy copy = new ResultCopy()) {
                xlsx.read(file, (row, cells, numeric) -> copy.accept(row, xlsxRecord(row, cells, numeric, xlsx.date1904(), copy.headerSeen())));
                return copy.finish();
            }
        } catch (BadFileException e) {
            throw e.inSheet();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind
                }
            }
        }
    }

    /** A sheet row as the CSV would give it: a numeric amount as plain baht, a numeric date as ISO text. */
    static List<String> xlsxRecord(int row, List<String> cells, boolean[] numeric, boolean date1904, boolean headerSeen) {
        List<String> f = new java.util.ArrayList<>(cells);
        while (f.size() < RESULTS_HEADER.size()) {
            f.add("");
        }
        if (!headerSeen) {
            return f;
        }
        for (int i = 0; i < f.size(); i++) {
            if (i < numeric.length && numeric[i]) {
                BigDecimal number;
                try {
                    number = new BigDecimal(f.get(i));
                } catch (NumberFormatException e) {
                    throw new BadFileException(row, "bankResults.error.xlsxNumber", f.get(i));
                }
                if (i == 1 && number.scale() > 2) {
                    BigDecimal cents = number.setScale(2, java.math.RoundingMode.HALF_UP);
                    if (cents.subtract(number).abs().compareTo(new BigDecimal("0.000001")) < 0) {
                        number = cents;
                    }
                }
                if (i == 3) {
                    double serial = number.doubleValue();
                    if (!org.apache.poi.ss.usermodel.DateUtil.isValidExcelDate(serial) || serial < 1 || serial > 2_958_465) {
                        throw new BadFileException(row, "bankResults.error.date", f.get(i));
                    }
                    f.set(i, org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(serial, date1904).toLocalDate().toString());
                } else {
                    f.set(i, number.toPlainString());
                }
            }
        }
        return f;
    }

    /** Checked records copied into bank_result_in: the first record must be the header; each other one a result. */
    private final class ResultCopy implements AutoCloseable {
        private final DataSource dataSource = jdbc.getDataSource();
        private final Connection connection = DataSourceUtils.getConnection(dataSource);
        private final Writer w;
        private final StringBuilder row = new StringBuilder(128);
        private boolean header;
        private long n;

        ResultCopy() {
            try {
                w = new OutputStreamWriter(new PGCopyOutputStream(connection.unwrap(PGConnection.class),
                        "COPY bank_result_in (line_no, line_ref, round_id, line_id, amount, status, bank_date, message) FROM STDIN", 64 * 1024),
                        StandardCharsets.UTF_8);
            } catch (SQLException e) {
                DataSourceUtils.releaseConnection(connection, dataSource);
                throw new IllegalStateException("COPY into bank_result_in failed: " + e.getMessage(), e);
            }
        }

        boolean headerSeen() {
            return header;
        }

        void accept(int line, List<String> f) {
            if (!header) {
                if (!f.stream().map(String::strip).toList().equals(RESULTS_HEADER)) {
                    throw new BadFileException(line, "bankResults.error.header", String.join(",", RESULTS_HEADER));
                }
                header = true;
                return;
            }
            if (++n > MAX_RESULT_LINES) {
                throw new BadFileException(line, "bankResults.error.tooMany", MAX_RESULT_LINES);
            }
            row.setLength(0);
            record(f, line, row);
            try {
                w.append(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Ends the COPY; returns the number of results. */
        long finish() {
            if (!header) {
                throw new BadFileException(1, "bankResults.error.empty");
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                w.close();
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    private static List<String> next(CsvRecords records) throws IOException {
        try {
            return records.next();
        } catch (CsvRecords.SyntaxException e) {
            throw new BadFileException(e.line(), "bankResults.error.syntax." + e.rule());
        }
    }

    /** Checks one record and writes it as a COPY text row. */
    private static void record(List<String> f, int line, StringBuilder row) {
        if (f.size() != RESULTS_HEADER.size()) {
            throw new BadFileException(line, "bankResults.error.fields", RESULTS_HEADER.size(), f.size());
        }
        String ref = f.get(0).strip();
        if (ref.isEmpty() || ref.length() > 40) {
            throw new BadFileException(line, "bankResults.error.lineRef");
        }
        String amount = f.get(1).strip();
        if (!AMOUNT.matcher(amount).matches()) {
            throw new BadFileException(line, "bankResults.error.amount", amount);
        }
        String status = f.get(2).strip().toUpperCase(Locale.ROOT);
        if (!status.equals("PAID") && !status.equals("FAILED")) {
            throw new BadFileException(line, "bankResults.error.status", f.get(2).strip());
        }
        String date = f.get(3).strip();
        try {
            LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new BadFileException(line, "bankResults.error.date", date);
        }
        String message = f.get(4).strip();
        if (message.length() > 500) {
            throw new BadFileException(line, "bankResults.error.message", 500);
        }
        Matcher m = LINE_REF.matcher(ref);
        boolean parsed = m.matches();
        row.append(line).append('\t');
        escape(ref, row);
        row.append('\t').append(parsed ? m.group(1) : "\\N").append('\t').append(parsed ? m.group(2) : "\\N").append('\t')
                .append(new BigDecimal(amount).toPlainString()).append('\t').append(status).append('\t').append(date).append('\t');
        escape(message, row);
        row.append('\n');
    }

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

    /** A reversal and the line it reversed. */
    public record Reversal(long entryId, String lineRef, LineStatus lineStatus, Money amount, String reason) {
    }

    /**
     * Reverses a paid line with a reason (the payment came back or was made in error): a REVERSAL ledger entry of minus the
     * paid amount, naming the PAID entry it reverses, and the line becomes FAILED, so that the child may be paid in a
     * later round and the amount counts against the budget no more. Only a PAID line; each payment is reversed once.
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public Reversal reverse(long roundId, String lineRef, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new RoundRefusedException("reason", "reversal.error.reasonRequired");
        }
        if (why.length() > MAX_REASON) {
            throw new RoundRefusedException("reason", "reversal.error.reasonTooLong", MAX_REASON);
        }
        PaymentRounds.Round r = lock(roundId);
        Matcher m = LINE_REF.matcher(lineRef == null ? "" : lineRef.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) != roundId) {
            throw new RoundRefusedException("lineRef", "reversal.error.lineRef", lineRef == null ? "" : lineRef.strip(), roundId);
        }
        long lineId = Long.parseLong(m.group(2));
        Map<String, Object> line = jdbc.queryForList("SELECT child_id, amount, status FROM payment_line WHERE id = ? AND round_id = ? FOR UPDATE",
                lineId, roundId).stream().findFirst()
                .orElseThrow(() -> new RoundRefusedException("lineRef", "reversal.error.lineRef", lineRef.strip(), roundId));
        if (!"PAID".equals(line.get("status"))) {
            throw new RoundRefusedException(null, "reversal.error.notPaid", lineRef.strip(), line.get("status"));
        }
        Long paidEntry = jdbc.queryForObject("""
                SELECT max(e.id) FROM ledger_entry e WHERE e.line_id = ? AND e.kind = 'PAID'
                AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reverses = e.id)""", Long.class, lineId);
        if (paidEntry == null) {
            throw new RoundRefusedException(null, "reversal.error.notPaid", lineRef.strip(), line.get("status"));
        }
        BigDecimal amount = (BigDecimal) line.get("amount");
        String actor = audit.who().actor();
        long entry = jdbc.queryForObject("""
                INSERT INTO ledger_entry (child_id, line_id, round_id, programme_code, term, kind, amount, reason, reverses, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, 'REVERSAL', ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                line.get("child_id"), lineId, roundId, r.programmeCode(), r.term(), amount.negate(), why, paidEntry,
                actor, now());
        jdbc.update("UPDATE payment_line SET status = 'FAILED' WHERE id = ?", lineId);
        audit.record(AuditAction.UPDATE, "PaymentLine", lineId, "reversed " + lineRef.strip() + " (" + amount.toPlainString() + " baht): " + why);
        return new Reversal(entry, lineRef.strip(), LineStatus.FAILED, Money.baht(amount), why);
    }

    private PaymentRounds.Round lock(long roundId) {
        jdbc.query("SELECT id FROM payment_round WHERE id = ? FOR UPDATE", rs -> { }, roundId);
        return rounds.get(roundId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Writes the bank file (UTF-8 with BOM, CRLF) to the stream as the lines arrive. */
    public static Consumer<BankLine> csv(Writer w) {
        return l -> {
            try {
                w.write(String.join(",", quote(l.lineRef()), quote(l.nationalId()), quote(l.payeeName()), quote(l.payeeType()),
                        quote(l.payeeAccount()), quote(l.amount())));
                w.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A CSV field, quoted when needed; a leading =, +, - or @ is prefixed with ' so that spreadsheets do not run it. */
    public static String quote(String s) {
        if (s == null) {
            return "";
        }
        String t = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
    }
}
