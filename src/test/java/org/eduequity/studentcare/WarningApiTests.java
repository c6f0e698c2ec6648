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

/** The early-warning API on the running application: the warnings list, the risk's warning block, follow-ups, transfers, rosters. */
@IntegrationTest
class WarningApiTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    CareRuleSets sets;

    private HttpResponse<String> post(String user, String path, String contentType, String body) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).GET().build());
    }

    @Test
    void anAttendanceImportRaisesAnAlertThatTheApiListsAndTheTeacherFollowsUp() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long a = CareFixtures.child(jdbc);
        long b = CareFixtures.child(jdbc);
        String idA = CareFixtures.nationalIdOf(jdbc, a);
        String csv = "nationalId,schoolDays,daysAbsent\n" + idA + ",100,25\n" + CareFixtures.nationalIdOf(jdbc, b) + ",100,12\n";
        assertThat(post("teacher", "/api/v1/attendance?term=" + term, "text/csv", csv).statusCode()).isEqualTo(200);

        JsonNode risk = json.readTree(get("teacher", "/api/v1/children/" + idA + "/risk?term=" + term).body());
        assertThat(risk.get("warning").get("level").asString()).isEqualTo("ALERT");
        assertThat(risk.get("warning").get("indicators").get(0).get("code").asString()).isEqualTo("ATTENDANCE");
        assertThat(risk.get("warning").get("followUp").get("status").asString()).isEqualTo("OPEN");

        JsonNode list = json.readTree(get("teacher", "/api/v1/early-warnings?term=" + term + "&orgUnitCode=" + CareFixtures.UNIT).body());
        assertThat(list.get("count").asInt()).isEqualTo(2);
        assertThat(list.get("warnings").get(0).get("nationalId").asString()).isEqualTo(idA);
        JsonNode alerts = json.readTree(get("province", "/api/v1/early-warnings?term=" + term + "&level=ALERT").body());
        assertThat(alerts.get("count").asInt()).isEqualTo(1);
        // another school's teacher sees none of them, and may not name the school
        assertThat(json.readTree(get("teacher2", "/api/v1/early-warnings?term=" + term).body()).get("count").asInt()).isZero();
        HttpResponse<String> other = get("teacher2", "/api/v1/early-warnings?term=" + term + "&orgUnitCode=" + CareFixtures.UNIT);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        HttpResponse<String> bad = get("teacher", "/api/v1/early-warnings?term=2569&level=RED");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"term\"").contains("\"field\":\"level\"");

        long id = risk.get("warning").get("followUp").get("id").asLong();
        String f = "/api/v1/early-warnings/follow-ups/" + id;
        assertThat(get("teacher2", f).statusCode()).isEqualTo(403);
        HttpResponse<String> ack = post("teacher", f + "/acknowledge", "application/json", "{\"version\":0}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json.readTree(ack.body()).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        HttpResponse<String> stale = post("teacher", f + "/actions", "application/json",
                "{\"version\":0,\"kind\":\"HOME_VISIT\",\"date\":\"" + java.time.LocalDate.now() + "\",\"note\":\"\"}");
        assertThat(stale.statusCode()).isEqualTo(409);
        HttpResponse<String> action = post("teacher", f + "/actions", "application/json",
                "{\"version\":1,\"kind\":\"HOME_VISIT\",\"date\":\"" + java.time.LocalDate.now() + "\",\"note\":\"เยี่ยมบ้าน\"}");
        assertThat(action.statusCode()).as(action.body()).isEqualTo(200);
        HttpResponse<String> badResolve = post("teacher", f + "/resolve", "application/json", "{\"version\":2,\"outcome\":\"GONE\"}");
        assertThat(badResolve.statusCode()).isEqualTo(400);
        assertThat(badResolve.body()).contains("\"field\":\"outcome\"");
        HttpResponse<String> resolved = post("teacher", f + "/resolve", "application/json", "{\"version\":2,\"outcome\":\"IMPROVED\",\"note\":\"\"}");
        assertThat(json.readTree(resolved.body()).get("status").asString()).isEqualTo("RESOLVED");
        JsonNode detail = json.readTree(get("province", f).body());
        assertThat(detail.get("actions").get(0).get("kind").asString()).isEqualTo("HOME_VISIT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'CareFollowUp' AND entity_id = ? AND action = 'READ'",
                Long.class, String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void aRosterAndATransferThroughTheApi() {
        String[] pair = CareFixtures.termPair();
        for (String t : pair) {
            CareFixtures.publish(jdbc, json, sets, t, CareFixtures.defaults(sets));
        }
        long left = CareFixtures.child(jdbc);
        long stayed = CareFixtures.child(jdbc);
        String previous = "nationalId,gradeLevel\n" + CareFixtures.nationalIdOf(jdbc, left) + ",ม.3\n" + CareFixtures.nationalIdOf(jdbc, stayed)
                + ",M2\n";
        assertThat(post("teacher", "/api/v1/rosters?term=" + pair[0], "text/csv", previous).body()).contains("\"created\":2");
        HttpResponse<String> next = post("teacher", "/api/v1/rosters?term=" + pair[1], "text/csv",
                "nationalId,gradeLevel\n" + CareFixtures.nationalIdOf(jdbc, stayed) + ",M3\n");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        JsonNode w = json.readTree(get("teacher", "/api/v1/children/" + CareFixtures.nationalIdOf(jdbc, left) + "/risk?term=" + pair[1]).body())
                .get("warning");
        assertThat(w.get("level").asString()).isEqualTo("ALERT");
        assertThat(w.get("previousGrade").asString()).isEqualTo("M3");
        assertThat(w.get("transition").asBoolean()).isTrue();
        HttpResponse<String> bad = post("teacher", "/api/v1/transfers", "application/json",
                "{\"nationalId\":\"" + CareFixtures.nationalIdOf(jdbc, left) + "\",\"date\":\"2999-01-01\",\"destination\":\"\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"date\"").contains("\"field\":\"destination\"");
        String date = org.eduequity.shared.Term.parse(pair[0]).endDate().minusDays(10).toString();
        HttpResponse<String> ok = post("teacher", "/api/v1/transfers", "application/json",
                "{\"nationalId\":\"" + CareFixtures.nationalIdOf(jdbc, left) + "\",\"date\":\"" + date + "\",\"destination\":\"โรงเรียนขอนแก่นวิทยายน\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(json.readTree(get("teacher", "/api/v1/children/" + CareFixtures.nationalIdOf(jdbc, left) + "/risk?term=" + pair[1]).body())
                .get("warning").get("level").asString()).isEqualTo("NONE");
    }
}
