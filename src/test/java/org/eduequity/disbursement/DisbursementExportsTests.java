package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eduequity.disbursement.DisbursementFixtures.Guardian;
import org.eduequity.disbursement.DisbursementFixtures.Kid;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The round's lines as XLSX (read back with POI: the CSV's rows) and the PDF summary of a province (read back with
 * PDFBox: the figures of the round page and of the service, the Thai font embedded).
 */
@IntegrationTest
class DisbursementExportsTests {

    private static final String TERM = "2568/2";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentRounds rounds;

    @Autowired
    RoundSummaries summaries;

    @Autowired
    UserDetailsService users;

    /** A download's bytes through the session's cookie. */
    static HttpResponse<byte[]> download(WebSession session, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(session.base() + path));
        session.cookie("SESSION").ifPresent(c -> b.header("Cookie", "SESSION=" + c));
        try {
            return HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(Cell cell) {
        return cell == null ? "" : cell.getCellType() == CellType.NUMERIC ? new BigDecimal(cell.getNumericCellValue()).setScale(2).toPlainString()
                : cell.getStringCellValue();
    }

    @Test
    void theLinesAsXlsxHoldTheCsvsRows() throws IOException {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, TERM, 3);
        WebSession fund = WebSession.loggedIn(port, "fund");
        String[] csv = fund.get("/disbursement/rounds/" + id + "/lines.csv").body().substring(1).split("\r\n");
        assertThat(fund.get("/disbursement/rounds/" + id).body()).contains("id=\"lines-xlsx\"")
                .contains("href=\"/disbursement/rounds/" + id + "/lines.xlsx\"");

        HttpResponse<byte[]> xlsx = download(fund, "/disbursement/rounds/" + id + "/lines.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains("round-" + id + "-lines.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("รอบ " + id);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(String.join(",", header)).isEqualTo(csv[0]);
            List<String> refs = BankReconciliationScreensTests.refs(jdbc, id);
            for (int r = 1; r <= 3; r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < 12; c++) {
                    cells.add(text(row.getCell(c)));
                }
                assertThat(String.join(",", cells)).isEqualTo(csv[r]);
                assertThat(cells.get(0)).isEqualTo(refs.get(r - 1));
                assertThat(row.getCell(10).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(10).getNumericCellValue()).isEqualTo(400.0);
                assertThat(row.getCell(1).getCellType()).as("national ids stay text").isEqualTo(CellType.STRING);
                assertThat(cells.get(2)).isEqualTo("เด็กจ่ายเงิน");
                assertThat(cells.get(11)).isEqualTo("PLANNED");
            }
        }
        // a payee name a spreadsheet would run, with a comma and a quote: the CSV quotes it and neutralises it, the XLSX keeps it as text
        long lineId = Long.parseLong(BankReconciliationScreensTests.refs(jdbc, id).get(0).substring(("R" + id + "-").length()));
        jdbc.update("UPDATE payment_line SET payee_name = ? WHERE id = ?", "=HYPERLINK(\"x\"),แม่", lineId);
        String first = fund.get("/disbursement/rounds/" + id + "/lines.csv").body().split("\r\n")[1];
        assertThat(first).contains(",\"'=HYPERLINK(\"\"x\"\"),แม่\",");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download(fund, "/disbursement/rounds/" + id + "/lines.xlsx").body()))) {
            Cell payee = wb.getSheetAt(0).getRow(1).getCell(8);
            assertThat(payee.getCellType()).isEqualTo(CellType.STRING);
            assertThat(payee.getStringCellValue()).isEqualTo("=HYPERLINK(\"x\"),แม่");
        }
        assertThat(download(WebSession.loggedIn(port, "province"), "/disbursement/rounds/" + id + "/lines.xlsx").statusCode()).isEqualTo(403);
        assertThat(download(fund, "/disbursement/rounds/99999999/lines.xlsx").statusCode()).isEqualTo(404);
    }

    /** The figures of a table row of the page: children, lines, amount (without the currency word), paid, failed. */
    private static List<String> screenRow(String html, String province) {
        List<String> figures = new ArrayList<>();
        for (String what : List.of("children", "lines", "amount", "paid", "failed")) {
            Matcher m = Pattern.compile("id=\"province-" + province + "-" + what + "\">([^<]*)<").matcher(html);
            assertThat(m.find()).as(what).isTrue();
            figures.add(m.group(1).replace(" บาท", "").replace(" baht", ""));
        }
        return figures;
    }

    private static String figures(RoundSummaries.Figures f) {
        return String.join(" ", String.format("%,d", f.children()), String.format("%,d", f.lines()),
                new java.text.DecimalFormat("#,##0.00").format(f.amount().amount()), String.format("%,d", f.paid()), String.format("%,d", f.failed()));
    }

    @Test
    void thePdfSummaryOfAProvinceShowsTheRoundPagesFiguresByDistrictAndUnit() throws IOException {
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        List<Kid> khonKaen = new ArrayList<>();
        for (String unit : List.of("1040010001", "1040010001", "1040010001", "1040050002", "1040050002", "1040170003")) {
            khonKaen.add(f.child(TERM, "40", Guardian.WITH_ID, unit));
        }
        khonKaen.add(f.child(TERM, "40", Guardian.NONE, "1040050002"));
        List<Kid> rayong = List.of(f.child(TERM, "21", Guardian.WITH_ID, "1021010004"));
        long kk = f.certify("40", TERM, khonKaen);
        long ry = f.certify("21", TERM, rayong);
        f.budget("CCT_IN_SCHOOL", "40", TERM, "1000000");
        f.budget("CCT_IN_SCHOOL", "21", TERM, "1000000");
        UserDetails fundUser = users.loadUserByUsername("fund");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fundUser, null,
                fundUser.getAuthorities()));
        long id;
        try {
            id = rounds.create("CCT_IN_SCHOOL", TERM, List.of(kk, ry), null).round().id();
        } finally {
            SecurityContextHolder.clearContext();
        }
        WebSession fund = WebSession.loggedIn(port, "fund");
        String page = "/disbursement/rounds/" + id;
        assertThat(WebSession.loggedIn(port, "fund2").postFromPage(page, page + "/approve", Map.of()).statusCode()).isEqualTo(302);
        assertThat(fund.postFromPage(page, page + "/bank-file", Map.of()).statusCode()).isEqualTo(200);
        List<String> refs = BankReconciliationScreensTests.refs(jdbc, id);
        String results = "lineRef,amount,status,date,message\n" + refs.get(0) + ",400.00,PAID,2026-07-15,\n" + refs.get(1)
                + ",400.00,PAID,2026-07-15,\n" + refs.get(3) + ",400.00,FAILED,2026-07-15,ปิดบัญชี\n";
        fund.postFile(page, page + "/bank-results", "file", "r.csv", results.getBytes(StandardCharsets.UTF_8));

        String html = fund.get(page).body();
        assertThat(html).contains("id=\"round-by-province\"").contains("href=\"/disbursement/rounds/" + id + "/provinces/40/summary.pdf\"")
                .contains("href=\"/disbursement/rounds/" + id + "/provinces/21/summary.pdf\"");
        RoundSummaries.ProvinceSummary summary = summaries(id, "40");
        RoundSummaries.Figures total = summary.province().figures();
        // the round page's province row, the service's figures and the lines themselves agree
        assertThat(String.join(" ", screenRow(html, "40"))).isEqualTo(figures(total)).isEqualTo("6 6 2,400.00 2 1");
        assertThat(String.join(" ", screenRow(html, "21"))).isEqualTo("1 1 400.00 0 0");
        Matcher roundTotal = Pattern.compile("id=\"round-total\">([^<]*)<").matcher(html);
        assertThat(roundTotal.find()).isTrue();
        assertThat(roundTotal.group(1)).isEqualTo("2,800.00 บาท"); // the two provinces' amounts together
        assertThat(html).containsPattern("id=\"status-PAID\">\\s*<td>[^<]*</td>\\s*<td class=\"num\">2</td>");
        assertThat(summary.districts()).extracting(RoundSummaries.Row::code).containsExactly("4001", "4005", "4017");
        assertThat(summary.districts()).extracting(d -> figures(d.figures()))
                .containsExactly("3 3 1,200.00 2 0", "2 2 800.00 0 1", "1 1 400.00 0 0"); // the fourth line (failed) is Chum Phae's

        HttpResponse<byte[]> pdf = download(fund, "/disbursement/rounds/" + id + "/provinces/40/summary.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).contains("round-" + id + "-province-40.pdf");
        Path saved = Path.of("target", "pdf", "round-summary-40.pdf");
        Files.createDirectories(saved.getParent());
        Files.write(saved, pdf.body());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            List<String> lines = text.lines().map(String::strip).toList();
            // the province's total, each district's and each unit's figures, as the page and the service count them
            assertThat(lines).anyMatch(l -> l.endsWith(figures(total)) && l.startsWith("รวมทั้งจังหวัด"));
            for (RoundSummaries.Row d : summary.districts()) {
                assertThat(lines).as(d.nameTh()).anyMatch(l -> l.startsWith(d.nameTh()) && l.endsWith(figures(d.figures())));
            }
            List<RoundSummaries.Row> units = new ArrayList<>();
            summariesUnits(id, "40", units);
            assertThat(units).extracting(RoundSummaries.Row::code).containsExactly("1040010001", "1040050002", "1040170003");
            for (RoundSummaries.Row u : units) {
                assertThat(lines).as(u.code()).anyMatch(l -> l.startsWith(u.code()) && l.endsWith(figures(u.figures())));
            }
            assertThat(text).contains("ขอนแก่น").contains("ทุนเสมอภาคนักเรียนยากจนพิเศษ").contains(TERM).contains("R" + id)
                    .doesNotContain("1021010004");
            // the Thai font is embedded
            PDPage first = doc.getPage(0);
            List<String> fonts = new ArrayList<>();
            for (var name : first.getResources().getFontNames()) {
                PDFont font = first.getResources().getFont(name);
                fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : ""));
            }
            assertThat(fonts).anyMatch(n -> n.contains("Waree") && n.endsWith(" embedded"));
        }
        // in English: the labels, and the province's English name beside the Thai one
        HttpResponse<byte[]> english = download(fund.acceptLanguage("en"), "/disbursement/rounds/" + id + "/provinces/21/summary.pdf?lang=en");
        assertThat(english.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(english.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Province total 1 1 400.00 0 0").contains("Rayong").contains("ระยอง");
        }

        assertThat(download(fund, "/disbursement/rounds/" + id + "/provinces/10/summary.pdf").statusCode()).isEqualTo(404);
        assertThat(download(fund, "/disbursement/rounds/" + id + "/provinces/4x/summary.pdf").statusCode()).isEqualTo(404);
        assertThat(download(WebSession.loggedIn(port, "province"), "/disbursement/rounds/" + id + "/provinces/40/summary.pdf").statusCode())
                .isEqualTo(403);
    }

    private RoundSummaries.ProvinceSummary summaries(long id, String province) {
        return asFund(() -> summaries.province(id, province));
    }

    private void summariesUnits(long id, String province, List<RoundSummaries.Row> into) {
        asFund(() -> {
            summaries.eachUnit(id, province, into::add);
            return null;
        });
    }

    private <T> T asFund(java.util.function.Supplier<T> what) {
        UserDetails fundUser = users.loadUserByUsername("fund");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fundUser, null,
                fundUser.getAuthorities()));
        try {
            return what.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
