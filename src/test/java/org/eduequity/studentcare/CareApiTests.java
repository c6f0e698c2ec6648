package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The student-care API of student-care.md on the running application: imports, SDQ, incidents and a student's risk. */
@IntegrationTest
class CareApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    private HttpResponse<String> post(String user, String path, String contentType, String body, String language) {
        HttpRequest.Builder b = WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return WebSession.sendApi(b.build());
    }

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).GET().build());
    }

    private String term() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        return term;
    }

    private long results(long child) {
        return jdbc.queryForObject("SELECT count(*) FROM care_result WHERE child_id = ?", Long.class, child);
    }

    @Test
    void aGradesFileWithBadRowsChangesNothingAndListsEveryBadRow() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        long b = CareFixtures.child(jdbc);
        long rayong = CareFixtures.child(jdbc, jdbc.queryForObject("SELECT code FROM org_unit WHERE province_code = '21' ORDER BY id LIMIT 1",
                String.class));
        String idA = CareFixtures.nationalIdOf(jdbc, a);
        String csv = "nationalId,gpa,failedSubjects\r\n"
                + idA + ",1.40,0\r\n"                                     // 2: good
                + CareFixtures.nationalIdOf(jdbc, b) + ",4.50,1\r\n"      // 3: GPA out of range
                + "1234567890123,2.00,0\r\n"                              // 4: check digit
                + idA + ",2.00,0\r\n"                                     // 5: twice in the file
                + CareFixtures.nationalIdOf(jdbc, rayong) + ",3.00,0\r\n" // 6: not teacher's student
                + CareFixtures.nationalId() + ",3.00,0\r\n"               // 7: on no roll
                + CareFixtures.nationalIdOf(jdbc, b) + ",,\r\n"           // 8: neither value
                + "x,y\r\n";                                              // 9: columns
        HttpResponse<String> r = post("teacher", "/api/v1/grades?term=" + term, "text/csv", csv, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("errorCount").asLong()).isEqualTo(7);
        java.util.List<Integer> rows = new java.util.ArrayList<>();
        body.get("errors").forEach(e -> rows.add(e.get("row").asInt()));
        assertThat(rows).containsExactly(3, 4, 5, 6, 7, 8, 9);
        assertThat(r.body()).contains("4.50\\\" ต้องอยู่ระหว่าง 0.00 ถึง 4.00").contains("นักเรียนคนนี้อยู่ในไฟล์แล้วที่แถว 2")
                .contains("ไม่อยู่ในหน่วยงานหรือจังหวัดที่ท่านรับผิดชอบ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_grade WHERE child_id IN (?, ?)", Long.class, a, b)).isZero();
        assertThat(results(a)).isZero();
        HttpResponse<String> en = post("teacher", "/api/v1/grades?term=" + term, "text/csv", csv, "en");
        assertThat(en.body()).contains("4.50\\\" must be from 0.00 to 4.00").contains("already in the file on row 2");
    }

    @Test
    void aGoodFileIsRecordedEvaluatedAndSendingItAgainChangesNothing() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        long b = CareFixtures.child(jdbc);
        String csv = "nationalId,schoolDays,daysAbsent\n" + CareFixtures.nationalIdOf(jdbc, a) + ",100,25\n" + CareFixtures.nationalIdOf(jdbc, b)
                + ",100,0\n";
        HttpResponse<String> first = post("teacher", "/api/v1/attendance?term=" + term, "text/csv", csv, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"rows\":2").contains("\"created\":2").contains("\"evaluated\":2");
        String health = "nationalId,weightKg,heightCm,nutrition,chronicIllness,disability\n" + CareFixtures.nationalIdOf(jdbc, a)
                + ",31.5,140.2,NORMAL,true,false\n";
        assertThat(post("teacher", "/api/v1/health?term=" + term, "text/csv", health, null).statusCode()).isEqualTo(200);
        long before = results(a);
        HttpResponse<String> again = post("teacher", "/api/v1/attendance?term=" + term, "text/csv", csv, null);
        assertThat(again.body()).contains("\"created\":0").contains("\"updated\":0").contains("\"unchanged\":2").contains("\"evaluated\":0");
        assertThat(results(a)).isEqualTo(before);
        // chronic illness and 75 % attendance: HEALTH PROBLEM
        HttpResponse<String> risk = get("teacher", "/api/v1/children/" + CareFixtures.nationalIdOf(jdbc, a) + "/risk?term=" + term);
        assertThat(risk.statusCode()).as(risk.body()).isEqualTo(200);
        JsonNode body = json.readTree(risk.body());
        assertThat(body.get("areas").get("HEALTH").asString()).isEqualTo("PROBLEM");
        assertThat(body.get("level").asString()).isEqualTo("PROBLEM");
        assertThat(body.get("stored").asBoolean()).isTrue();
        assertThat(risk.body()).contains("มีโรคประจำตัวและมาเรียนร้อยละ 75.0 ต่ำกว่าร้อยละ 80");
        // a changed row is written and the student evaluated again
        String better = "nationalId,schoolDays,daysAbsent\n" + CareFixtures.nationalIdOf(jdbc, a) + ",100,10\n";
        assertThat(post("teacher", "/api/v1/attendance?term=" + term, "text/csv", better, null).body()).contains("\"updated\":1");
        assertThat(json.readTree(get("teacher", "/api/v1/children/" + CareFixtures.nationalIdOf(jdbc, a) + "/risk?term=" + term).body())
                .get("areas").get("HEALTH").asString()).isEqualTo("AT_RISK");
    }

    @Test
    void dailyAbsencesMustFallInTheTerm() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        org.eduequity.shared.Term t = org.eduequity.shared.Term.parse(term);
        String id = CareFixtures.nationalIdOf(jdbc, a);
        String bad = "nationalId,date\n" + id + "," + t.startDate() + "\n" + id + "," + t.endDate().plusDays(1) + "\n";
        HttpResponse<String> r = post("teacher", "/api/v1/attendance?daily=true&term=" + term, "text/csv", bad, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"row\":3").contains("\"field\":\"date\"");
        String good = "nationalId,date\n" + id + "," + t.startDate() + "\n" + id + "," + t.startDate().plusDays(1) + "\n";
        assertThat(post("teacher", "/api/v1/attendance?daily=true&term=" + term, "text/csv", good, null).body()).contains("\"created\":2");
        assertThat(post("teacher", "/api/v1/attendance?daily=true&term=" + term, "text/csv", good, null).body()).contains("\"unchanged\":2");
    }

    @Test
    void anSdqFormIsScoredAndTheStudentEvaluated() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        String id = CareFixtures.nationalIdOf(jdbc, a);
        Integer[] items = CareEngineTests.sdqTotal(17);
        items[0] = null;
        String body = "{\"nationalId\":\"" + id + "\",\"term\":\"" + term + "\",\"form\":\"SELF\",\"items\":" + java.util.Arrays.toString(items)
                + "}";
        HttpResponse<String> first = post("teacher", "/api/v1/sdq", "application/json", body, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode scored = json.readTree(first.body());
        assertThat(scored.get("total").asInt()).isEqualTo(17);
        assertThat(scored.get("band").asString()).isEqualTo("AT_RISK");
        assertThat(scored.get("ruleSet").get("code").asString()).isEqualTo("care-test");
        assertThat(post("teacher", "/api/v1/sdq", "application/json", body, null).statusCode()).isEqualTo(200);
        JsonNode risk = json.readTree(get("province", "/api/v1/children/" + id + "/risk?term=" + term).body());
        assertThat(risk.get("areas").get("EMOTIONAL_BEHAVIOUR").asString()).isEqualTo("AT_RISK");
        assertThat(risk.get("sdq").get("total").asInt()).isEqualTo(17);
        // every field problem at once, in Thai
        HttpResponse<String> bad = post("teacher", "/api/v1/sdq", "application/json",
                "{\"nationalId\":\"" + id + "\",\"term\":\"2569\",\"form\":\"FRIEND\",\"items\":[0,1,2,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}",
                null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"term\"").contains("\"field\":\"form\"").contains("\"field\":\"items[3]\"")
                .contains("คะแนนข้อ 4 ต้องเป็น 0, 1 หรือ 2");
        // teacher2 may not record for another school's student
        assertThat(post("teacher2", "/api/v1/sdq", "application/json", body, null).statusCode()).isEqualTo(403);
    }

    @Test
    void anIncidentBelongsToTheTermOfItsDateAndShowsInTheRisk() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        String id = CareFixtures.nationalIdOf(jdbc, a);
        String date = org.eduequity.shared.Term.parse(term).startDate().plusDays(3).toString();
        String body = "{\"nationalId\":\"" + id + "\",\"date\":\"" + date + "\",\"type\":\"ABUSE\",\"severity\":\"SERIOUS\",\"note\":\"แจ้งโดยครู\"}";
        HttpResponse<String> first = post("teacher", "/api/v1/incidents", "application/json", body, null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"term\":\"" + term + "\"");
        HttpResponse<String> again = post("teacher", "/api/v1/incidents", "application/json", body, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_incident WHERE child_id = ?", Long.class, a)).isEqualTo(1);
        HttpResponse<String> risk = get("teacher", "/api/v1/children/" + id + "/risk?term=" + term);
        JsonNode r = json.readTree(risk.body());
        assertThat(r.get("areas").get("PROTECTION").asString()).isEqualTo("PROBLEM");
        assertThat(r.get("fired").get(0).asString()).isEqualTo("PROTECTION.SERIOUS");
        assertThat(r.get("unknownAreas").size()).isEqualTo(4);
        assertThat(risk.body()).contains("มีเหตุการณ์ด้านการคุ้มครองระดับรุนแรง 1 ครั้งในภาคเรียน").contains("ไม่ทราบ (ไม่มีข้อมูล)");
        assertThat(get("teacher2", "/api/v1/children/" + id + "/risk?term=" + term).statusCode()).isEqualTo(403);
        assertThat(get("province2", "/api/v1/children/" + id + "/risk?term=" + term).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_type = 'CareRisk' AND entity_id = ?",
                Long.class, String.valueOf(a))).isGreaterThanOrEqualTo(1);
        HttpResponse<String> future = post("teacher", "/api/v1/incidents", "application/json",
                "{\"nationalId\":\"" + id + "\",\"date\":\"2999-01-01\",\"type\":\"HITTING\",\"severity\":\"SERIOUS\"}", "en");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("cannot be in the future").contains("The type must be one of");
    }

    @Test
    void aDraftIsSimulatedOverAProvinceBesideThePublishedSetAndAProvinceIsReEvaluatedSetBased() {
        String term = term();
        long a = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, a, term, "1.90", 0);
        CareParameters stricter = CareFixtures.defaults(sets);
        stricter = new CareParameters(stricter.sdq(), new CareParameters.Learning(new java.math.BigDecimal("2.50"), new java.math.BigDecimal("2.00"),
                1, 2), stricter.health(), stricter.emotionalBehaviour(), stricter.familyEconomy(), stricter.protection());
        long draft = jdbc.queryForObject("""
                INSERT INTO care_rule_set (code, version, name, status, effective_terms, parameters, created_by)
                VALUES ('care-test', ?, 'draft', 'DRAFT', ARRAY[?]::varchar[], ?::jsonb, 'test') RETURNING id""", Long.class,
                "d" + System.nanoTime() % 1_000_000_000L, term, json.writeValueAsString(stricter));
        HttpResponse<String> sim = post("fund", "/api/v1/care-rule-sets/" + draft + "/simulate?term=" + term + "&province=40", "application/json", "",
                null);
        assertThat(sim.statusCode()).as(sim.body()).isEqualTo(200);
        JsonNode s = json.readTree(sim.body());
        assertThat(s.get("draft").get("levels").get("LEARNING").get("PROBLEM").asLong())
                .isEqualTo(s.get("published").get("levels").get("LEARNING").get("PROBLEM").asLong() + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_result WHERE rule_set_id = ?", Long.class, draft)).isZero();
        HttpResponse<String> run = post("fund", "/api/v1/care-evaluations?term=" + term + "&province=40", "application/json", "", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(json.readTree(run.body()).get("changed").asInt()).isPositive();
        assertThat(json.readTree(post("fund", "/api/v1/care-evaluations?term=" + term + "&province=40", "application/json", "", null).body())
                .get("changed").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT learning FROM care_current WHERE child_id = ? AND term = ?", String.class, a, term))
                .isEqualTo("AT_RISK");
    }
}
