package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank's results as XLSX (read streamed from the first sheet): the same rows give the same report as in CSV, the
 * same file again changes nothing, bad workbooks are refused with the row at fault and change nothing; through the API
 * and the round page.
 */
@IntegrationTest
class BankReconciliationXlsxTests {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String TERM = "2568/2";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentRounds rounds;

    @Autowired
    UserDetailsService users;

    private HttpResponse<String> post(String path, String type, byte[] body, String language) {
        HttpRequest.Builder b = WebSession.basic(port, path, "fund", WebSession.DEMO_PASSWORD).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return WebSession.sendApi(b.build());
    }

    private HttpResponse<String> results(long round, String type, byte[] body) {
        return post("/api/v1/payment-rounds/" + round + "/bank-results", type, body, "en");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> r) {
        return json.readValue(r.body(), Map.class);
    }

    /** An approved round of n children whose bank file has been downloaded (EXPORTED). */
    long exportedRound(int n) {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, TERM, n);
        HttpResponse<String> approved = WebSession.sendApi(WebSession.basic(port, "/api/v1/payment-rounds/" + id + "/approval", "fund2",
                WebSession.DEMO_PASSWORD).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        HttpResponse<String> file = WebSession.sendApi(WebSession.basic(port, "/api/v1/payment-rounds/" + id + "/bank-file", "fund",
                WebSession.DEMO_PASSWORD).GET().build());
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        return id;
    }

    List<String> refs(long round) {
        return BankReconciliationScreensTests.refs(jdbc, round);
    }

    List<String> statuses(long round) {
        return jdbc.queryForList("SELECT status FROM payment_line WHERE round_id = ? ORDER BY id", String.class, round);
    }

    long ledgerEntries(long round) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE round_id = ?", Long.class, round);
    }

    /**
     * The results' rows for a round's five references: paid, failed with a Thai message holding a comma, an amount that
     * differs, the fourth twice (a duplicate), an unknown reference; the fifth line is left without a result.
     */
    static List<Object[]> rows(List<String> refs) {
        LocalDate day = LocalDate.of(2026, 7, 15);
        return List.of(
                new Object[] {refs.get(0), 400, "PAID", day, null},
                new Object[] {refs.get(1), 400.0, "failed", day, "บัญชีปิดแล้ว, ติดต่อผู้ปกครอง"},
                new Object[] {refs.get(2), 399.5, "PAID", day, ""},
                new Object[] {refs.get(3), 400, "PAID", day, null},
                new Object[] {refs.get(3), 400, "PAID", day, null},
                new Object[] {"R999999999-1", 400, "PAID", day, null});
    }

    static String csv(List<Object[]> rows) {
        StringBuilder s = new StringBuilder("lineRef,amount,status,date,message\r\n");
        for (Object[] r : rows) {
            String message = r[4] == null ? "" : r[4].toString();
            s.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',').append(r[3]).append(',')
                    .append(message.contains(",") ? "\"" + message + "\"" : message).append("\r\n");
        }
        return s.toString();
    }

    /**
     * The rows as an XLSX workbook: strings shared (XSSF) or inline (SXSSF), amounts as numbers, dates as date cells
     * (Excel serials with a date format), an empty row and a title-less first sheet.
     */
    static byte[] xlsx(List<String> header, List<Object[]> rows, boolean shared) {
        try (Workbook wb = shared ? new XSSFWorkbook() : new SXSSFWorkbook(10); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("ผลการโอน");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("d/m/yyyy"));
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
            }
            int n = 1;
            for (Object[] r : rows) {
                Row row = sheet.createRow(n++);
                for (int i = 0; i < r.length; i++) {
                    Object v = r[i];
                    if (v == null) {
                        continue;
                    }
                    var cell = row.createCell(i);
                    if (v instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
            }
            sheet.createRow(n + 3); // an empty row (formatted, no values): skipped
            wb.write(out);
            if (wb instanceof SXSSFWorkbook s) {
                s.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final List<String> HEADER = List.of("lineRef", "amount", "status", "date", "message");

    /** The report with each round's references replaced by their position in the round (so two rounds compare). */
    private Map<String, Object> normalised(Map<String, Object> report, List<String> refs) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(report);
        for (String key : List.of("unknown", "amountMismatch", "duplicates")) {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) m.get(key);
            m.put(key, list.stream().map(r -> refs.contains(r) ? "#" + refs.indexOf(r) : r).toList());
        }
        return m;
    }

    @Test
    void anXlsxFileGivesTheSameReportAsTheSameRowsInCsvAndAgainChangesNothing() {
        long csvRound = exportedRound(5);
        long xlsxRound = exportedRound(5);
        List<String> csvRefs = refs(csvRound);
        List<String> xlsxRefs = refs(xlsxRound);

        HttpResponse<String> fromCsv = results(csvRound, "text/csv", csv(rows(csvRefs)).getBytes(StandardCharsets.UTF_8));
        assertThat(fromCsv.statusCode()).as(fromCsv.body()).isEqualTo(200);
        byte[] workbook = xlsx(HEADER, rows(xlsxRefs), true);
        HttpResponse<String> fromXlsx = results(xlsxRound, XLSX, workbook);
        assertThat(fromXlsx.statusCode()).as(fromXlsx.body()).isEqualTo(200);

        assertThat(normalised(map(fromXlsx), xlsxRefs)).isEqualTo(normalised(map(fromCsv), csvRefs));
        assertThat(map(fromXlsx)).containsEntry("paid", 1).containsEntry("failed", 1).containsEntry("alreadyApplied", 0)
                .containsEntry("unknown", List.of("R999999999-1")).containsEntry("amountMismatch", List.of(xlsxRefs.get(2)))
                .containsEntry("duplicates", List.of(xlsxRefs.get(3)));
        assertThat(statuses(xlsxRound)).isEqualTo(statuses(csvRound)).containsExactly("PAID", "FAILED", "APPROVED", "APPROVED", "APPROVED");
        Map<String, Object> failed = jdbc.queryForMap("SELECT bank_date, bank_message FROM payment_line WHERE id = ?",
                Long.parseLong(xlsxRefs.get(1).substring(xlsxRefs.get(1).indexOf('-') + 1)));
        assertThat(failed.get("bank_date").toString()).isEqualTo("2026-07-15");
        assertThat(failed.get("bank_message")).isEqualTo("บัญชีปิดแล้ว, ติดต่อผู้ปกครอง");

        // the same file again changes nothing; the same rows with inline strings, sent without a content type of their own, neither
        long entries = ledgerEntries(xlsxRound);
        for (byte[] again : List.of(workbook, xlsx(HEADER, rows(xlsxRefs), false))) {
            HttpResponse<String> repeated = results(xlsxRound, "application/octet-stream", again);
            assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(200);
            assertThat(map(repeated)).containsEntry("paid", 0).containsEntry("failed", 0).containsEntry("alreadyApplied", 2)
                    .containsEntry("amountMismatch", List.of(xlsxRefs.get(2))).containsEntry("duplicates", List.of(xlsxRefs.get(3)));
        }
        assertThat(ledgerEntries(xlsxRound)).isEqualTo(entries);
        assertThat(statuses(xlsxRound)).containsExactly("PAID", "FAILED", "APPROVED", "APPROVED", "APPROVED");

        // the remaining lines, with a date written as text and an amount as text: the round is reconciled
        List<Object[]> rest = new ArrayList<>();
        for (int i = 2; i < 5; i++) {
            rest.add(new Object[] {xlsxRefs.get(i), "400.00", "PAID", "2026-07-16", "โอนแล้ว"});
        }
        HttpResponse<String> last = results(xlsxRound, XLSX, xlsx(HEADER, rest, true));
        assertThat(map(last)).as(last.body()).containsEntry("paid", 3);
        assertThat(jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, xlsxRound)).isEqualTo("RECONCILED");
    }

    @Test
    void badWorkbooksAreRefusedWithWhatIsWrongAndChangeNothing() throws IOException {
        long id = exportedRound(2);
        List<String> refs = refs(id);
        long entries = ledgerEntries(id);
        String path = "/api/v1/payment-rounds/" + id + "/bank-results";

        // not a workbook, though sent as one
        HttpResponse<String> text = results(id, XLSX, "lineRef,amount\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(map(text).get("detail").toString()).contains("not a readable Excel workbook (XLSX)");
        // a ZIP that is no workbook
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThat(map(results(id, "application/octet-stream", zip.toByteArray())).get("detail").toString())
                .contains("not a readable Excel workbook");
        // an old .xls file
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0};
        assertThat(map(results(id, "application/vnd.ms-excel", ole2)).get("detail").toString()).contains("(.xls)");
        // a wrong header
        HttpResponse<String> header = results(id, XLSX, xlsx(List.of("ref", "amount", "status", "date", "message"), List.of(), true));
        assertThat(header.statusCode()).isEqualTo(400);
        assertThat(map(header).get("detail").toString()).isEqualTo("Row 1: The first line must be the header lineRef,amount,status,date,message.");
        // a bad row: its row in the sheet, in Thai by default and in English
        List<Object[]> bad = List.of(new Object[] {refs.get(0), 400, "PAID", LocalDate.of(2026, 7, 15), null},
                new Object[] {refs.get(1), 400, "MAYBE", LocalDate.of(2026, 7, 15), null});
        HttpResponse<String> thai = post(path, XLSX, xlsx(HEADER, bad, true), null);
        assertThat(thai.statusCode()).isEqualTo(400);
        assertThat(map(thai).get("detail").toString()).startsWith("แถวที่ 3: ").contains("MAYBE");
        HttpResponse<String> english = results(id, XLSX, xlsx(HEADER, bad, false));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) map(english).get("errors");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "file").containsEntry("line", 3));
        assertThat(map(english).get("detail").toString()).startsWith("Row 3: status must be PAID or FAILED");
        // an amount of more than two decimals, a sixth column
        assertThat(map(results(id, XLSX, xlsx(HEADER, List.<Object[]>of(new Object[] {refs.get(0), 400.125, "PAID", "2026-07-15", null}), true)))
                .get("detail").toString()).startsWith("Row 2: amount");
        assertThat(map(results(id, XLSX, xlsx(HEADER, List.<Object[]>of(new Object[] {refs.get(0), 400, "PAID", "2026-07-15", "", "x"}), true)))
                .get("detail").toString()).startsWith("Row 2: ").contains("5");

        assertThat(statuses(id)).containsOnly("APPROVED");
        assertThat(ledgerEntries(id)).isEqualTo(entries);
        assertThat(jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, id)).isEqualTo("EXPORTED");
    }

    @Test
    void theRoundPageTakesAnXlsxFileToo() {
        long id = exportedRound(2);
        List<String> refs = refs(id);
        WebSession fund = WebSession.loggedIn(port, "fund");
        String page = "/disbursement/rounds/" + id;
        List<Object[]> bad = List.<Object[]>of(new Object[] {refs.get(0), 400, "PAID", "15/07/2569", null});
        HttpResponse<String> refused = fund.postFile(page, page + "/bank-results", "file", "results.xlsx", xlsx(HEADER, bad, true));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"bank-results-error\"").contains("แถวที่ 2: ");
        assertThat(statuses(id)).containsOnly("APPROVED");

        List<Object[]> good = List.<Object[]>of(new Object[] {refs.get(0), 400, "PAID", LocalDate.of(2026, 7, 15), null},
                new Object[] {refs.get(1), 400, "FAILED", LocalDate.of(2026, 7, 15), "ไม่พบบัญชี"});
        HttpResponse<String> applied = fund.postFile(page, page + "/bank-results", "file", "results.xlsx", xlsx(HEADER, good, true));
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("id=\"bank-report\"").containsPattern("id=\"report-paid\">1<").containsPattern("id=\"report-failed\">1<");
        assertThat(statuses(id)).containsExactly("PAID", "FAILED");
    }
}
