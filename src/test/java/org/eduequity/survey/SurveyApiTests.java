package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/v1/surveys, the NDJSON import and GET /api/v1/children/{nationalId}, on real PostgreSQL. */
@IntegrationTest
public class SurveyApiTests {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A valid national id nobody else uses (prefix 18 is not used by the demo data). */
    public static String newNationalId() {
        String twelve = "18" + String.format("%06d", ProcessHandle.current().pid() % 1_000_000) + String.format("%04d", SERIAL.incrementAndGet());
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    /** Worked example B of screening.md as a survey document of teacher's school. */
    public static String exampleB(UUID externalId, String studentId) {
        return """
                {"externalId": "%s", "term": "2569/1", "visitedOn": "2026-06-20", "orgUnitCode": "1040010001",
                 "address": {"houseNo": "88/2", "villageNo": 7, "subdistrictCode": "400102", "postcode": "40000"},
                 "location": {"lat": 16.537, "lon": 102.837}, "singleParent": true,
                 "members": [
                   {"relationship": "STUDENT", "nationalId": "%s", "firstName": "ด.ญ. มะลิ", "lastName": "ใจดี",
                    "birthDate": "2014-02-11", "sex": "F", "gradeLevel": "P6", "studying": true, "income": {}},
                   {"relationship": "MOTHER", "firstName": "สมใจ", "lastName": "ใจดี", "age": 35, "sex": "F", "guardian": true,
                    "income": {"wages": 3500}},
                   {"relationship": "RELATIVE", "firstName": "สมชาย", "lastName": "ใจดี", "age": 40, "sex": "M", "unemployed": true,
                    "income": {}}],
                 "housing": {"tenure": "LIVE_WITH_OTHERS", "floor": "EARTH", "walls": "BAMBOO_SCRAP", "roof": "SHEET", "hasToilet": false},
                 "farmland": "NONE", "drinkingWater": "RAIN_OR_STREAM", "electricity": "SHARED_OR_BATTERY",
                 "vehicles": {"carUpTo15y": 0, "carOver15y": 0, "pickupUpTo15y": 0, "pickupOver15y": 0, "tractorUpTo15y": 0,
                              "tractorOver15y": 0, "motorcycleOrBoat": 0},
                 "appliances": {"computer": false, "airConditioner": false, "flatScreenTv": false, "washingMachine": false,
                                "refrigerator": false},
                 "journeyToSchool": {"distanceKm": 4.5, "minutes": 30, "mode": "WALK"},
                 "incomeCertifiedBy": {"name": "นายสมบัติ ดีงาม", "position": "ผู้ใหญ่บ้าน"},
                 "consent": {"given": true, "givenBy": "GUARDIAN", "givenOn": "2026-06-20", "scopes": ["SCREENING"]}}
                """.formatted(externalId, studentId);
    }

    private HttpResponse<String> post(String user, String body) {
        return post(user, body, "th");
    }

    private HttpResponse<String> post(String user, String body, String language) {
        return WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", user, WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aTeacherSubmitsASurveyAndARetryRecordsNothingNew() {
        UUID externalId = UUID.randomUUID();
        String student = newNationalId();
        HttpResponse<String> first = post("teacher", exampleB(externalId, student));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).contains("\"status\":\"SUBMITTED\"").contains("\"nationalId\":\"" + student + "\"")
                .contains("\"externalId\":\"" + externalId + "\"")
                .contains("\"screening\":[{\"nationalId\":\"" + student + "\",\"term\":\"2569/1\",\"classification\":\"EXTREMELY_POOR\","
                        + "\"perCapitaIncome\":\"1166.67\",\"hardshipScore\":51,\"dependants\":1,");
        long visits = jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE external_id = ?", Long.class, externalId);
        assertThat(visits).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM household_member m JOIN home_visit v ON v.id = m.visit_id "
                + "WHERE v.external_id = ?", Integer.class, externalId)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT income_wages FROM household_member m JOIN home_visit v ON v.id = m.visit_id "
                + "WHERE v.external_id = ? AND m.relationship = 'MOTHER'", java.math.BigDecimal.class, externalId))
                .isEqualByComparingTo("3500.00");
        assertThat(jdbc.queryForObject("SELECT org_unit_id FROM child WHERE national_id = ?", Long.class, student))
                .isEqualTo(jdbc.queryForObject("SELECT id FROM org_unit WHERE code = '1040010001'", Long.class));

        HttpResponse<String> retry = post("teacher", exampleB(externalId, student));
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"classification\":\"EXTREMELY_POOR\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result r JOIN home_visit v ON v.id = r.visit_id "
                + "WHERE v.external_id = ?", Long.class, externalId)).as("a retry screens nothing again").isEqualTo(1);
        assertThat(retry.body()).contains("\"id\":" + jdbc.queryForObject("SELECT id FROM home_visit WHERE external_id = ?",
                Long.class, externalId));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE external_id = ?", Long.class, externalId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, student)).isEqualTo(1);
    }

    @Test
    void concurrentRetriesOfOneSurveyRecordItOnce() throws Exception {
        UUID externalId = UUID.randomUUID();
        String body = exampleB(externalId, newNationalId());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> post("teacher", body).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 201).contains(201);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE external_id = ?", Long.class, externalId)).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreEachReportedAndNothingIsWritten() {
        String student = newNationalId();
        String bad = exampleB(UUID.randomUUID(), student)
                .replace("\"term\": \"2569/1\"", "\"term\": \"2569/3\"")
                .replace("\"subdistrictCode\": \"400102\"", "\"subdistrictCode\": \"999999\"")
                .replace("\"lat\": 16.537", "\"lat\": 25.0")
                .replace("\"wages\": 3500", "\"wages\": -5")
                .replace("\"floor\": \"EARTH\"", "\"floor\": \"MARBLE\"")
                .replace("\"age\": 35", "\"age\": 35, \"nationalId\": \"1234567890123\"");
        long visitsBefore = jdbc.queryForObject("SELECT count(*) FROM home_visit", Long.class);
        HttpResponse<String> r = post("teacher", bad);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"term\"").contains("\"field\":\"address.subdistrictCode\"")
                .contains("\"field\":\"location.lat\"").contains("\"field\":\"members[1].income.wages\"")
                .contains("\"field\":\"housing.floor\"").contains("\"field\":\"members[1].nationalId\"")
                .contains("ภาคเรียนต้องเป็น 1 หรือ 2").contains("ไม่พบรหัสตำบล");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit", Long.class)).isEqualTo(visitsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, student)).isZero();

        HttpResponse<String> english = post("teacher", bad, "en");
        assertThat(english.body()).contains("The term is 1 or 2").contains("No subdistrict has this 6-digit code");

        HttpResponse<String> noStudent = post("teacher", exampleB(UUID.randomUUID(), student).replace("\"STUDENT\"", "\"SIBLING\""));
        assertThat(noStudent.statusCode()).isEqualTo(400);
        assertThat(noStudent.body()).contains("\"field\":\"members\"").contains("STUDENT");

        HttpResponse<String> notJson = post("teacher", "{\"term\": \"2569/1\", \"members\": [{\"age\": \"old\"}]}");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("members[0].age");
    }

    @Test
    void aSecondVisitOfTheSameStudentInATermIsAConflict() {
        String student = newNationalId();
        assertThat(post("teacher", exampleB(UUID.randomUUID(), student)).statusCode()).isEqualTo(201);
        HttpResponse<String> again = post("teacher", exampleB(UUID.randomUUID(), student));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("members[0].nationalId").contains("2569/1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_student vs JOIN child c ON c.id = vs.child_id "
                + "WHERE c.national_id = ?", Long.class, student)).isEqualTo(1);
    }

    @Test
    void callersOutsideTheUnitAreRefused() {
        String student = newNationalId();
        HttpResponse<String> otherTeacher = post("teacher2", exampleB(UUID.randomUUID(), student));
        assertThat(otherTeacher.statusCode()).isEqualTo(403);
        assertThat(otherTeacher.body()).contains("orgUnitCode");
        assertThat(post("province", exampleB(UUID.randomUUID(), student)).statusCode()).isEqualTo(403);
        assertThat(post("fund", exampleB(UUID.randomUUID(), student)).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, student)).isZero();

        // a child on teacher's roll cannot be filed by teacher2 under teacher2's school
        assertThat(post("teacher", exampleB(UUID.randomUUID(), student)).statusCode()).isEqualTo(201);
        HttpResponse<String> elsewhere = post("teacher2", exampleB(UUID.randomUUID(), student)
                .replace("1040010001", "1040050002").replace("\"term\": \"2569/1\"", "\"term\": \"2569/1\""));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("members[0].nationalId");
    }

    @Test
    void aChildsRecordShowsItsVisitsToThoseWhoMaySeeIt() {
        String student = newNationalId();
        post("teacher", exampleB(UUID.randomUUID(), student));
        HttpResponse<String> mine = get("teacher", "/api/v1/children/" + student);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("\"orgUnitCode\":\"1040010001\"").contains("\"term\":\"2569/1\"")
                .contains("\"status\":\"SUBMITTED\"").contains("\"evidenceFlags\":[]");
        assertThat(get("province", "/api/v1/children/" + student).statusCode()).isEqualTo(200);
        assertThat(get("teacher2", "/api/v1/children/" + student).statusCode()).isEqualTo(403);
        assertThat(get("province2", "/api/v1/children/" + student).statusCode()).isEqualTo(403);
        assertThat(get("teacher", "/api/v1/children/" + newNationalId()).statusCode()).isEqualTo(404);
        assertThat(get("teacher", "/api/v1/children/1234567890123").statusCode()).isEqualTo(400);
    }

    @Test
    void theNdjsonImportAnswersEveryLineAndABadLineStopsNothing() {
        String a = newNationalId();
        String b = newNationalId();
        String body = exampleB(UUID.randomUUID(), a).replace("\n", " ") + "\n"
                + "{not json\n"
                + exampleB(UUID.randomUUID(), newNationalId()).replace("\n", " ").replace("\"2569/1\"", "\"2569/9\"") + "\n"
                + "\n"
                + exampleB(UUID.randomUUID(), b).replace("\n", " ") + "\n";
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys/import", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        List<String> lines = r.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"line\":1").contains("\"result\":\"ok\"").contains(a);
        assertThat(lines.get(1)).contains("\"line\":2").contains("\"result\":\"error\"");
        assertThat(lines.get(2)).contains("\"line\":3").contains("\"result\":\"error\"").contains("\"field\":\"term\"");
        assertThat(lines.get(3)).contains("\"line\":5").contains("\"result\":\"ok\"").contains(b);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id IN (?, ?)", Long.class, a, b)).isEqualTo(2);
    }

    @Test
    void anImportOfMoreLinesThanABatchAnswersEveryLineInOrder() {
        // lines 1, 1000, 1001 and 1004 are recorded, 1002 is not JSON, 1003 is blank, the others are refused (an unknown term)
        List<String> students = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int line = 1; line <= 1004; line++) {
            if (line == 1 || line == 1000 || line == 1001 || line == 1004) {
                String student = newNationalId();
                students.add(student);
                body.append(exampleB(UUID.randomUUID(), student).replace("\n", " "));
            } else if (line == 1002) {
                body.append("{not json");
            } else if (line != 1003) {
                body.append(exampleB(UUID.randomUUID(), newNationalId()).replace("\n", " ").replace("\"2569/1\"", "\"2569/9\""));
            }
            body.append('\n');
        }
        List<String> lines = ndjson("teacher", body.toString()).body().lines().toList();
        assertThat(lines).hasSize(1003);
        for (int i = 0; i < lines.size(); i++) {
            int line = i < 1002 ? i + 1 : i + 2;
            assertThat(lines.get(i)).startsWith("{\"line\":" + line + ",");
            if (line == 1 || line == 1000 || line == 1001 || line == 1004) {
                assertThat(lines.get(i)).contains("\"result\":\"ok\"").contains(students.get(line == 1 ? 0 : line == 1000 ? 1 : line == 1001 ? 2 : 3))
                        .contains("\"classification\":\"EXTREMELY_POOR\"");
            } else if (line == 1002) {
                assertThat(lines.get(i)).contains("\"result\":\"error\"").doesNotContain("\"reason\"");
            } else {
                assertThat(lines.get(i)).contains("\"result\":\"error\"").contains("\"field\":\"term\"");
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_student vs JOIN child c ON c.id = vs.child_id WHERE c.national_id = ANY (?)",
                Long.class, (Object) students.toArray(String[]::new))).isEqualTo(4);
    }

    private HttpResponse<String> ndjson(String user, String body) {
        return WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys/import", user, WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aBatchOfLinesIsRecordedOnceEachLineStandingOnItsOwn() {
        String visitedBefore = newNationalId();
        assertThat(post("teacher", exampleB(UUID.randomUUID(), visitedBefore)).statusCode()).isEqualTo(201);
        StringBuilder body = new StringBuilder();
        List<String> ids = new ArrayList<>();
        List<UUID> externalIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = newNationalId();
            UUID externalId = UUID.randomUUID();
            ids.add(id);
            externalIds.add(externalId);
            body.append(exampleB(externalId, id).replace("\n", " ")).append('\n');
        }
        body.append(exampleB(UUID.randomUUID(), visitedBefore).replace("\n", " ")).append('\n');          // line 31: visited
        body.append(exampleB(UUID.randomUUID(), newNationalId()).replace("\n", " ")
                .replace("1040010001", "1040050002")).append('\n');                                      // line 32: not her unit
        HttpResponse<String> first = ndjson("teacher", body.toString());
        List<String> lines = first.body().lines().toList();
        assertThat(lines).hasSize(32);
        assertThat(lines.subList(0, 30)).allSatisfy(l -> assertThat(l).contains("\"result\":\"ok\"").contains("SUBMITTED"));
        assertThat(lines.get(30)).contains("\"reason\":\"CONFLICT\"");
        assertThat(lines.get(31)).contains("\"reason\":\"FORBIDDEN\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE external_id = ANY (?)", Long.class,
                (Object) externalIds.toArray(UUID[]::new))).isEqualTo(30);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM household_member m JOIN home_visit v ON v.id = m.visit_id "
                + "WHERE v.external_id = ANY (?)", Long.class, (Object) externalIds.toArray(UUID[]::new))).isEqualTo(90);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'HomeVisit' AND detail LIKE ?", Long.class,
                "%" + externalIds.get(7) + "%")).isEqualTo(1);

        // the same body again: the same visits, nothing new
        HttpResponse<String> again = ndjson("teacher", body.toString());
        List<String> again2 = again.body().lines().toList();
        for (int i = 0; i < 30; i++) {
            String id = lines.get(i).replaceAll(".*\"id\":(\\d+).*", "$1");
            assertThat(again2.get(i)).contains("\"result\":\"ok\"").contains("\"id\":" + id + ",");
            // the result written with the batch is the one read back for the retry
            assertThat(screeningOf(lines.get(i))).contains("\"classification\":\"EXTREMELY_POOR\"").isEqualTo(screeningOf(again2.get(i)));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM home_visit WHERE external_id = ANY (?)", Long.class,
                (Object) externalIds.toArray(UUID[]::new))).isEqualTo(30);
    }

    @Test
    void aBatchWithTheSameSurveyOrStudentTwiceIsRecordedLineByLine() {
        UUID twice = UUID.randomUUID();
        String student = newNationalId();
        String sameStudent = newNationalId();
        String body = exampleB(twice, student).replace("\n", " ") + "\n"
                + exampleB(twice, student).replace("\n", " ") + "\n"
                + exampleB(UUID.randomUUID(), sameStudent).replace("\n", " ") + "\n"
                + exampleB(UUID.randomUUID(), sameStudent).replace("\n", " ") + "\n";
        List<String> lines = ndjson("teacher", body).body().lines().toList();
        assertThat(lines).hasSize(4);
        String id = lines.get(0).replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(lines.get(1)).contains("\"result\":\"ok\"").contains("\"id\":" + id + ",");
        assertThat(lines.get(2)).contains("\"result\":\"ok\"");
        assertThat(lines.get(3)).contains("\"reason\":\"CONFLICT\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_student vs JOIN child c ON c.id = vs.child_id WHERE c.national_id IN (?, ?)",
                Long.class, student, sameStudent)).isEqualTo(2);
    }

    private static String screeningOf(String line) {
        return line.substring(line.indexOf("\"screening\":"));
    }

    @Test
    void eachRecordedSurveyIsAuditedOnceNamingTheChildrenItCreated() {
        // one survey on its own, one through the import with two new students
        UUID single = UUID.randomUUID();
        String student = newNationalId();
        assertThat(post("teacher", exampleB(single, student)).statusCode()).isEqualTo(201);
        UUID imported = UUID.randomUUID();
        String first = newNationalId();
        String second = newNationalId();
        String twoStudents = exampleB(imported, first).replace("\n", " ").replace("\"members\": [", """
                "members": [{"relationship": "STUDENT", "nationalId": "%s", "firstName": "ด.ช. มานะ", "lastName": "ใจดี",
                 "birthDate": "2016-05-01", "sex": "M", "gradeLevel": "P4", "studying": true, "income": {}}, """.formatted(second)
                .replace("\n", " "));
        List<String> lines = ndjson("teacher", twoStudents + "\n" + exampleB(UUID.randomUUID(), newNationalId()).replace("\n", " ") + "\n")
                .body().lines().toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"result\":\"ok\""));

        for (Object[] survey : new Object[][] {{single, List.of(student)}, {imported, List.of(first, second)}}) {
            long visit = jdbc.queryForObject("SELECT id FROM home_visit WHERE external_id = ?", Long.class, survey[0]);
            @SuppressWarnings("unchecked")
            List<Long> children = ((List<String>) survey[1]).stream().map(id -> jdbc.queryForObject(
                    "SELECT id FROM child WHERE national_id = ?", Long.class, id)).sorted().toList();
            List<java.util.Map<String, Object>> entries = jdbc.queryForList(
                    "SELECT actor, action, detail FROM audit_log WHERE entity_type = 'HomeVisit' AND entity_id = ?", String.valueOf(visit));
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0)).containsEntry("actor", "teacher").containsEntry("action", "CREATE");
            String detail = (String) entries.get(0).get("detail");
            assertThat(detail).startsWith("term 2569/1 externalId " + survey[0] + " children created ");
            List<Long> named = java.util.Arrays.stream(detail.substring(detail.indexOf("children created ") + 17).split(", "))
                    .map(Long::valueOf).sorted().toList();
            assertThat(named).isEqualTo(children);
            // the children are named by the survey's entry, not audited one by one
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'Child' AND entity_id = ANY (?)", Long.class,
                    (Object) children.stream().map(String::valueOf).toArray(String[]::new))).isZero();
        }

        // a student already on the roll (visited last term) is filed under the child record, which the entry does not name
        String onRoll = newNationalId();
        assertThat(post("teacher", exampleB(UUID.randomUUID(), onRoll).replace("\"2569/1\"", "\"2568/2\"")
                .replace("2026-06-20", "2026-01-15")).statusCode()).isEqualTo(201);
        long child = jdbc.queryForObject("SELECT id FROM child WHERE national_id = ?", Long.class, onRoll);
        UUID again = UUID.randomUUID();
        List<String> result = ndjson("teacher", exampleB(again, onRoll).replace("\n", " ") + "\n"
                + exampleB(UUID.randomUUID(), newNationalId()).replace("\n", " ") + "\n").body().lines().toList();
        assertThat(result.get(0)).contains("\"result\":\"ok\"").containsPattern("\"childId\":" + child + "[,}]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Long.class, onRoll)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE entity_type = 'HomeVisit' AND detail LIKE ?", String.class,
                "%" + again + "%")).isEqualTo("term 2569/1 externalId " + again);
    }

    private HttpResponse<String> get(String user, String path) {
        return WebSession.sendApi(WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD).GET().build());
    }
}
