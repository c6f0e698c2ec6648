package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The round page's bank file download, bank result upload (with its report, or the file's fault under the field),
 * reversals, the lines' CSV, and a teacher's page of their children's payments.
 */
@IntegrationTest
class BankReconciliationScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentRounds rounds;

    @Autowired
    UserDetailsService users;

    /** An approved round of n children whose bank file was exported by fund; returns its id. */
    static long exportedRound(int port, JdbcTemplate jdbc, PaymentRounds rounds, UserDetailsService users, String term, int n) {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, term, n);
        WebSession fund2 = WebSession.loggedIn(port, "fund2");
        assertThat(fund2.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/approve", Map.of()).statusCode())
                .isEqualTo(302);
        HttpResponse<String> file = WebSession.loggedIn(port, "fund").postFromPage("/disbursement/rounds/" + id,
                "/disbursement/rounds/" + id + "/bank-file", Map.of());
        assertThat(file.statusCode()).isEqualTo(200);
        return id;
    }

    static List<String> refs(JdbcTemplate jdbc, long round) {
        return jdbc.queryForList("SELECT 'R' || round_id || '-' || id FROM payment_line WHERE round_id = ? ORDER BY id", String.class, round);
    }

    @Test
    void theBankFileIsDownloadedAndTheResultsUploadedWithTheirReport() {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, "2567/1", 2);
        WebSession fund = WebSession.loggedIn(port, "fund");
        assertThat(fund.get("/disbursement/rounds/" + id).body()).contains("id=\"bank-not-yet\"").doesNotContain("id=\"bank-file-form\"")
                .contains("id=\"lines-csv\"");
        // a planned round has no bank file: back to its page with the reason
        HttpResponse<String> early = fund.postWithToken("/disbursement/rounds/" + id + "/bank-file", Map.of());
        assertThat(early.statusCode()).isEqualTo(302);
        assertThat(early.headers().firstValue("Location").orElse("")).endsWith("/disbursement/rounds/" + id);
        assertThat(fund.get("/disbursement/rounds/" + id).body()).contains("id=\"round-error\"");
        WebSession fund2 = WebSession.loggedIn(port, "fund2");
        fund2.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/approve", Map.of());
        String approved = fund.get("/disbursement/rounds/" + id).body();
        assertThat(approved).contains("id=\"bank-file-form\"").doesNotContain("id=\"bank-results-form\"");

        HttpResponse<String> file = fund.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-file", Map.of());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(file.body()).startsWith("\uFEFFlineRef,nationalId,payeeName,payeeType,payeeAccount,amount\r\n");
        List<String> refs = refs(jdbc, id);
        assertThat(file.body()).contains(refs.get(0) + ",").contains(refs.get(1) + ",");
        String exported = fund.get("/disbursement/rounds/" + id).body();
        assertThat(exported).contains("id=\"round-exported-by\"").contains("id=\"bank-results-form\"").contains("enctype=\"multipart/form-data\"");

        // a bad file: the fault under the field, with its line
        byte[] bad = ("lineRef,amount,status,date,message\r\n" + refs.get(0) + ",400.00,SENT,2026-07-15,\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = fund.postFile("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-results", "file",
                "result.csv", bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"bank-results-error\"").contains("บรรทัดที่ 2").contains("aria-invalid=\"true\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_line WHERE round_id = ? AND status = 'APPROVED'", Long.class, id)).isEqualTo(2);

        byte[] good = ("lineRef,amount,status,date,message\r\n" + refs.get(0) + ",400.00,PAID,2026-07-15,\r\n" + refs.get(1)
                + ",400.00,FAILED,2026-07-15,ปิดบัญชี\r\nR1-1,400.00,PAID,2026-07-15,\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> report = fund.postFile("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-results", "file",
                "result.csv", good);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("id=\"bank-report\"").contains("id=\"report-paid\">1<").contains("id=\"report-failed\">1<")
                .contains("id=\"report-unknown-count\">1<")
                .contains("R1-1");
        String after = fund.get("/disbursement/rounds/" + id).body();
        assertThat(after).contains("กระทบยอดแล้ว").contains("id=\"reversal-form\"").doesNotContain("id=\"bank-file-form\"");
        HttpResponse<String> empty = fund.postFile("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-results", "file",
                "result.csv", new byte[0]);
        assertThat(empty.body()).contains("id=\"bank-results-error\"");
        assertThat(fund.acceptLanguage("en").get("/disbursement/rounds/" + id + "?lang=en").body()).contains("Reverse a paid line");
    }

    @Test
    void aPaidLineIsReversedOnTheScreenWithAReasonAndTheLinesComeAsCsv() {
        long id = exportedRound(port, jdbc, rounds, users, "2567/1", 2);
        List<String> refs = refs(jdbc, id);
        WebSession fund = WebSession.loggedIn(port, "fund");
        fund.postFile("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-results", "file", "r.csv",
                ("lineRef,amount,status,date,message\n" + refs.get(0) + ",400.00,PAID,2026-07-15,\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noReason = fund.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/reversals",
                Map.of("lineRef", refs.get(0), "reason", ""));
        assertThat(noReason.statusCode()).isEqualTo(200);
        assertThat(noReason.body()).contains("id=\"reversal-reason-error\"");
        HttpResponse<String> notPaid = fund.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/reversals",
                Map.of("lineRef", refs.get(1), "reason", "ผิด"));
        assertThat(notPaid.body()).contains("id=\"reversal-error\"");
        HttpResponse<String> done = fund.postFromPage("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/reversals",
                Map.of("lineRef", refs.get(0), "reason", "โอนผิดบัญชี"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(fund.get("/disbursement/rounds/" + id).body()).contains("กลับรายการแล้ว");
        assertThat(jdbc.queryForObject("SELECT reason FROM ledger_entry WHERE round_id = ? AND kind = 'REVERSAL'", String.class, id))
                .isEqualTo("โอนผิดบัญชี");

        HttpResponse<String> csv = fund.get("/disbursement/rounds/" + id + "/lines.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("\uFEFFเลขอ้างอิง,เลขประจำตัวประชาชน,ชื่อ");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).startsWith(refs.get(0) + ",").endsWith(",400.00,FAILED");
        assertThat(rows[2]).startsWith(refs.get(1) + ",").endsWith(",400.00,APPROVED");
        assertThat(WebSession.loggedIn(port, "province").get("/disbursement/rounds/" + id + "/lines.csv").statusCode()).isEqualTo(403);
    }

    @Test
    void aTeacherSeesThePaidStatusOfTheirOwnChildren() {
        long id = exportedRound(port, jdbc, rounds, users, "2568/1", 2);
        List<String> refs = refs(jdbc, id);
        WebSession.loggedIn(port, "fund").postFile("/disbursement/rounds/" + id, "/disbursement/rounds/" + id + "/bank-results", "file", "r.csv",
                ("lineRef,amount,status,date,message\n" + refs.get(0) + ",400.00,PAID,2026-07-15,\n").getBytes(StandardCharsets.UTF_8));
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        HttpResponse<String> page = teacher.get("/disbursement/children?term=2568/1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"payment-" + refs.get(0) + "\"").contains("id=\"payment-" + refs.get(1) + "\"")
                .contains("จ่ายแล้ว").contains("เด็กจ่ายเงิน");
        // another school's teacher sees none of them
        assertThat(WebSession.loggedIn(port, "teacher2").get("/disbursement/children?term=2568/1").body())
                .doesNotContain("id=\"payment-" + refs.get(0) + "\"");
        assertThat(teacher.get("/disbursement/children?term=2568-1").body()).contains("id=\"term-error\"");
        assertThat(WebSession.loggedIn(port, "fund").get("/disbursement/children").statusCode()).isEqualTo(403);
    }
}
