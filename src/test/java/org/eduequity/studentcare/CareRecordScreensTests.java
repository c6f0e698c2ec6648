package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.Term;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The entry screens of a student's term records: saved, audited and evaluated as the API does; field errors in Thai and
 * English with nothing written; a double submit changes nothing; a save over a newer version is refused; scope.
 */
@IntegrationTest
class CareRecordScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    private String term() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        return term;
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void attendanceIsSavedAuditedAndEvaluatedADoubleSubmitChangesNothingAndAStaleFormIsRefused() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.health(jdbc, child, term, "NORMAL", true);
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String page = "/care/children/" + child + "/attendance?term=" + term;
        assertThat(teacher.get(page).statusCode()).isEqualTo(200);
        Map<String, String> first = form("term", term, "schoolDays", "100", "daysAbsent", "30", "version", "");
        HttpResponse<String> saved = teacher.postFromPage(page, "/care/children/" + child + "/attendance", first);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(count("SELECT count(*) FROM care_attendance WHERE child_id = ? AND term = ? AND days_absent = 30", child, term)).isEqualTo(1);
        // chronic illness and 70 % attendance: HEALTH is PROBLEM, evaluated in the same request
        assertThat(jdbc.queryForObject("SELECT health FROM care_current WHERE child_id = ? AND term = ?", String.class, child, term))
                .isEqualTo("PROBLEM");
        assertThat(count("SELECT count(*) FROM audit_log WHERE entity_type = 'CareAttendance' AND entity_id = ? AND action = 'CREATE'",
                String.valueOf(child))).isEqualTo(1);
        // the same form again (double submit): nothing changes, no second audit entry
        HttpResponse<String> again = teacher.postFromPage(page, "/care/children/" + child + "/attendance", first);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(count("SELECT version FROM care_attendance WHERE child_id = ? AND term = ?", child, term)).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE entity_type = 'CareAttendance' AND entity_id = ?", String.valueOf(child)))
                .isEqualTo(1);
        // an edit of version 0 is saved; another edit of the (now stale) version 0 is refused and shows the latest values
        HttpResponse<String> edit = teacher.postFromPage(page, "/care/children/" + child + "/attendance",
                form("term", term, "schoolDays", "100", "daysAbsent", "5", "version", "0"));
        assertThat(edit.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT health FROM care_current WHERE child_id = ? AND term = ?", String.class, child, term))
                .isEqualTo("AT_RISK");
        HttpResponse<String> stale = teacher.postFromPage(page, "/care/children/" + child + "/attendance",
                form("term", term, "schoolDays", "100", "daysAbsent", "50", "version", "0"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("id=\"entry-stale\"").contains("มีผู้อื่นบันทึกข้อมูลนี้ก่อนท่าน").contains("value=\"5\"");
        assertThat(count("SELECT days_absent FROM care_attendance WHERE child_id = ? AND term = ?", child, term)).isEqualTo(5);
    }

    @Test
    void badValuesGetFieldErrorsInThaiAndEnglishAndNothingIsWritten() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String page = "/care/children/" + child + "/attendance?term=" + term;
        HttpResponse<String> r = teacher.postFromPage(page, "/care/children/" + child + "/attendance",
                form("term", term, "schoolDays", "20", "daysAbsent", "25", "version", ""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"e-daysAbsent\"").contains("จำนวนวันขาดเรียนต้องไม่เกินจำนวนวันเรียน").contains("value=\"25\"");
        HttpResponse<String> grades = teacher.postFromPage(page, "/care/children/" + child + "/grades",
                form("term", term, "gpa", "4.5", "failedSubjects", "x", "version", ""));
        assertThat(grades.body()).contains("id=\"e-gpa\"").contains("id=\"e-failedSubjects\"");
        WebSession english = WebSession.loggedIn(port, "teacher").acceptLanguage("en");
        HttpResponse<String> health = english.postFromPage(page, "/care/children/" + child + "/health?lang=en",
                form("term", term, "weightKg", "-3", "heightCm", "", "nutrition", "FAT", "chronicIllness", "", "disability", "", "version", ""));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("id=\"e-weightKg\"").contains("id=\"e-nutrition\"").contains("must be");
        assertThat(count("SELECT count(*) FROM care_attendance WHERE child_id = ?", child)
                + count("SELECT count(*) FROM care_grade WHERE child_id = ?", child)
                + count("SELECT count(*) FROM care_health WHERE child_id = ?", child)).isZero();
    }

    @Test
    void gradesAndHealthSavedThroughTheScreensDecideTheAreas() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String page = "/care/children/" + child + "/grades?term=" + term;
        assertThat(teacher.get(page).statusCode()).isEqualTo(200);
        HttpResponse<String> g = teacher.postFromPage(page, "/care/children/" + child + "/grades",
                form("term", term, "gpa", "1.40", "failedSubjects", "", "version", ""));
        assertThat(g.statusCode()).as(g.body()).isEqualTo(302);
        assertThat(g.headers().firstValue("Location").orElse("")).contains("/care/children/" + child + "/risk");
        HttpResponse<String> h = teacher.postFromPage(page, "/care/children/" + child + "/health",
                form("term", term, "weightKg", "31.5", "heightCm", "140.0", "nutrition", "UNDERWEIGHT", "chronicIllness", "false",
                        "disability", "", "version", ""));
        assertThat(h.statusCode()).as(h.body()).isEqualTo(302);
        Map<String, Object> current = jdbc.queryForMap("SELECT learning, health FROM care_current WHERE child_id = ? AND term = ?", child, term);
        assertThat(current).containsEntry("learning", "PROBLEM").containsEntry("health", "AT_RISK");
        assertThat(jdbc.queryForObject("SELECT weight_kg::text FROM care_health WHERE child_id = ? AND term = ?", String.class, child, term))
                .isEqualTo("31.50");
        // the risk page now shows them
        assertThat(teacher.get("/care/children/" + child + "/risk?term=" + term).body()).contains("เกรดเฉลี่ย 1.40 ต่ำกว่า 1.50");
    }

    @Test
    void dailyAbsencesAndIncidentsAreAddedOnceAndListed() {
        String term = "2568/2";
        long child = CareFixtures.child(jdbc);
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String page = "/care/children/" + child + "/attendance?term=" + term;
        String day = BuddhistDate.formatShort(Term.parse(term).startDate().plusDays(3));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = teacher.postFromPage(page, "/care/children/" + child + "/absences", form("term", term, "date", day));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        }
        assertThat(count("SELECT count(*) FROM care_absence WHERE child_id = ?", child)).isEqualTo(1);
        assertThat(teacher.get(page).body()).contains("id=\"absence-" + Term.parse(term).startDate().plusDays(3) + "\"");
        HttpResponse<String> outside = teacher.postFromPage(page, "/care/children/" + child + "/absences",
                form("term", term, "date", BuddhistDate.formatShort(Term.parse(term).startDate().minusDays(1))));
        assertThat(outside.statusCode()).isEqualTo(200);
        assertThat(outside.body()).contains("id=\"e-date\"");
        teacher.postFromPage(page, "/care/children/" + child + "/absences/remove",
                form("term", term, "date", Term.parse(term).startDate().plusDays(3).toString()));
        assertThat(count("SELECT count(*) FROM care_absence WHERE child_id = ?", child)).isZero();

        String incidents = "/care/children/" + child + "/incidents?term=" + term;
        Map<String, String> incident = form("term", term, "date", day, "type", "NEGLECT", "severity", "CONCERN", "note", "ไม่มีผู้ดูแลช่วงเย็น");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = teacher.postFromPage(incidents, "/care/children/" + child + "/incidents", incident);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        }
        assertThat(count("SELECT count(*) FROM care_incident WHERE child_id = ? AND term = ?", child, term)).isEqualTo(1);
        assertThat(teacher.get(incidents).body()).contains("การถูกทอดทิ้ง").contains("ไม่มีผู้ดูแลช่วงเย็น");
        HttpResponse<String> bad = teacher.postFromPage(incidents, "/care/children/" + child + "/incidents",
                form("term", term, "date", "", "type", "", "severity", "", "note", ""));
        assertThat(bad.body()).contains("id=\"e-date\"").contains("id=\"e-type\"").contains("id=\"e-severity\"");
    }

    @Test
    void onlyTheStudentsTeacherProvinceAndAdminReachTheEntryScreens() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        for (String page : new String[] {"attendance", "grades", "health", "incidents"}) {
            String path = "/care/children/" + child + "/" + page + "?term=" + term;
            assertThat(WebSession.loggedIn(port, "teacher").get(path).statusCode()).as(page).isEqualTo(200);
            assertThat(WebSession.loggedIn(port, "province").get(path).statusCode()).as(page).isEqualTo(200);
            assertThat(WebSession.loggedIn(port, "admin").get(path).statusCode()).as(page).isEqualTo(200);
            assertThat(WebSession.loggedIn(port, "teacher2").get(path).statusCode()).as(page).isEqualTo(403);
            assertThat(WebSession.loggedIn(port, "province2").get(path).statusCode()).as(page).isEqualTo(403);
            assertThat(WebSession.loggedIn(port, "fund").get(path).statusCode()).as(page).isEqualTo(403);
        }
        assertThat(WebSession.loggedIn(port, "teacher").get("/care/children/999999999/grades").statusCode()).isEqualTo(404);
        WebSession other = WebSession.loggedIn(port, "teacher2");
        HttpResponse<String> write = other.postWithToken("/care/children/" + child + "/grades",
                form("term", term, "gpa", "1.00", "failedSubjects", "", "version", ""));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM care_grade WHERE child_id = ?", child)).isZero();
    }
}
