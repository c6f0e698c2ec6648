package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.eduequity.disbursement.DisbursementFixtures.Guardian;
import org.eduequity.disbursement.DisbursementFixtures.Kid;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The disbursement API of survey-format.md on certified lists of the disbursement tests' own terms (2566/1–2568/2). */
@IntegrationTest
class DisbursementApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    private DisbursementFixtures fixtures() {
        return new DisbursementFixtures(jdbc);
    }

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en").GET().build());
    }

    private HttpResponse<String> post(String user, String path, String body) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> round(String user, String programme, String term, String reason, long... certifications) {
        StringBuilder ids = new StringBuilder();
        for (long id : certifications) {
            ids.append(ids.isEmpty() ? "" : ", ").append(id);
        }
        return post(user, "/api/v1/payment-rounds", """
                {"programme": "%s", "term": "%s", "certifications": [%s], "overBudgetReason": %s}"""
                .formatted(programme, term, ids, reason == null ? "null" : "\"" + reason + "\""));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> r) {
        return json.readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> skipped(Map<String, Object> body) {
        Map<String, String> byId = new java.util.HashMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) body.get("skipped")) {
            byId.put((String) s.get("nationalId"), (String) s.get("reason"));
        }
        return byId;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFiveProgrammesAreDataWithTheirAmountsAndPayees() {
        HttpResponse<String> r = get("fund", "/api/v1/programmes");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> list = json.readValue(r.body(), List.class);
        Map<String, Map<String, Object>> byCode = new java.util.HashMap<>();
        list.forEach(p -> byCode.put((String) p.get("code"), p));
        assertThat(byCode).containsKeys("CCT_EARLY_CHILDHOOD", "CCT_IN_SCHOOL", "OOS_YOUTH", "CENTRE_DEVELOPMENT", "COVID_RELIEF");
        Map<String, Object> cct = byCode.get("CCT_IN_SCHOOL");
        assertThat(cct).containsEntry("amount", "800.00").containsEntry("amountRule", "PER_YEAR_BY_TERM").containsEntry("payee", "GUARDIAN")
                .containsEntry("targetGroup", "STUDENTS").containsEntry("eligibleClasses", List.of("EXTREMELY_POOR", "POOR"));
        assertThat(cct.get("shares")).isEqualTo(List.of(Map.of("payee", "GUARDIAN", "amount", "400.00")));
        assertThat(cct.get("name")).isEqualTo("Conditional cash transfer, students in school");
        assertThat(byCode.get("CCT_EARLY_CHILDHOOD")).containsEntry("amount", "400.00").containsEntry("payee", "ORG_UNIT")
                .containsEntry("amountRule", "PER_CHILD_PER_TERM").containsEntry("targetGroup", "EARLY_CHILDHOOD");
        assertThat(byCode.get("OOS_YOUTH")).containsEntry("amount", "4000.00").containsEntry("amountRule", "PER_CASE");
        assertThat(byCode.get("OOS_YOUTH").get("shares")).isEqualTo(List.of(Map.of("payee", "YOUTH", "amount", "1000.00"),
                Map.of("payee", "PROVIDER", "amount", "3000.00")));
        assertThat(byCode.get("CENTRE_DEVELOPMENT")).containsEntry("amount", "25000.00").containsEntry("amountRule", "PER_CENTRE");
        assertThat(byCode.get("COVID_RELIEF")).containsEntry("amount", "600.00");
        // Thai by default
        HttpResponse<String> th = WebSession.sendApi(WebSession.basic(port, "/api/v1/programmes", "fund", WebSession.DEMO_PASSWORD).GET().build());
        assertThat(th.body()).contains("ทุนเสมอภาคนักเรียนยากจนพิเศษ");
        // a per-term payment of every programme planned from lists adds up to its amount under its rule
        Integer inconsistent = jdbc.queryForObject("""
                SELECT count(*)::int FROM programme p JOIN (SELECT programme_code, sum(amount) AS s FROM programme_share GROUP BY 1) x
                  ON x.programme_code = p.code
                WHERE x.s <> CASE p.amount_rule WHEN 'PER_YEAR_BY_TERM' THEN p.amount / 2 ELSE p.amount END""", Integer.class);
        assertThat(inconsistent).isZero();
        assertThat(get("teacher", "/api/v1/programmes").statusCode()).isEqualTo(403);
        assertThat(get("province", "/api/v1/programmes").statusCode()).isEqualTo(403);
    }

    @Test
    void aCertifiedChildWhoIsOutOfSchoolIsNotPaidByTheStudentProgramme() {
        // Nan (55) has no demo data: a school of the test's own, two certified children, one of them out of school (a found
        // child whose household had a full home visit, ADR 0011) — paid through out-of-school cases, never CCT_IN_SCHOOL
        String term = "2566/2";
        jdbc.update("""
                INSERT INTO org_unit (code, name_th, type, affiliation, subdistrict_code, district_code, province_code)
                VALUES ('5501019901', 'โรงเรียนทดสอบน่าน', 'SCHOOL', 'OBEC', '550101', '5501', '55') ON CONFLICT (code) DO NOTHING""");
        DisbursementFixtures f = fixtures();
        Kid inSchool = f.child(term, "55", Guardian.WITH_ID, "5501019901");
        Kid outOfSchool = f.child(term, "55", Guardian.WITH_ID, "5501019901");
        jdbc.update("UPDATE child SET status = 'OUT_OF_SCHOOL', found_subdistrict_code = '550101' WHERE id = ?", outOfSchool.childId());
        long cert = f.certify("55", term, List.of(inSchool, outOfSchool));
        f.budget("CCT_IN_SCHOOL", "55", term, "100000");

        HttpResponse<String> created = round("fund", "CCT_IN_SCHOOL", term, null, cert);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = map(created);
        assertThat(body).containsEntry("lines", 1).containsEntry("total", "400.00");
        assertThat(skipped(body)).containsExactlyInAnyOrderEntriesOf(Map.of(outOfSchool.nationalId(), "OUT_OF_SCHOOL"));
        assertThat(created.body()).contains("The child is out of school");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_line WHERE national_id = ?", Long.class, outOfSchool.nationalId())).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoundPlansEachCertifiedChildOnceWithItsGuardianAndASecondFundUserApprovesIt() {
        String term = "2566/1";
        DisbursementFixtures f = fixtures();
        Kid a = f.child(term, "40", Guardian.WITH_ID);
        Kid b = f.child(term, "40", Guardian.WITH_ID);
        Kid noGuardian = f.child(term, "40", Guardian.NONE);
        Kid gCode = f.child(term, "40", Guardian.WITH_G_CODE);
        Kid noId = f.child(term, "40", Guardian.WITHOUT_ID);
        long cert = f.certify("40", term, List.of(a, b, noGuardian, gCode, noId));
        f.budget("CCT_IN_SCHOOL", "40", term, "100000");

        HttpResponse<String> created = round("fund", "CCT_IN_SCHOOL", term, null, cert);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> body = map(created);
        assertThat(body).containsEntry("status", "PLANNED").containsEntry("lines", 2).containsEntry("total", "800.00");
        assertThat(skipped(body)).containsExactlyInAnyOrderEntriesOf(Map.of(noGuardian.nationalId(), "NO_GUARDIAN",
                gCode.nationalId(), "GUARDIAN_WITHOUT_NATIONAL_ID", noId.nationalId(), "GUARDIAN_WITHOUT_NATIONAL_ID"));
        assertThat(created.body()).contains("No household member is marked as the guardian");
        long id = ((Number) body.get("id")).longValue();
        assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/api/v1/payment-rounds/" + id);

        Map<String, Object> shown = map(get("fund", "/api/v1/payment-rounds/" + id));
        assertThat(shown).containsEntry("status", "PLANNED").containsEntry("programme", "CCT_IN_SCHOOL").containsEntry("term", term)
                .containsEntry("lines", 2).containsEntry("total", "800.00").containsEntry("skippedCount", 3).containsEntry("createdBy", "fund");
        assertThat((Map<String, Object>) shown.get("counts")).containsEntry("PLANNED", 2).containsEntry("APPROVED", 0);
        assertThat((Map<String, Object>) shown.get("totals")).containsEntry("PLANNED", "800.00").containsEntry("APPROVED", "0.00");
        List<Map<String, Object>> items = (List<Map<String, Object>>) shown.get("items");
        assertThat(items).hasSize(2);
        Map<String, Object> lineA = items.stream().filter(i -> a.nationalId().equals(i.get("nationalId"))).findFirst().orElseThrow();
        assertThat(lineA).containsEntry("payeeType", "GUARDIAN").containsEntry("payeeAccount", a.guardianId())
                .containsEntry("payeeName", "แม่ ทดสอบ").containsEntry("amount", "400.00").containsEntry("status", "PLANNED")
                .containsEntry("orgUnitCode", "1040010001").containsEntry("province", "40");
        assertThat((String) lineA.get("lineRef")).startsWith("R" + id + "-");
        assertThat((List<?>) map(get("fund", "/api/v1/payment-rounds/" + id + "?size=1&page=1")).get("items")).hasSize(1);
        assertThat(get("fund", "/api/v1/payment-rounds/" + id + "?size=5000").statusCode()).isEqualTo(400);
        assertThat(get("fund", "/api/v1/payment-rounds/99999999").statusCode()).isEqualTo(404);

        // four eyes: the creator may not approve, another fund user does
        assertThat(post("fund", "/api/v1/payment-rounds/" + id + "/approval", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> approved = post("fund2", "/api/v1/payment-rounds/" + id + "/approval", "{}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(map(approved)).containsEntry("status", "APPROVED");
        assertThat(post("fund2", "/api/v1/payment-rounds/" + id + "/approval", "{}").statusCode()).isEqualTo(409);
        Map<String, Object> after = map(get("fund", "/api/v1/payment-rounds/" + id));
        assertThat((Map<String, Object>) after.get("counts")).containsEntry("PLANNED", 0).containsEntry("APPROVED", 2);
        assertThat(after).containsEntry("approvedBy", "fund2");

        // the same list again: nobody is planned twice, and each child says why
        HttpResponse<String> again = round("fund2", "CCT_IN_SCHOOL", term, null, cert);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        Map<String, String> why = skipped(map(again));
        assertThat(why).containsEntry(a.nationalId(), "ALREADY_PLANNED").containsEntry(b.nationalId(), "ALREADY_PLANNED")
                .containsEntry(noGuardian.nationalId(), "NO_GUARDIAN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_line WHERE child_id IN (?, ?)", Long.class, a.childId(), b.childId()))
                .isEqualTo(2);

        // the child's ledger, for whoever may see the child
        HttpResponse<String> payments = get("teacher", "/api/v1/children/" + a.nationalId() + "/payments");
        assertThat(payments.statusCode()).as(payments.body()).isEqualTo(200);
        List<Map<String, Object>> history = (List<Map<String, Object>>) map(payments).get("payments");
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("programme", "CCT_IN_SCHOOL").containsEntry("term", term).containsEntry("round", (int) id)
                .containsEntry("amount", "400.00").containsEntry("status", "APPROVED").containsEntry("reversals", List.of());
        assertThat(((List<Map<String, Object>>) history.get(0).get("entries")).stream().map(e -> e.get("kind") + " " + e.get("amount")))
                .containsExactly("PLANNED 400.00", "APPROVED 400.00");
        assertThat(get("fund", "/api/v1/children/" + a.nationalId() + "/payments").statusCode()).isEqualTo(200);
        assertThat(get("province", "/api/v1/children/" + a.nationalId() + "/payments").statusCode()).isEqualTo(200);
        assertThat(get("teacher2", "/api/v1/children/" + a.nationalId() + "/payments").statusCode()).isEqualTo(403);
        assertThat(get("province2", "/api/v1/children/" + a.nationalId() + "/payments").statusCode()).isEqualTo(403);
        assertThat(map(get("fund", "/api/v1/children/" + noGuardian.nationalId() + "/payments")).get("payments")).isEqualTo(List.of());
        assertThat(get("fund", "/api/v1/children/" + DisbursementFixtures.nationalId() + "/payments").statusCode()).isEqualTo(404);

        // the ledger is append-only
        assertThatThrownBy(() -> jdbc.update("UPDATE ledger_entry SET amount = 1 WHERE child_id = ?", a.childId()))
                .hasMessageContaining("append-only");
    }

    @Test
    @SuppressWarnings("unchecked")
    void overBudgetIsShownAndRefusedUnlessAReasonIsGiven() {
        String term = "2566/2";
        DisbursementFixtures f = fixtures();
        List<Kid> kids = f.children(term, "40", 3);
        long cert = f.certify("40", term, kids);
        f.budget("CCT_IN_SCHOOL", "40", term, "1000.00");

        HttpResponse<String> refused = round("fund", "CCT_IN_SCHOOL", term, null, cert);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        List<Map<String, Object>> over = (List<Map<String, Object>>) map(refused).get("overBudget");
        assertThat(over).containsExactly(Map.of("province", "40", "budget", "1000.00", "used", "0.00", "planned", "1200.00", "excess", "200.00"));
        assertThat(map(refused).get("detail").toString()).contains("overBudgetReason");
        // nothing was recorded
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_line WHERE child_id = ?", Long.class, kids.get(0).childId())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_round WHERE ? = ANY (certification_ids)", Long.class, cert)).isZero();

        HttpResponse<String> confirmed = round("fund", "CCT_IN_SCHOOL", term, "งบกลางปีอนุมัติแล้ว", cert);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        assertThat(map(confirmed)).containsEntry("lines", 3).containsEntry("total", "1200.00").containsEntry("overBudgetReason", "งบกลางปีอนุมัติแล้ว");
        assertThat(((List<?>) map(confirmed).get("overBudget"))).hasSize(1);

        // a province without a budget is over it
        String rayongTerm = "2567/1";
        List<Kid> rayong = f.children(rayongTerm, "21", 1);
        long rayongCert = f.certify("21", rayongTerm, rayong);
        HttpResponse<String> noBudget = round("fund", "CCT_IN_SCHOOL", rayongTerm, null, rayongCert);
        assertThat(noBudget.statusCode()).as(noBudget.body()).isEqualTo(409);
        assertThat((List<Map<String, Object>>) map(noBudget).get("overBudget")).singleElement().satisfies(o -> {
            assertThat(o.get("province")).isEqualTo("21");
            assertThat(o.get("budget")).isNull();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void severalProvincesInOneRoundAndAnAmendmentPlansOnlyTheChildrenItAdds() {
        String term = "2567/2";
        DisbursementFixtures f = fixtures();
        List<Kid> khonKaen = f.children(term, "40", 2);
        List<Kid> rayong = f.children(term, "21", 1);
        long v1 = f.certify("40", term, khonKaen);
        long rayongCert = f.certify("21", term, rayong);
        f.budget("CCT_IN_SCHOOL", "40", term, "100000");
        f.budget("CCT_IN_SCHOOL", "21", term, "100000");

        HttpResponse<String> both = round("fund", "CCT_IN_SCHOOL", term, null, v1, rayongCert);
        assertThat(both.statusCode()).as(both.body()).isEqualTo(201);
        assertThat(map(both)).containsEntry("lines", 3).containsEntry("total", "1200.00").containsEntry("skipped", List.of());
        long id = ((Number) map(both).get("id")).longValue();
        assertThat(map(get("fund", "/api/v1/payment-rounds/" + id)).get("provinces")).isEqualTo(List.of("21", "40"));

        Kid added = f.child(term, "40", Guardian.WITH_ID);
        List<Kid> amended = new java.util.ArrayList<>(khonKaen);
        amended.add(added);
        long v2 = f.certify("40", term, amended);
        HttpResponse<String> stale = round("fund", "CCT_IN_SCHOOL", term, null, v1);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(map(stale).get("detail").toString()).contains("was amended");

        HttpResponse<String> amendment = round("fund", "CCT_IN_SCHOOL", term, null, v2);
        assertThat(amendment.statusCode()).as(amendment.body()).isEqualTo(201);
        assertThat(map(amendment)).containsEntry("lines", 1).containsEntry("total", "400.00");
        assertThat(skipped(map(amendment))).containsExactlyInAnyOrderEntriesOf(Map.of(khonKaen.get(0).nationalId(), "ALREADY_PLANNED",
                khonKaen.get(1).nationalId(), "ALREADY_PLANNED"));
    }

    @Test
    void invalidRequestsAreRefusedFieldByField() {
        String term = "2568/1";
        DisbursementFixtures f = fixtures();
        long cert = f.certify("40", term, f.children(term, "40", 1));
        long otherTerm = f.certify("40", "2568/2", f.children("2568/2", "40", 1));

        assertThat(round("fund", "CCT_IN_SCHOOL", "2568-1", null, cert).body()).contains("\"term\"");
        assertThat(round("fund", "CCT_IN_SCHOOL", "2568-1", null, cert).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = round("fund", "NO_SUCH", term, null, cert);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"programme\"").contains("There is no programme NO_SUCH");
        assertThat(round("fund", "OOS_YOUTH", term, null, cert).statusCode()).isEqualTo(400);
        assertThat(round("fund", "CCT_IN_SCHOOL", term, null).body()).contains("\"certifications\"");
        assertThat(round("fund", "CCT_IN_SCHOOL", term, null, 99999999L).body()).contains("There is no certified list version 99999999");
        HttpResponse<String> wrongTerm = round("fund", "CCT_IN_SCHOOL", term, null, otherTerm);
        assertThat(wrongTerm.statusCode()).isEqualTo(400);
        assertThat(wrongTerm.body()).contains("is of term 2568/2");
        long v2 = f.certify("40", term, f.children(term, "40", 1));
        HttpResponse<String> twice = round("fund", "CCT_IN_SCHOOL", term, null, cert, v2);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("one certified list version per province");
        assertThat(post("fund", "/api/v1/payment-rounds/99999999/approval", "{}").statusCode()).isEqualTo(404);
        assertThat(round("province", "CCT_IN_SCHOOL", term, null, v2).statusCode()).isEqualTo(403);
    }
}
