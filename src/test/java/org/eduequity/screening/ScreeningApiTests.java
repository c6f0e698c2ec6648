package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/** The worked examples of screening.md through {@code POST /api/v1/surveys}, and the child's current result. */
@IntegrationTest
class ScreeningApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    private HttpResponse<String> post(String body) {
        return WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).GET().build());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkedExampleSubmittedGivesItsResultForEachStudent() {
        for (WorkedExamples.Example e : WorkedExamples.all()) {
            List<String> students = new ArrayList<>();
            e.household().members().stream().filter(m -> "STUDENT".equals(m.relationship()))
                    .forEach(m -> students.add(org.eduequity.survey.SurveyApiTests.newNationalId()));
            HttpResponse<String> r = post(e.household().json("2569/1", "2026-06-20", students));
            assertThat(r.statusCode()).as("example " + e.name() + ": " + r.body()).isEqualTo(201);
            Map<String, Object> body = json.readValue(r.body(), Map.class);
            List<Map<String, Object>> screening = (List<Map<String, Object>>) body.get("screening");
            assertThat(screening).hasSize(students.size());
            Map<String, Object> result = screening.get(0);
            assertThat(result.get("nationalId")).isEqualTo(students.get(0));
            assertThat(result.get("classification")).as("example " + e.name()).isEqualTo(e.classification().name());
            assertThat(result.get("perCapitaIncome")).as("example " + e.name()).isEqualTo(e.perCapitaIncome().toPlainString());
            assertThat(result.get("hardshipScore")).as("example " + e.name()).isEqualTo(e.score());
            Map<String, Object> areas = (Map<String, Object>) result.get("areas");
            for (Area a : Area.values()) {
                assertThat(areas.get(a.name())).as("example " + e.name() + " " + a).isEqualTo(e.areas()[a.ordinal()]);
            }
            assertThat(result.get("ruleSet")).isEqualTo(Map.of("code", "cct-pmt-default", "version", "2569.1"));
            assertThat((String) result.get("computedAt")).endsWith("+07:00");

            HttpResponse<String> current = get("teacher", "/api/v1/children/" + students.get(0) + "/screening?term=2569/1");
            assertThat(current.statusCode()).isEqualTo(200);
            assertThat(json.readValue(current.body(), Map.class)).isEqualTo(result);
        }
    }

    @Test
    void aChildsResultIsForThoseWhoseAreaCoversItAndAnUnknownTermIsNotFound() {
        WorkedExamples.Example a = WorkedExamples.all().get(0);
        String student = org.eduequity.survey.SurveyApiTests.newNationalId();
        assertThat(post(a.household().json("2569/1", "2026-06-20", List.of(student))).statusCode()).isEqualTo(201);
        String path = "/api/v1/children/" + student + "/screening?term=2569/1";
        assertThat(get("province", path).statusCode()).isEqualTo(200);
        assertThat(get("fund", path).statusCode()).isEqualTo(200);
        assertThat(get("teacher2", path).statusCode()).isEqualTo(403);
        assertThat(get("province2", path).statusCode()).isEqualTo(403);
        assertThat(get("teacher", "/api/v1/children/" + student + "/screening?term=2568/2").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get("teacher", "/api/v1/children/" + student + "/screening?term=2569-3");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }
}
