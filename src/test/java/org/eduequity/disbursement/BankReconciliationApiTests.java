package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.eduequity.disbursement.DisbursementFixtures.Kid;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank file, the bank's results, re-planning failed lines and reversals, through the API of survey-format.md, on
 * the disbursement tests' own terms.
 */
@IntegrationTest
class BankReconciliationApiTests {

    static final String HEADER = "lineRef,amount,status,date,message\r\n";

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

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en").GET().build());
    }

    private HttpResponse<String> post(String user, String path, String type, byte[] body) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en")
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<String> results(long round, String csv) {
        return post("fund", "/api/v1/payment-rounds/" + round + "/bank-results", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> r) {
        return json.readValue(r.body(), Map.class);
    }

    /** An approved round (planned by fund, approved by fund2) of CCT_IN_SCHOOL with n children in Khon Kaen. */
    long approvedRound(String term, int n) {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, term, n);
        HttpResponse<String> approved = post("fund2", "/api/v1/payment-rounds/" + id + "/approval", "application/json", "{}".getBytes());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return id;
    }

    /** The round's line references in line order. */
    List<String> refs(long round) {
        return jdbc.queryForList("SELECT 'R' || round_id || '-' || id FROM payment_line WHERE round_id = ? ORDER BY id", String.class, round);
    }

    String status(String ref) {
        return jdbc.queryForObject("SELECT status FROM payment_line WHERE id = ?", String.class, Long.parseLong(ref.substring(ref.indexOf('-') + 1)));
    }

    String roundStatus(long round) {
        return jdbc.queryForObject("SELECT status FROM payment_round WHERE id = ?", String.class, round);
    }

    long ledgerEntries(long round) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE round_id = ?", Long.class, round);
    }

    @Test
    void theBankFileOfAnApprovedRoundAndItsResultsMarkLinesPaidOrFailedOnce() {
        long id = DisbursementScreensTests.plannedRound(jdbc, rounds, users, "2568/2", 4);
        // a planned round has no bank file, and results cannot be imported before it is exported
        HttpResponse<String> early = get("fund", "/api/v1/payment-rounds/" + id + "/bank-file");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(post("fund2", "/api/v1/payment-rounds/" + id + "/approval", "application/json", "{}".getBytes()).statusCode()).isEqualTo(200);
        assertThat(results(id, HEADER).statusCode()).isEqualTo(409);
        assertThat(get("teacher", "/api/v1/payment-rounds/" + id + "/bank-file").statusCode()).isEqualTo(403);
        assertThat(roundStatus(id)).isEqualTo("APPROVED");

        HttpResponse<String> file = get("fund", "/api/v1/payment-rounds/" + id + "/bank-file");
        assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        List<String> refs = refs(id);
        assertThat(refs).hasSize(4);
        String[] rows = file.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("\uFEFFlineRef,nationalId,payeeName,payeeType,payeeAccount,amount");
        assertThat(rows).hasSize(5);
        Map<String, Object> line0 = jdbc.queryForMap("SELECT national_id, payee_name, payee_account FROM payment_line WHERE id = ?",
                Long.parseLong(refs.get(0).substring(refs.get(0).indexOf('-') + 1)));
        assertThat(rows[1]).isEqualTo(String.join(",", refs.get(0), (String) line0.get("national_id"), (String) line0.get("payee_name"), "GUARDIAN",
                (String) line0.get("payee_account"), "400.00"));
        assertThat(roundStatus(id)).isEqualTo("EXPORTED");
        assertThat(map(get("fund", "/api/v1/payment-rounds/" + id))).containsEntry("status", "EXPORTED").containsEntry("exportedBy", "fund");

        long entriesBefore = ledgerEntries(id);
        String csv = HEADER
                + refs.get(0) + ",400.00,PAID,2026-07-15,\r\n"
                + refs.get(1) + ",400,FAILED,2026-07-15,\"บัญชีปิดแล้ว, ติดต่อผู้ปกครอง\"\r\n"
                + refs.get(2) + ",399.00,PAID,2026-07-15,\r\n"
                + refs.get(3) + ",400.00,PAID,2026-07-15,\r\n"
                + "R" + id + "-999999999,400.00,PAID,2026-07-15,\r\n"
                + "R999999999-1,400.00,PAID,2026-07-15,\r\n"
                + refs.get(3) + ",400.00,PAID,2026-07-16,again\r\n";
        HttpResponse<String> applied = results(id, csv);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(map(applied)).containsEntry("paid", 1).containsEntry("failed", 1).containsEntry("alreadyApplied", 0)
                .containsEntry("unknown", List.of("R" + id + "-999999999", "R999999999-1")).containsEntry("amountMismatch", List.of(refs.get(2)))
                .containsEntry("duplicates", List.of(refs.get(3)));
        assertThat(status(refs.get(0))).isEqualTo("PAID");
        assertThat(status(refs.get(1))).isEqualTo("FAILED");
        assertThat(status(refs.get(2))).isEqualTo("APPROVED");
        assertThat(status(refs.get(3))).isEqualTo("APPROVED");
        assertThat(ledgerEntries(id)).isEqualTo(entriesBefore + 2);
        assertThat(jdbc.queryForObject("SELECT bank_message FROM payment_line WHERE id = ?", String.class,
                Long.parseLong(refs.get(1).substring(refs.get(1).indexOf('-') + 1)))).isEqualTo("บัญชีปิดแล้ว, ติดต่อผู้ปกครอง");
        assertThat(roundStatus(id)).isEqualTo("EXPORTED");

        // the same file again changes nothing
        HttpResponse<String> again = results(id, csv);
        assertThat(map(again)).containsEntry("paid", 0).containsEntry("failed", 0).containsEntry("alreadyApplied", 2)
                .containsEntry("amountMismatch", List.of(refs.get(2))).containsEntry("duplicates", List.of(refs.get(3)));
        assertThat(ledgerEntries(id)).isEqualTo(entriesBefore + 2);

        // the bank file now holds only the lines still awaiting a result
        String[] awaiting = get("fund", "/api/v1/payment-rounds/" + id + "/bank-file").body().split("\r\n");
        assertThat(awaiting).hasSize(3);
        assertThat(awaiting[1]).startsWith(refs.get(2) + ",");
        assertThat(awaiting[2]).startsWith(refs.get(3) + ",");

        HttpResponse<String> rest = results(id, HEADER + refs.get(2) + ",400.00,PAID,2026-07-20,\r\n" + refs.get(3) + ",400.00,paid,2026-07-20,ok\r\n");
        assertThat(map(rest)).containsEntry("paid", 2).containsEntry("failed", 0).containsEntry("alreadyApplied", 0);
        assertThat(roundStatus(id)).isEqualTo("RECONCILED");
        assertThat(map(results(id, csv))).containsEntry("alreadyApplied", 2).containsEntry("paid", 0);
        assertThat(get("fund", "/api/v1/payment-rounds/" + id + "/bank-file").statusCode()).isEqualTo(409);
        assertThat(map(get("fund", "/api/v1/payment-rounds/" + id)).get("counts")).isEqualTo(Map.of("PLANNED", 0, "APPROVED", 0, "PAID", 3,
                "FAILED", 1, "CANCELLED", 0));
        assertThat(post("teacher", "/api/v1/payment-rounds/" + id + "/bank-results", "text/csv", HEADER.getBytes()).statusCode()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badFilesAreRefusedWithTheirLineAndChangeNothing() {
        long id = approvedRound("2568/2", 2);
        assertThat(get("fund", "/api/v1/payment-rounds/" + id + "/bank-file").statusCode()).isEqualTo(200);
        List<String> refs = refs(id);
        String good = refs.get(0) + ",400.00,PAID,2026-07-15,\r\n";
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("lineRef,amount,status\r\n" + good, 1);
        cases.put("", 1);
        cases.put(HEADER + good + refs.get(1) + ",4OO.00,PAID,2026-07-15,\r\n", 3);
        cases.put(HEADER + good + "\r\n" + refs.get(1) + ",400.00,SENT,2026-07-15,\r\n", 4);
        cases.put(HEADER + good + refs.get(1) + ",400.00,PAID,15/07/2569,\r\n", 3);
        cases.put(HEADER + good + refs.get(1) + ",400.00,PAID\r\n", 3);
        cases.put(HEADER + good + refs.get(1) + ",400.00,PAID,2026-07-15,\"not closed\r\n", 3);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = results(id, c.getKey());
            assertThat(r.statusCode()).as(c.getKey() + " → " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            Map<String, Object> error = ((List<Map<String, Object>>) map(r).get("errors")).get(0);
            assertThat(error).as(r.body()).containsEntry("field", "file").containsEntry("line", c.getValue());
        }
        assertThat(results(id, HEADER + refs.get(1) + ",400.00,SENT,2026-07-15,\r\n").body()).contains("Line 2: status must be PAID or FAILED");
        byte[] windows874 = (HEADER + good + refs.get(1) + ",400.00,FAILED,2026-07-15,ปิด\r\n").getBytes(java.nio.charset.Charset.forName("x-windows-874"));
        HttpResponse<String> notUtf8 = post("fund", "/api/v1/payment-rounds/" + id + "/bank-results", "text/csv", windows874);
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("UTF-8");
        assertThat(status(refs.get(0))).isEqualTo("APPROVED");
        // a BOM is fine
        HttpResponse<String> withBom = results(id, "\uFEFF" + HEADER + good);
        assertThat(map(withBom)).as(withBom.body()).containsEntry("paid", 1);
    }

    @Test
    void manyLinesAreReadAsAStreamAndTheListsAreCapped() {
        long id = approvedRound("2568/2", 1);
        get("fund", "/api/v1/payment-rounds/" + id + "/bank-file");
        String ref = refs(id).get(0);
        StringBuilder csv = new StringBuilder(HEADER);
        int unknown = 30_000;
        for (int i = 0; i < unknown; i++) {
            csv.append("R").append(id).append("-9").append(i).append(",400.00,FAILED,2026-07-15,no such account\r\n");
        }
        csv.append(ref).append(",400.00,PAID,2026-07-15,\r\n");
        HttpResponse<String> r = results(id, csv.toString());
        assertThat(r.statusCode()).as(r.body().substring(0, Math.min(500, r.body().length()))).isEqualTo(200);
        Map<String, Object> report = map(r);
        assertThat(report).containsEntry("paid", 1).containsEntry("unknownCount", unknown);
        assertThat((List<?>) report.get("unknown")).hasSize(BankReconciliation.MAX_LISTED);
        assertThat(((List<?>) report.get("unknown")).get(0)).isEqualTo("R" + id + "-90");
        assertThat(roundStatus(id)).isEqualTo("RECONCILED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedLineIsPlannedAgainInALaterRoundAndAPaidLineCanBeReversedWithAReason() {
        String term = "2566/1";
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        List<Kid> kids = f.children(term, "40", 3);
        f.budget("CCT_IN_SCHOOL", "40", term, "100000");
        long cert = f.certify("40", term, kids);
        long first = plan(term, cert);
        post("fund2", "/api/v1/payment-rounds/" + first + "/approval", "application/json", "{}".getBytes());
        get("fund", "/api/v1/payment-rounds/" + first + "/bank-file");
        List<String> refs = refs(first);
        assertThat(map(results(first, HEADER + refs.get(0) + ",400.00,PAID,2026-07-15,\r\n" + refs.get(1) + ",400.00,FAILED,2026-07-15,closed\r\n"
                + refs.get(2) + ",400.00,PAID,2026-07-15,\r\n"))).containsEntry("paid", 2).containsEntry("failed", 1);

        // the child whose line failed is planned again from a later version of the list; the paid ones are not
        long v2 = f.certify("40", term, kids);
        HttpResponse<String> later = WebSession.sendApi(WebSession.basic(port, "/api/v1/payment-rounds", "fund2", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"programme\": \"CCT_IN_SCHOOL\", \"term\": \"" + term + "\", \"certifications\": [" + v2 + "]}")).build());
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);
        assertThat(map(later)).containsEntry("lines", 1).containsEntry("total", "400.00");
        long second = ((Number) map(later).get("id")).longValue();
        assertThat(jdbc.queryForObject("SELECT child_id FROM payment_line WHERE round_id = ?", Long.class, second)).isEqualTo(kids.get(1).childId());
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) map(later).get("skipped");
        assertThat(skipped).extracting(s -> s.get("reason")).containsOnly("ALREADY_PLANNED");
        assertThat(skipped).extracting(s -> s.get("nationalId")).containsExactlyInAnyOrder(kids.get(0).nationalId(), kids.get(2).nationalId());

        // a reversal of a paid line: a reason is needed, fund only, once
        String path = "/api/v1/payment-rounds/" + first + "/reversals";
        assertThat(post("fund", path, "application/json", ("{\"lineRef\": \"" + refs.get(0) + "\", \"reason\": \" \"}").getBytes()).body())
                .contains("\"reason\"");
        assertThat(post("teacher", path, "application/json", ("{\"lineRef\": \"" + refs.get(0) + "\", \"reason\": \"x\"}").getBytes())
                .statusCode()).isEqualTo(403);
        HttpResponse<String> failedOne = post("fund", path, "application/json", ("{\"lineRef\": \"" + refs.get(1) + "\", \"reason\": \"x\"}").getBytes());
        assertThat(failedOne.statusCode()).as(failedOne.body()).isEqualTo(409);
        assertThat(post("fund", path, "application/json", "{\"lineRef\": \"R1-1\", \"reason\": \"x\"}".getBytes()).statusCode()).isEqualTo(400);
        HttpResponse<String> reversed = post("fund", path, "application/json",
                ("{\"lineRef\": \"" + refs.get(0) + "\", \"reason\": \"ธนาคารโอนคืน บัญชีผิด\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(201);
        assertThat(map(reversed)).containsEntry("lineRef", refs.get(0)).containsEntry("status", "FAILED").containsEntry("amount", "-400.00");
        assertThat(post("fund", path, "application/json", ("{\"lineRef\": \"" + refs.get(0) + "\", \"reason\": \"again\"}").getBytes())
                .statusCode()).isEqualTo(409);
        assertThat(status(refs.get(0))).isEqualTo("FAILED");

        // the child's history shows the payment and its reversal
        HttpResponse<String> payments = get("teacher", "/api/v1/children/" + kids.get(0).nationalId() + "/payments");
        assertThat(payments.statusCode()).as(payments.body()).isEqualTo(200);
        Map<String, Object> line = ((List<Map<String, Object>>) map(payments).get("payments")).get(0);
        assertThat(line).containsEntry("status", "FAILED").containsEntry("round", (int) first);
        assertThat(((List<Map<String, Object>>) line.get("entries")).stream().map(e -> e.get("kind") + " " + e.get("amount")))
                .containsExactly("PLANNED 400.00", "APPROVED 400.00", "PAID 400.00", "REVERSAL -400.00");
        assertThat((List<Map<String, Object>>) line.get("reversals")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("reason", "ธนาคารโอนคืน บัญชีผิด"));
        // the ledger stays append-only: the paid entry is still there
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE child_id = ? AND kind = 'PAID'", Long.class,
                kids.get(0).childId())).isEqualTo(1);
    }

    @Test
    void theYouthShareIsWrittenAsPromptPayOnTheNationalIdLikeAGuardian() {
        long id = approvedRound("2568/2", 1);
        jdbc.update("UPDATE payment_line SET payee_type = 'YOUTH' WHERE round_id = ?", id);
        String[] rows = get("fund", "/api/v1/payment-rounds/" + id + "/bank-file").body().split("\r\n");
        assertThat(rows).hasSize(2);
        assertThat(rows[1].split(",")[3]).isEqualTo("GUARDIAN");
    }

    private long plan(String term, long cert) {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/payment-rounds", "fund", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"programme\": \"CCT_IN_SCHOOL\", \"term\": \"" + term + "\", \"certifications\": [" + cert + "]}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ((Number) map(r).get("id")).longValue();
    }
}
