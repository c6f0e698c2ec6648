package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The teachers' screens over HTTP: My children, the child form, and the home-visit form from draft to submit. */
@IntegrationTest
class TeacherScreensTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeTheChildrenCreated() {
        jdbc.update("""
                DELETE FROM child c WHERE national_id = ANY (?::varchar[])
                AND NOT EXISTS (SELECT 1 FROM visit_draft d WHERE d.child_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM visit_student s WHERE s.child_id = c.id)""",
                (Object) ChildIds.issued().toArray(String[]::new));
    }

    private long unitId() {
        return jdbc.queryForObject("SELECT id FROM org_unit WHERE code = '1040010001'", Long.class);
    }

    private long freshDemoChild(int offset) {
        return jdbc.queryForObject("""
                SELECT c.id FROM child c JOIN org_unit u ON u.id = c.org_unit_id WHERE u.code = '1040010001'
                AND NOT EXISTS (SELECT 1 FROM visit_draft d WHERE d.child_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM visit_student s WHERE s.child_id = c.id) ORDER BY c.id DESC OFFSET ? LIMIT 1""",
                Long.class, offset);
    }

    private static long draftIdOf(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        Matcher m = Pattern.compile("/visits/drafts/(\\d+)$").matcher(redirect.headers().firstValue("Location").orElse(""));
        assertThat(m.find()).as(redirect.headers().map().toString()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String version(String html) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The student row as the form posts it. */
    private Map<String, String> student(long childId) {
        Map<String, Object> c = jdbc.queryForMap("SELECT * FROM child WHERE id = ?", childId);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("members[0].relationship", "STUDENT");
        f.put("members[0].nationalId", (String) c.get("national_id"));
        f.put("members[0].firstName", (String) c.get("first_name"));
        f.put("members[0].lastName", (String) c.get("last_name"));
        f.put("members[0].birthDate", BuddhistDate.formatShort(((java.sql.Date) c.get("birth_date")).toLocalDate()));
        f.put("members[0].sex", "MALE".equals(c.get("sex")) ? "M" : "F");
        f.put("members[0].gradeLevel", (String) c.get("grade_level"));
        return f;
    }

    /** Every section answered. */
    private Map<String, String> complete(long childId, String version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("version", version);
        f.put("visitedOn", BuddhistDate.formatShort(LocalDate.now(java.time.ZoneId.of("Asia/Bangkok"))));
        f.put("address.houseNo", "12");
        f.put("address.villageNo", "3");
        f.put("address.subdistrictCode", jdbc.queryForObject("SELECT subdistrict_code FROM org_unit WHERE code = '1040010001'", String.class));
        f.put("address.postcode", "40000");
        f.put("location.lat", "16.4419");
        f.put("location.lon", "102.836");
        f.put("singleParent", "true");
        f.putAll(student(childId));
        f.put("members[1].relationship", "MOTHER");
        f.put("members[1].firstName", "สมใจ");
        f.put("members[1].lastName", "ใจดี");
        f.put("members[1].age", "35");
        f.put("members[1].sex", "F");
        f.put("members[1].guardian", "true");
        f.put("members[1].income.wages", "3,500");
        f.put("members[1].income.welfare", "600.50");
        f.put("housing.tenure", "OWN");
        f.put("housing.floor", "CEMENT");
        f.put("housing.walls", "BRICK_BLOCK");
        f.put("housing.roof", "METAL");
        f.put("housing.hasToilet", "true");
        f.put("farmland", "NONE");
        f.put("drinkingWater", "TAP");
        f.put("electricity", "METER");
        for (String v : new String[] {"carUpTo15y", "carOver15y", "pickupUpTo15y", "pickupOver15y", "tractorUpTo15y", "tractorOver15y"}) {
            f.put("vehicles." + v, "0");
        }
        f.put("vehicles.motorcycleOrBoat", "1");
        for (String a : new String[] {"computer", "airConditioner", "washingMachine"}) {
            f.put("appliances." + a, "false");
        }
        f.put("appliances.flatScreenTv", "true");
        f.put("appliances.refrigerator", "true");
        f.put("journeyToSchool.distanceKm", "2.5");
        f.put("journeyToSchool.minutes", "15");
        f.put("journeyToSchool.mode", "BICYCLE");
        f.put("incomeCertifiedBy.name", "นายสมบัติ ดีงาม");
        f.put("incomeCertifiedBy.position", "ผู้ใหญ่บ้าน");
        f.put("consent.given", "true");
        f.put("consent.givenBy", "GUARDIAN");
        f.put("consent.scopes", "SCREENING");
        return f;
    }

    @Test
    void uploadingAPhotoFromTheFormSavesTheAnswersFirst() {
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        long child = freshDemoChild(3);
        long draft = draftIdOf(teacher.get("/children/" + child + "/visit"));
        String path = "/visits/drafts/" + draft;
        Map<String, String> answers = new LinkedHashMap<>(student(child));
        answers.put("version", version(teacher.get(path).body()));
        answers.put("withForm", "true");
        answers.put("kind", "EXTERIOR");
        answers.put("housing.tenure", "RENT");

        // answers that cannot be saved: the form comes back with its errors, no photo attached
        Map<String, String> bad = new LinkedHashMap<>(answers);
        bad.put("members[1].relationship", "MOTHER");
        bad.put("members[1].income.wages", "สามพัน");
        HttpResponse<String> refused = teacher.postFile(path, path + "/photos", bad, "file", "house.jpg",
                VisitPhotoApiTests.uniqueJpeg(draft * 7));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"photo-error\"").contains("id=\"e-members-1-income-wages\"");
        assertThat(teacher.get(path).body()).contains("id=\"no-photos\"");

        // valid answers: saved, then the photo attached
        HttpResponse<String> up = teacher.postFile(path, path + "/photos", answers, "file", "house.jpg",
                VisitPhotoApiTests.uniqueJpeg(draft * 11));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(302);
        String after = teacher.get(path).body();
        assertThat(after).contains("value=\"RENT\" selected").contains("id=\"draft-photos\"");
    }

    @Test
    void myChildrenAreScopedSearchableAndPaged() {
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        HttpResponse<String> list = teacher.get("/children");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"children-table\"").contains("xxxxx");
        String name = jdbc.queryForObject("SELECT first_name FROM child WHERE org_unit_id = ? ORDER BY id LIMIT 1", String.class, unitId());
        String found = teacher.get("/children?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).body();
        assertThat(found).contains(name);
        assertThat(teacher.get("/children?q=no-such-child-zzz").body()).contains("id=\"no-children\"");

        WebSession other = WebSession.loggedIn(port, "teacher2");
        assertThat(other.get("/children?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).body())
                .doesNotContain(">" + name + " ");
        long child = freshDemoChild(0);
        assertThat(other.get("/children/" + child).statusCode()).isEqualTo(403);
        assertThat(teacher.get("/children/" + child).statusCode()).isEqualTo(200);
    }

    @Test
    void aChildIsCreatedWithThaiFieldErrorsFirst() {
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        String id = ChildIds.next();
        Map<String, String> form = new LinkedHashMap<>(Map.of("nationalId", ChildIds.withWrongCheckDigit(id), "title", "ด.ช.",
                "firstName", "ทดสอบ", "lastName", "หน้าจอ", "birthDate", "31/02/2569", "sex", "MALE", "gradeLevel", "P1",
                "orgUnitId", String.valueOf(unitId()), "status", "IN_SCHOOL"));
        HttpResponse<String> bad = teacher.postFromPage("/children/new", "/children/new", form);
        assertThat(bad.statusCode()).as(bad.headers().map() + bad.body()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"nationalId-error\"").contains("เลขตรวจสอบหลักสุดท้ายไม่ตรง")
                .contains("id=\"birthDate-error\"").contains("วันที่ไม่ถูกต้อง").contains("value=\"31/02/2569\"");

        form.put("nationalId", id);
        form.put("birthDate", "01/02/2562");
        HttpResponse<String> ok = teacher.postFromPage("/children/new", "/children/new", form);
        assertThat(ok.statusCode()).isEqualTo(302);
        String page = teacher.get(ok.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains("ทดสอบ").contains("1 ก.พ. 2562");

        HttpResponse<String> dup = teacher.postFromPage("/children/new", "/children/new", form);
        assertThat(dup.body()).contains("ลงทะเบียนไว้แล้ว");
    }

    @Test
    void theVisitFormSavesDraftsRefusesBadInputAndStaleVersionsAndSubmitsOnce() {
        WebSession teacher = WebSession.loggedIn(port, "teacher");
        long child = freshDemoChild(0);
        long draft = draftIdOf(teacher.get("/children/" + child + "/visit"));
        String path = "/visits/drafts/" + draft;
        String html = teacher.get(path).body();
        assertThat(html).contains("id=\"visit-form\"").contains("id=\"sec-housing\"");
        String v0 = version(html);

        // incomplete: saved
        Map<String, String> partial = new LinkedHashMap<>(student(child));
        partial.put("version", v0);
        partial.put("housing.tenure", "RENT");
        HttpResponse<String> saved = teacher.postFromPage(path, path, partial);
        assertThat(saved.statusCode()).isEqualTo(302);
        String v1 = version(teacher.get(path).body());
        assertThat(v1).isNotEqualTo(v0);

        // malformed income: Thai error next to the field, nothing saved
        Map<String, String> bad = new LinkedHashMap<>(partial);
        bad.put("version", v1);
        bad.put("members[1].relationship", "MOTHER");
        bad.put("members[1].income.wages", "สามพัน");
        HttpResponse<String> refused = teacher.postFromPage(path, path, bad);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"e-members-1-income-wages\"").contains("จำนวนเงินไม่ถูกต้อง").contains("value=\"สามพัน\"");
        assertThat(version(teacher.get(path).body())).isEqualTo(v1);

        // stale version: conflict, nothing overwritten
        Map<String, String> stale = new LinkedHashMap<>(partial);
        stale.put("housing.tenure", "OWN");
        HttpResponse<String> conflict = teacher.postFromPage(path, path, stale);
        assertThat(conflict.body()).contains("id=\"form-errors\"").contains("มีผู้อื่นแก้ไขแบบเยี่ยมบ้านนี้");
        assertThat(teacher.get(path).body()).contains("value=\"RENT\" selected");

        // add a member without JS: re-rendered with a new row, nothing saved
        Map<String, String> add = new LinkedHashMap<>(partial);
        add.put("version", v1);
        add.put("action", "addMember");
        assertThat(teacher.postFromPage(path, path, add).body()).contains("id=\"f-members-1\"").contains("id=\"not-saved\"");

        // submit incomplete: the list of what is missing, with links
        Map<String, String> incomplete = new LinkedHashMap<>(partial);
        incomplete.put("version", v1);
        HttpResponse<String> missing = teacher.postFromPage(path, path + "/submit", incomplete);
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("id=\"missing\"").contains("href=\"#f-location\"").contains("href=\"#f-photos\"");
        String v2 = version(missing.body());

        // photos: thumbnails served to the teacher, not to another school's
        for (String kind : new String[] {"EXTERIOR", "INTERIOR"}) {
            HttpResponse<String> up = teacher.postFile(path, path + "/photos?kind=" + kind, "file", kind + ".jpg",
                    VisitPhotoApiTests.uniqueJpeg(draft * 31 + kind.hashCode()));
            assertThat(up.statusCode()).as(up.body()).isEqualTo(302);
        }
        String withPhotos = teacher.get(path).body();
        Matcher thumb = Pattern.compile("/visits/drafts/" + draft + "/photos/(\\d+)\\?size=thumb").matcher(withPhotos);
        assertThat(thumb.find()).isTrue();
        HttpResponse<String> image = teacher.get(thumb.group());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type").orElse("")).startsWith("image/jpeg");
        assertThat(image.headers().firstValue("Cache-Control").orElse("")).contains("private");
        assertThat(WebSession.loggedIn(port, "teacher2").get(thumb.group()).statusCode()).isEqualTo(403);

        // complete submit, twice: one visit
        Map<String, String> full = complete(child, v2);
        HttpResponse<String> first = teacher.postFromPage(path, path + "/submit", full);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElse("")).endsWith("/children/" + child);
        HttpResponse<String> second = teacher.postFromPage(path, path + "/submit", full);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_student WHERE child_id = ?", Integer.class, child)).isEqualTo(1);
        String childPage = teacher.get("/children/" + child).body();
        assertThat(childPage).contains("id=\"visits-table\"").contains("id=\"visit-photos\"");
        Matcher visitThumb = Pattern.compile("/visits/(\\d+)/photos/(\\d+)\\?size=thumb").matcher(childPage);
        assertThat(visitThumb.find()).isTrue();
        assertThat(teacher.get(visitThumb.group()).statusCode()).isEqualTo(200);
        assertThat(WebSession.loggedIn(port, "teacher2").get(visitThumb.group()).statusCode()).isEqualTo(403);
        String readOnly = teacher.get(path).body();
        assertThat(readOnly).contains("id=\"visit-submitted\"").contains("4100.50");
        String nationalId = jdbc.queryForObject("SELECT national_id FROM child WHERE id = ?", String.class, child);
        assertThat(teacher.get("/children?q=" + nationalId).body()).contains("ส่งแล้ว");
    }
}
