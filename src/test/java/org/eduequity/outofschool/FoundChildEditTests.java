package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Editing a found record on its form (issue 8, leftover of step 1): the form comes prefilled; a change is saved at the version
 * the worker saw (a stale one is refused with nothing changed), the duplicates are looked for again, bad input is refused
 * under its field in Thai and English, and the change is audited. Trat (23) accounts.
 */
@IntegrationTest
class FoundChildEditTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Bangkok"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JsonMapper json;

    String worker;
    String otherWorker;

    @BeforeEach
    void accounts() {
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("edit-worker", "230101", "230102");
        otherWorker = f.areaWorker("edit-other", "230104");
    }

    private long record(String nationalId, String firstName, String lastName, LocalDate birth) {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/found-children", worker, WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        OutOfSchoolFixtures.document(null, nationalId, firstName, lastName, birth, TODAY, "230101", List.of("HEALTH")))).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json.readValue(r.body(), Map.class);
        return ((Number) m.get("id")).longValue();
    }

    private Map<String, String> form(long id, String firstName, String lastName, LocalDate birth, String situation) {
        Map<String, Object> row = jdbc.queryForMap("SELECT external_id, national_id, version FROM found_child WHERE id = ?", id);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("externalId", (String) row.get("external_id"));
        f.put("version", String.valueOf(row.get("version")));
        f.put("birthDate", birth == null ? "" : BuddhistDate.formatShort(birth));
        f.put("firstName", firstName);
        f.put("lastName", lastName);
        f.put("sex", "M");
        f.put("nationalId", (String) row.get("national_id"));
        f.put("houseNo", "12");
        f.put("villageNo", "3");
        f.put("subdistrictCode", "230101");
        f.put("guardianPhone", "0812345678");
        f.put("situation", situation);
        f.put("highestGrade", "M2");
        f.put("reasons", "POVERTY");
        f.put("needs", "HEALTH");
        f.put("surveyedOn", BuddhistDate.formatShort(TODAY));
        return f;
    }

    @Test
    void aWorkerCorrectsARecordAtTheVersionSeenAndTheChangeIsAudited() {
        LocalDate birth = TODAY.minusYears(15);
        long id = record(OutOfSchoolFixtures.newNationalId(), "แก้ไข", "ทดสอบ" + System.nanoTime(), birth);
        WebSession s = WebSession.loggedIn(port, worker);
        HttpResponse<String> page = s.get("/out-of-school/children/" + id + "/edit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"แก้ไข\"").contains("name=\"version\"").contains(BuddhistDate.formatShort(birth));
        assertThat(s.get("/out-of-school/children/" + id).body()).contains("id=\"edit-found\"");

        Map<String, String> changed = form(id, "แก้ไข", "ใหม่" + System.nanoTime(), birth, "ไปทำงานที่โรงงาน");
        HttpResponse<String> saved = s.postFromPage("/out-of-school/children/" + id + "/edit", "/out-of-school/children/" + id + "/edit", changed);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Map<String, Object> now = jdbc.queryForMap("SELECT last_name, situation, version FROM found_child WHERE id = ?", id);
        assertThat(now).containsEntry("last_name", changed.get("lastName")).containsEntry("situation", "ไปทำงานที่โรงงาน");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE entity_type = 'FoundChild' AND entity_id = ? AND action = 'UPDATE' "
                + "ORDER BY id DESC LIMIT 1", String.class, String.valueOf(id))).contains("lastName").contains("situation").doesNotContain("birthDate");

        // the same form again carries the old version: refused, nothing changes
        Map<String, String> stale = new LinkedHashMap<>(changed);
        stale.put("situation", "อย่างอื่น");
        HttpResponse<String> refused = s.postFromPage("/out-of-school/children/" + id + "/edit", "/out-of-school/children/" + id + "/edit", stale);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"form-errors\"").contains("ถูกแก้ไขโดยผู้อื่น");
        assertThat(jdbc.queryForObject("SELECT situation FROM found_child WHERE id = ?", String.class, id)).isEqualTo("ไปทำงานที่โรงงาน");
    }

    @Test
    void theDuplicatesAreCheckedAgainAndBadInputIsRefusedUnderItsField() {
        LocalDate birth = TODAY.minusYears(16);
        String last = "ซ้ำ" + System.nanoTime();
        long other = record(OutOfSchoolFixtures.newNationalId(), "สมหมาย", last, birth);
        long id = record(OutOfSchoolFixtures.newNationalId(), "ต่างคน", "อื่น" + System.nanoTime(), birth);
        WebSession s = WebSession.loggedIn(port, worker);
        String path = "/out-of-school/children/" + id + "/edit";
        // renamed to the other record's names, same birth date and subdistrict: offered as a possible duplicate, nothing saved
        HttpResponse<String> offered = s.postFromPage(path, path, form(id, "สมหมาย", last, birth, "-"));
        assertThat(offered.statusCode()).isEqualTo(200);
        assertThat(offered.body()).contains("/out-of-school/children/" + other).contains("id=\"notDuplicateReason\"");
        assertThat(jdbc.queryForObject("SELECT first_name FROM found_child WHERE id = ?", String.class, id)).isEqualTo("ต่างคน");
        // with the reason it is saved
        Map<String, String> withReason = form(id, "สมหมาย", last, birth, "-");
        withReason.put("notDuplicateReason", "ฝาแฝด คนละคน");
        assertThat(s.postFromPage(path, path, withReason).statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT not_duplicate_reason FROM found_child WHERE id = ?", String.class, id)).isEqualTo("ฝาแฝด คนละคน");

        // no birth date: refused under the field, in Thai and in English
        HttpResponse<String> thai = s.postFromPage(path, path, form(id, "สมหมาย", last, null, "-"));
        assertThat(thai.statusCode()).isEqualTo(200);
        assertThat(thai.body()).contains("id=\"birthDate-error\"").contains("กรุณากรอกช่องนี้");
        HttpResponse<String> english = s.acceptLanguage("en").postFromPage(path + "?lang=en", path + "?lang=en", form(id, "สมหมาย", last, null, "-"));
        assertThat(english.body()).contains("id=\"birthDate-error\"").contains("Please fill in this field");

        // a worker of another subdistrict may not
        assertThat(WebSession.loggedIn(port, otherWorker).get(path).statusCode()).isEqualTo(403);
    }
}
