package org.eduequity.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.review.ReviewFixtures.A;
import static org.eduequity.review.ReviewFixtures.B;
import static org.eduequity.review.ReviewFixtures.C;
import static org.eduequity.review.ReviewFixtures.D;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.eduequity.review.ReviewFixtures.Household;
import org.eduequity.screening.Screening;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The review and certification API of survey-format.md, on screened households of the review tests' own terms. */
@IntegrationTest
class ReviewApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Screening screening;

    @Autowired
    org.eduequity.screening.RuleSets ruleSets;

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en").GET().build());
    }

    private HttpResponse<String> post(String user, String path, String body) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Accept-Language", "en")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> r) {
        return json.readValue(r.body(), Map.class);
    }

    private Household household(String term, int example, boolean photos) {
        return new ReviewFixtures(jdbc, tx, screening, ruleSets, json).screened(term, example, photos);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> outcomes(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> byId = new java.util.HashMap<>();
        for (Map<String, Object> o : (List<Map<String, Object>>) map(r).get("results")) {
            byId.put((String) o.get("nationalId"), o.get("outcome") + (o.get("detail") == null ? "" : ": " + o.get("detail")));
        }
        return byId;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListShowsEachScreenedChildWithEvidenceStatusAndCountsUnderItsFilters() {
        String term = "2560/1";
        Household a = household(term, A, false);
        Household b = household(term, B, true);
        Household c = household(term, C, true);
        Household d = household(term, D, true);

        HttpResponse<String> r = get("province", "/api/v1/screened-list?province=40&term=" + term);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, Object> body = map(r);
        assertThat(body.get("province")).isEqualTo("40");
        assertThat(body.get("term")).isEqualTo(term);
        assertThat(body.get("total")).isEqualTo(4);
        assertThat(body.get("counts")).isEqualTo(Map.of("EXTREMELY_POOR", 1, "POOR", 2, "NOT_POOR", 1, "INCOMPLETE", 0));
        assertThat(body.get("statusCounts")).isEqualTo(Map.of("PENDING", 4, "APPROVED", 0, "REJECTED", 0, "RETURNED", 0));
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        // the most in need first
        assertThat(items.get(0).get("nationalId")).isEqualTo(b.nationalId());
        assertThat(items.get(0).get("classification")).isEqualTo("EXTREMELY_POOR");
        assertThat(items.get(0).get("perCapitaIncome")).isEqualTo("1166.67");
        assertThat(items.get(0).get("hardshipScore")).isEqualTo(51);
        assertThat(items.get(0).get("reviewStatus")).isEqualTo("PENDING");
        assertThat(items.get(0).get("evidenceFlags")).isEqualTo(List.of());
        Map<String, Object> itemA = items.stream().filter(i -> a.nationalId().equals(i.get("nationalId"))).findFirst().orElseThrow();
        assertThat(itemA.get("evidenceFlags")).isEqualTo(List.of("PHOTOS_MISSING"));
        assertThat(itemA.get("orgUnitCode")).isEqualTo("1040010001");

        Map<String, Object> poor = map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&classification=POOR"));
        assertThat(poor.get("total")).isEqualTo(2);
        assertThat(((List<Map<String, Object>>) poor.get("items")).stream().map(i -> i.get("nationalId")))
                .containsExactlyInAnyOrder(a.nationalId(), d.nationalId());
        Map<String, Object> flagged = map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&flagged=true"));
        assertThat(flagged.get("total")).isEqualTo(1);
        // the list read in the list index's order (no filter, or only class or pending) and the same list joined and sorted
        // (a unit filter) are in the same order, page by page
        List<Object> indexOrder = new java.util.ArrayList<>();
        List<Object> pendingOrder = new java.util.ArrayList<>();
        for (int page = 0; page < 4; page++) {
            indexOrder.add(((List<Map<String, Object>>) map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&size=1&page="
                    + page)).get("items")).get(0).get("nationalId"));
            pendingOrder.add(((List<Map<String, Object>>) map(get("province", "/api/v1/screened-list?province=40&term=" + term
                    + "&status=PENDING&size=1&page=" + page)).get("items")).get(0).get("nationalId"));
        }
        List<Object> joinedOrder = ((List<Map<String, Object>>) map(get("province", "/api/v1/screened-list?province=40&term=" + term
                + "&orgUnitCode=1040010001")).get("items")).stream().map(i -> i.get("nationalId")).map(Object.class::cast).toList();
        assertThat(indexOrder).isEqualTo(joinedOrder).isEqualTo(pendingOrder)
                .isEqualTo(items.stream().map(i -> i.get("nationalId")).map(Object.class::cast).toList());
        Map<String, Object> paged = map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&size=3&page=1"));
        assertThat(((List<?>) paged.get("items"))).hasSize(1);
        assertThat(map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&orgUnitCode=1040010001")).get("total")).isEqualTo(4);
        assertThat(map(get("province", "/api/v1/screened-list?province=40&term=" + term + "&orgUnitCode=9999999999")).get("total")).isEqualTo(0);

        // fund reads every province; another province, a teacher and an admin do not
        assertThat(get("fund", "/api/v1/screened-list?province=40&term=" + term).statusCode()).isEqualTo(200);
        assertThat(get("province2", "/api/v1/screened-list?province=40&term=" + term).statusCode()).isEqualTo(403);
        assertThat(get("teacher", "/api/v1/screened-list?province=40&term=" + term).statusCode()).isEqualTo(403);

        HttpResponse<String> bad = get("province", "/api/v1/screened-list?province=4&term=2560-9&classification=RICH&size=5000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(bad.body()).contains("\"province\"").contains("\"term\"").contains("\"classification\"").contains("\"size\"");
        assertThat(c.nationalIds()).hasSize(1);
    }

    @Test
    void eachDecisionStandsOrFailsOnItsOwnAndIsRecorded() {
        String term = "2560/2";
        Household a = household(term, A, false);
        Household b = household(term, B, true);
        Household c = household(term, C, true);
        Household d = household(term, D, true);
        String body = """
                {"province": "40", "term": "%s", "decisions": [
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "RETURN", "reason": "รูปบ้านไม่ชัด"},
                  {"nationalId": "%s", "decision": "REJECT"},
                  {"nationalId": "1409901234560", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "MAYBE"}]}"""
                .formatted(term, b.nationalId(), c.nationalId(), a.nationalId(), d.nationalId(), c.nationalId(), a.nationalId());
        Map<String, String> first = outcomes(post("province", "/api/v1/reviews", body));
        assertThat(first.get(b.nationalId())).isEqualTo("APPROVED");
        assertThat(first.get(c.nationalId())).startsWith("REFUSED: Give a reason");
        assertThat(first.get(a.nationalId())).startsWith("REFUSED: The decision must be");
        assertThat(first.get(d.nationalId())).isEqualTo("RETURNED");
        assertThat(first.get("1409901234560")).startsWith("REFUSED: This child is not on the screened list");

        Map<String, String> second = outcomes(post("province", "/api/v1/reviews", """
                {"province": "40", "term": "%s", "decisions": [
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "APPROVE", "overrideReason": "ตรวจสอบรูปกับครูแล้ว"},
                  {"nationalId": "%s", "decision": "APPROVE"},
                  {"nationalId": "%s", "decision": "REJECT", "reasonCode": "INCOME_ABOVE_LIMIT"}]}"""
                .formatted(term, b.nationalId(), c.nationalId(), a.nationalId(), d.nationalId(), c.nationalId())));
        assertThat(second.get(b.nationalId())).isEqualTo("REFUSED: This child is already APPROVED.");
        assertThat(second.get(a.nationalId())).isEqualTo("APPROVED");
        assertThat(second.get(d.nationalId())).startsWith("REFUSED: The visit was returned");
        assertThat(second.get(c.nationalId())).isEqualTo("REJECTED");

        // C could not be approved (not poor): only the last decision on it stands
        assertThat(outcomes(post("province", "/api/v1/reviews", """
                {"province": "40", "term": "%s", "decisions": [{"nationalId": "%s", "decision": "APPROVE", "overrideReason": "x"}]}"""
                .formatted(term, c.nationalId()))).get(c.nationalId())).startsWith("REFUSED: Only a child screened poor");

        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, d.visitId())).isEqualTo("RETURNED");
        assertThat(jdbc.queryForObject("SELECT return_reason FROM home_visit WHERE id = ?", String.class, d.visitId())).isEqualTo("รูปบ้านไม่ชัด");
        assertThat(jdbc.queryForList("""
                SELECT decision || ' ' || decided_by || ' ' || COALESCE(reason_text, reason_code, override_reason, '-') FROM review_decision
                WHERE term = ? ORDER BY id""", String.class, term)).containsExactly("APPROVE province -", "RETURN province รูปบ้านไม่ชัด",
                "APPROVE province ตรวจสอบรูปกับครูแล้ว", "REJECT province INCOME_ABOVE_LIMIT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'Review' AND entity_id LIKE ?", Long.class,
                "%/" + term)).isEqualTo(4L);
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) map(get("province", "/api/v1/screened-list?province=40&term=" + term)).get("statusCounts");
        assertThat(counts).isEqualTo(Map.of("PENDING", 0, "APPROVED", 2, "REJECTED", 1, "RETURNED", 1));

        // another province's user may not decide here; a teacher or the fund may not decide at all
        assertThat(post("province2", "/api/v1/reviews", body).statusCode()).isEqualTo(403);
        assertThat(post("fund", "/api/v1/reviews", body).statusCode()).isEqualTo(403);
        assertThat(post("teacher", "/api/v1/reviews", body).statusCode()).isEqualTo(403);
        HttpResponse<String> empty = post("province", "/api/v1/reviews", "{\"province\": \"40\", \"term\": \"" + term + "\", \"decisions\": []}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("decisions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void certifyingFreezesTheApprovedChildrenAndAnAmendmentNeedsAReasonAndShowsItsDifference() {
        String term = "2561/1";
        Household a = household(term, A, true);
        Household b = household(term, B, true);
        household(term, C, true);
        String none = post("province", "/api/v1/certifications", "{\"province\": \"40\", \"term\": \"" + term + "\"}").body();
        assertThat(none).contains("No child of this province and term is approved");
        outcomes(post("province", "/api/v1/reviews", """
                {"province": "40", "term": "%s", "decisions": [{"nationalId": "%s", "decision": "APPROVE"},
                 {"nationalId": "%s", "decision": "APPROVE"}]}""".formatted(term, a.nationalId(), b.nationalId())));

        HttpResponse<String> created = post("province", "/api/v1/certifications", "{\"province\": \"40\", \"term\": \"" + term + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> v1 = map(created);
        assertThat(v1.get("version")).isEqualTo(1);
        assertThat(v1.get("certifiedBy")).isEqualTo("province");
        assertThat((String) v1.get("certifiedAt")).endsWith("+07:00");
        assertThat(((Map<String, Object>) v1.get("ruleSet")).get("code")).isEqualTo("test-review");
        assertThat(v1.get("counts")).isEqualTo(Map.of("EXTREMELY_POOR", 1, "POOR", 1));
        assertThat(created.headers().firstValue("Location").orElse("")).isEqualTo("/api/v1/certifications/" + v1.get("id"));

        Map<String, Object> full = map(get("fund", "/api/v1/certifications/" + v1.get("id")));
        assertThat(((List<Map<String, Object>>) full.get("entries")).stream().map(e -> e.get("nationalId") + " " + e.get("classification")))
                .containsExactlyInAnyOrder(a.nationalId() + " POOR", b.nationalId() + " EXTREMELY_POOR");
        assertThat(get("province2", "/api/v1/certifications/" + v1.get("id")).statusCode()).isEqualTo(403);
        assertThat(get("teacher", "/api/v1/certifications/" + v1.get("id")).statusCode()).isEqualTo(403);
        HttpResponse<String> csv = get("province", "/api/v1/certifications/" + v1.get("id") + "/entries.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFNational id,").contains(a.nationalId() + ",").contains(b.nationalId() + ",");
        assertThat(csv.body().split("\r\n")).hasSize(3);

        // a second version needs its reason, and something to change
        HttpResponse<String> noReason = post("province", "/api/v1/certifications", "{\"province\": \"40\", \"term\": \"" + term + "\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("needs its reason");
        HttpResponse<String> unchanged = post("province", "/api/v1/certifications",
                "{\"province\": \"40\", \"term\": \"" + term + "\", \"reason\": \"ตรวจซ้ำ\"}");
        assertThat(unchanged.statusCode()).isEqualTo(409);

        outcomes(post("province", "/api/v1/reviews", """
                {"province": "40", "term": "%s", "decisions": [{"nationalId": "%s", "decision": "REJECT", "reasonCode": "NOT_LIVING_AT_ADDRESS"}]}"""
                .formatted(term, a.nationalId())));
        HttpResponse<String> amended = post("province", "/api/v1/certifications",
                "{\"province\": \"40\", \"term\": \"" + term + "\", \"reason\": \"ย้ายออกจากพื้นที่\"}");
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(201);
        Map<String, Object> v2 = map(amended);
        assertThat(v2.get("version")).isEqualTo(2);
        assertThat(v2.get("reason")).isEqualTo("ย้ายออกจากพื้นที่");
        assertThat(v2.get("counts")).isEqualTo(Map.of("EXTREMELY_POOR", 1));
        // version 1 is frozen
        assertThat(((List<?>) map(get("province", "/api/v1/certifications/" + v1.get("id"))).get("entries"))).hasSize(2);
        assertThat(post("province2", "/api/v1/certifications", "{\"province\": \"40\", \"term\": \"" + term + "\", \"reason\": \"x\"}")
                .statusCode()).isEqualTo(403);
        assertThat(post("fund", "/api/v1/certifications", "{\"province\": \"40\", \"term\": \"" + term + "\", \"reason\": \"x\"}")
                .statusCode()).isEqualTo(403);
    }
}
