package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * The found-children API of docs/out-of-school.md on real PostgreSQL: recording (201, the exact receipt), bad input
 * (problem+json per field), the idempotent retry, the age-band edges, each duplicate rule, the in-school flag, the
 * area checks, the list's filters and paging, the groups' counts, merging, the providers and /me.
 */
@IntegrationTest
class FoundChildApiTests {

    static final LocalDate SURVEYED = LocalDate.of(2026, 7, 1);

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    String worker;
    String otherWorker;
    String trat;

    @BeforeEach
    void accounts() {
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("oos-api-worker", "230101", "230102");
        otherWorker = f.areaWorker("oos-api-other", "230104");
        trat = f.provinceUser("oos-api-trat", "23");
    }

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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private HttpResponse<String> record(String user, String nationalId, String first, String last, LocalDate birth, String subdistrict) {
        return post(user, "/api/v1/found-children", OutOfSchoolFixtures.document(null, nationalId, first, last, birth, SURVEYED, subdistrict,
                List.of("VOCATIONAL_TRAINING")));
    }

    @Test
    void recordsAFoundYouthAndAnswersExactlyAsTheSpecSays() {
        HttpResponse<String> r = record(worker, OutOfSchoolFixtures.newNationalId(), "สมศักดิ์", "ทองดี", LocalDate.of(2009, 3, 2), "230101");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Map<String, Object> body = map(r);
        assertThat(body).containsOnlyKeys("id", "status", "ageBand", "possibleDuplicates");
        assertThat(body.get("status")).isEqualTo("FOUND");
        assertThat(body.get("ageBand")).isEqualTo("16-18");
        assertThat(list(body.get("possibleDuplicates"))).isEmpty();
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/found-children/" + body.get("id"));
        Map<String, Object> row = jdbc.queryForMap("SELECT province_code, district_code, guardian_phone, recorded_by, age_years, "
                + "array_to_string(needs, ',') AS needs FROM found_child WHERE id = ?", ((Number) body.get("id")).longValue());
        assertThat(row).containsEntry("province_code", "23").containsEntry("district_code", "2301").containsEntry("guardian_phone", "0812345678")
                .containsEntry("recorded_by", worker).containsEntry("needs", "VOCATIONAL_TRAINING");
        assertThat(((Number) row.get("age_years")).intValue()).isEqualTo(17);
    }

    @Test
    void aRetriedPostWithTheSameExternalIdNeverRecordsTwice() {
        String externalId = "retry-" + UUID.randomUUID();
        String doc = OutOfSchoolFixtures.document(externalId, OutOfSchoolFixtures.newNationalId(), "มานี", "มีนา", LocalDate.of(2012, 1, 1),
                SURVEYED, "230102", List.of("RETURN_TO_SCHOOL"));
        HttpResponse<String> first = post(worker, "/api/v1/found-children", doc);
        HttpResponse<String> second = post(worker, "/api/v1/found-children", doc);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(map(second).get("id")).isEqualTo(map(first).get("id"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM found_child WHERE external_id = ?", Long.class, externalId)).isEqualTo(1);
        // another user's record with that externalId is not theirs to read: 409
        HttpResponse<String> other = post(otherWorker, "/api/v1/found-children", doc.replace("230102", "230104"));
        assertThat(other.statusCode()).isEqualTo(409);
    }

    @Test
    void badInputIsProblemJsonWithOneEntryPerField() {
        HttpResponse<String> r = post(worker, "/api/v1/found-children", """
                {"nationalId": "1219900123450", "firstName": "", "birthDate": "2009-02-30", "sex": "X", "surveyedOn": "2026-07-01",
                 "address": {"subdistrictCode": "999999", "villageNo": 120}, "location": {"lat": 40, "lon": 101},
                 "guardianPhone": "12345", "highestGrade": "Z9", "reasons": ["POVERTY", "BORED"], "needs": ["FLYING"]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        List<String> fields = list(map(r).get("errors")).stream().map(e -> (String) e.get("field")).toList();
        assertThat(fields).contains("nationalId", "firstName", "lastName", "birthDate", "sex", "address.subdistrictCode", "address.villageNo",
                "location", "guardianPhone", "highestGrade", "reasons[1]", "needs[0]");
        // neither an id nor a reason; unreadable JSON
        HttpResponse<String> noId = record(worker, null, "ก", "ข", LocalDate.of(2010, 1, 1), "230101");
        assertThat(noId.statusCode()).isEqualTo(201);
        HttpResponse<String> missing = post(worker, "/api/v1/found-children", OutOfSchoolFixtures.document(null, null, "ก", "ข",
                LocalDate.of(2010, 1, 1), SURVEYED, "230101", List.of()).replace("\"noIdReason\": \"ไม่มีเอกสาร\"", "\"noIdReason\": null"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(list(map(missing).get("errors")).get(0)).containsEntry("field", "nationalId")
                .containsEntry("message", "Enter the id, or say why it is not known");
        HttpResponse<String> broken = post(worker, "/api/v1/found-children", "{\"address\": {\"villageNo\": \"three\"}}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(list(map(broken).get("errors")).get(0).get("field")).isEqualTo("address.villageNo");
    }

    @Test
    void ageBandsAtTheirEdgesAndAgesOutside2To21AreRefused() {
        Map<Integer, String> expected = Map.of(2, "2-6", 6, "2-6", 7, "7-12", 12, "7-12", 13, "13-15", 15, "13-15", 16, "16-18",
                18, "16-18", 19, "19-21", 21, "19-21");
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            // born exactly that many years before the survey date: that age on the day
            HttpResponse<String> r = record(worker, OutOfSchoolFixtures.newNationalId(), "อายุ" + e.getKey(), "ขอบ", SURVEYED.minusYears(e.getKey()), "230101");
            assertThat(r.statusCode()).as("age %d: %s", e.getKey(), r.body()).isEqualTo(201);
            assertThat(map(r).get("ageBand")).as("age %d", e.getKey()).isEqualTo(e.getValue());
        }
        // a day short of 7 is still 6; a day short of 2 is 1 and refused; 22 is refused
        HttpResponse<String> six = record(worker, OutOfSchoolFixtures.newNationalId(), "หก", "ขอบ", SURVEYED.minusYears(7).plusDays(1), "230101");
        assertThat(map(six).get("ageBand")).isEqualTo("2-6");
        for (LocalDate birth : List.of(SURVEYED.minusYears(2).plusDays(1), SURVEYED.minusYears(22), SURVEYED.minusYears(30))) {
            HttpResponse<String> r = record(worker, OutOfSchoolFixtures.newNationalId(), "นอก", "ช่วง", birth, "230101");
            assertThat(r.statusCode()).as(birth.toString()).isEqualTo(400);
            assertThat(list(map(r).get("errors")).get(0)).containsEntry("field", "birthDate");
            assertThat((String) list(map(r).get("errors")).get(0).get("message")).startsWith("Only children and youth aged 2 to 21");
        }
    }

    @Test
    void theSameIdAnywhereIsOfferedAsAPossibleDuplicateWithoutNamesOutsideTheCallersArea() {
        String id = OutOfSchoolFixtures.newNationalId();
        long first = ((Number) map(record(otherWorker, id, "วีระ", "กล้าหาญ", LocalDate.of(2010, 4, 4), "230104")).get("id")).longValue();
        HttpResponse<String> r = record(worker, id, "วีรพงษ์", "ใจกล้า", LocalDate.of(2011, 5, 5), "230101");
        assertThat(r.statusCode()).isEqualTo(201);
        List<Map<String, Object>> offers = list(map(r).get("possibleDuplicates"));
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0)).containsEntry("rule", "SAME_ID").containsEntry("subdistrictCode", "230104")
                .doesNotContainKeys("firstName", "lastName", "birthDate");
        assertThat(((Number) offers.get(0).get("id")).longValue()).isEqualTo(first);
    }

    @Test
    void theSameNamesWithoutTitlesAndSpacesAndBirthDateInTheSameSubdistrictAreOffered() {
        LocalDate birth = LocalDate.of(2013, 8, 8);
        long first = ((Number) map(record(worker, OutOfSchoolFixtures.newNationalId(), "ด.ช.ภูมิ ใจ", "รักษ์ดี", birth, "230102")).get("id")).longValue();
        List<Map<String, Object>> same = list(map(record(worker, null, "ภูมิใจ", " รักษ์ ดี", birth, "230102")).get("possibleDuplicates"));
        assertThat(same).extracting(m -> m.get("rule")).containsExactly("SAME_NAMES");
        assertThat(((Number) same.get(0).get("id")).longValue()).isEqualTo(first);
        assertThat(same.get(0)).containsEntry("firstName", "ด.ช.ภูมิ ใจ");
        // another subdistrict, or another birth date: not offered
        assertThat(list(map(record(worker, null, "ภูมิใจ", "รักษ์ดี", birth, "230101")).get("possibleDuplicates"))).isEmpty();
        assertThat(list(map(record(worker, null, "ภูมิใจ", "รักษ์ดี", birth.plusDays(1), "230102")).get("possibleDuplicates"))).isEmpty();
    }

    @Test
    void nearlyEqualNamesWithTheSameBirthDateInTheSameSubdistrictAreOffered() {
        LocalDate birth = LocalDate.of(2008, 2, 14);
        record(worker, OutOfSchoolFixtures.newNationalId(), "นางสาวกนกวรรณ", "ศรีสุวรรณ", birth, "230101");
        // a letter missing and a letter wrong
        List<Map<String, Object>> offers = list(map(record(worker, null, "กนกวรณ", "ศรีสุวรรน", birth, "230101")).get("possibleDuplicates"));
        assertThat(offers).extracting(m -> m.get("rule")).containsExactly("SIMILAR_NAMES");
        // quite another name: not offered
        assertThat(list(map(record(worker, null, "สมหญิง", "ศรีสุวรรณ", birth, "230101")).get("possibleDuplicates"))).isEmpty();
    }

    @Test
    void anIdOnACurrentSchoolRosterIsFlaggedInSchool() {
        String rostered = jdbc.queryForObject("SELECT national_id FROM child WHERE status = 'IN_SCHOOL' ORDER BY id LIMIT 1", String.class);
        HttpResponse<String> r = record(worker, rostered, "เรียน", "อยู่", SURVEYED.minusYears(10), "230101");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(map(r).get("status")).isEqualTo("IN_SCHOOL");
    }

    @Test
    void aSubdistrictOutsideTheWorkersAreaIsRefusedAndOthersCannotRecord() {
        HttpResponse<String> r = record(worker, OutOfSchoolFixtures.newNationalId(), "นอก", "พื้นที่", SURVEYED.minusYears(10), "230104");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(list(map(r).get("errors")).get(0)).containsEntry("field", "address.subdistrictCode");
        // a school teacher (not of a non-formal-education centre) finds in no subdistrict: 403; province and fund may not record
        for (String user : List.of("teacher", "province", "fund")) {
            assertThat(record(user, OutOfSchoolFixtures.newNationalId(), "ก", "ข", SURVEYED.minusYears(10), "400101").statusCode())
                    .as(user).isEqualTo(403);
        }
    }

    @Test
    void aTeacherOfANonFormalEducationCentreRecordsInTheCentresSubdistrict() {
        String nfe = new OutOfSchoolFixtures(jdbc, encoder).teacher("oos-api-nfe", "NFE-400101");
        assertThat(record(nfe, OutOfSchoolFixtures.newNationalId(), "กศน", "ครู", SURVEYED.minusYears(17), "400101").statusCode()).isEqualTo(201);
        assertThat(record(nfe, OutOfSchoolFixtures.newNationalId(), "กศน", "ครู", SURVEYED.minusYears(17), "400102").statusCode()).isEqualTo(403);
        Map<String, Object> me = map(get(nfe, "/api/v1/me"));
        assertThat(me.get("subdistricts")).isEqualTo(List.of("400101"));
    }

    @Test
    void theListIsScopedFilteredAndPaged() {
        String id = OutOfSchoolFixtures.newNationalId();
        long mine = ((Number) map(record(worker, id, "รายการ", "ทดสอบ", SURVEYED.minusYears(14), "230102")).get("id")).longValue();
        Map<String, Object> page = map(get(worker, "/api/v1/found-children?province=23&subdistrict=230102&ageBand=13-15&size=1000"));
        assertThat(list(page.get("items"))).extracting(m -> ((Number) m.get("id")).longValue()).contains(mine);
        assertThat(list(page.get("items"))).allSatisfy(m -> assertThat(m.get("ageBand")).isEqualTo("13-15"));
        // the other worker of the same province sees only their own subdistrict
        Map<String, Object> other = map(get(otherWorker, "/api/v1/found-children?province=23&size=1000"));
        assertThat(list(other.get("items"))).allSatisfy(m -> assertThat(((Map<?, ?>) m.get("address")).get("subdistrictCode")).isEqualTo("230104"));
        assertThat(get(otherWorker, "/api/v1/found-children?province=23&subdistrict=230102").statusCode()).isEqualTo(403);
        // the province sees it; another province is refused; the fund office reads nationally
        assertThat(list(map(get(trat, "/api/v1/found-children?province=23&size=1000")).get("items")))
                .extracting(m -> ((Number) m.get("id")).longValue()).contains(mine);
        assertThat(get("province", "/api/v1/found-children?province=23").statusCode()).isEqualTo(403);
        assertThat(get(worker, "/api/v1/found-children?province=21").statusCode()).isEqualTo(403);
        assertThat(get("fund", "/api/v1/found-children?province=23&status=FOUND").statusCode()).isEqualTo(200);
        // paging
        Map<String, Object> one = map(get(trat, "/api/v1/found-children?province=23&size=1&page=0"));
        assertThat(list(one.get("items"))).hasSize(1);
        assertThat(((Number) one.get("total")).longValue()).isGreaterThan(1);
        // bad parameters
        HttpResponse<String> bad = get(trat, "/api/v1/found-children?province=2x&ageBand=1-99&need=X&status=Y&size=5000");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(list(map(bad).get("errors"))).extracting(m -> m.get("field")).contains("province", "ageBand", "need", "status", "size");
        assertThat(get(trat, "/api/v1/found-children").statusCode()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void groupsCountByAgeBandNeedAndDistrictAndByStatus() {
        String saming = new OutOfSchoolFixtures(jdbc, encoder).areaWorker("oos-api-saming", "230301", "230302");
        String before = get(trat, "/api/v1/found-children/groups?province=23&district=2303").body();
        assertThat(map(get(trat, "/api/v1/found-children/groups?province=23&district=2303")).get("outOfSchool")).as(before).isEqualTo(0);
        post(saming, "/api/v1/found-children", OutOfSchoolFixtures.document(null, OutOfSchoolFixtures.newNationalId(), "ก", "หนึ่ง",
                SURVEYED.minusYears(4), SURVEYED, "230301", List.of("EARLY_CHILDHOOD_CARE", "HEALTH")));
        post(saming, "/api/v1/found-children", OutOfSchoolFixtures.document(null, OutOfSchoolFixtures.newNationalId(), "ข", "สอง",
                SURVEYED.minusYears(5), SURVEYED, "230301", List.of("EARLY_CHILDHOOD_CARE")));
        post(saming, "/api/v1/found-children", OutOfSchoolFixtures.document(null, OutOfSchoolFixtures.newNationalId(), "ค", "สาม",
                SURVEYED.minusYears(17), SURVEYED, "230302", List.of("VOCATIONAL_TRAINING")));
        String rostered = jdbc.queryForObject("SELECT national_id FROM child WHERE status = 'IN_SCHOOL' ORDER BY id DESC LIMIT 1", String.class);
        post(saming, "/api/v1/found-children", OutOfSchoolFixtures.document(null, rostered, "ง", "สี่", SURVEYED.minusYears(9), SURVEYED,
                "230302", List.of("RETURN_TO_SCHOOL")));
        Map<String, Object> g = map(get(trat, "/api/v1/found-children/groups?province=23&district=2303"));
        assertThat(((Number) g.get("outOfSchool")).longValue()).isEqualTo(3);
        assertThat((Map<String, Object>) g.get("byAgeBand")).containsEntry("2-6", 2).containsEntry("16-18", 1).containsEntry("7-12", 0);
        assertThat((Map<String, Object>) g.get("bySubdistrict")).containsEntry("230301", 2).containsEntry("230302", 1);
        assertThat((Map<String, Object>) g.get("byNeed")).containsEntry("EARLY_CHILDHOOD_CARE", 2).containsEntry("HEALTH", 1)
                .containsEntry("RETURN_TO_SCHOOL", 0);
        assertThat((Map<String, Object>) g.get("byStatus")).containsEntry("FOUND", 3).containsEntry("IN_SCHOOL", 1).containsEntry("DUPLICATE", 0);
        assertThat(list(g.get("groups"))).contains(Map.of("ageBand", "2-6", "need", "EARLY_CHILDHOOD_CARE", "subdistrict", "230301", "count", 2),
                Map.of("ageBand", "16-18", "need", "VOCATIONAL_TRAINING", "subdistrict", "230302", "count", 1));
        // by district over the province
        Map<String, Object> province = map(get(trat, "/api/v1/found-children/groups?province=23"));
        assertThat((Map<String, Object>) province.get("byDistrict")).containsEntry("2303", 3);
        // access: the province's own user, the fund office; not another province's, not area workers
        assertThat(get("fund", "/api/v1/found-children/groups?province=23").statusCode()).isEqualTo(200);
        assertThat(get("province", "/api/v1/found-children/groups?province=23").statusCode()).isEqualTo(403);
        assertThat(get(saming, "/api/v1/found-children/groups?province=23").statusCode()).isEqualTo(403);
    }

    @Test
    void aRecordIsMergedAsADuplicateOnceAndAStaleVersionIsRefused() {
        String id = OutOfSchoolFixtures.newNationalId();
        long first = ((Number) map(record(worker, id, "ชัย", "ชนะ", LocalDate.of(2010, 10, 10), "230101")).get("id")).longValue();
        long second = ((Number) map(record(worker, id, "ชัย", "ชนะ", LocalDate.of(2010, 10, 10), "230101")).get("id")).longValue();
        assertThat(post(worker, "/api/v1/found-children/" + second + "/merge", "{\"into\": " + first + ", \"version\": 7}").statusCode())
                .isEqualTo(409);
        HttpResponse<String> merged = post(worker, "/api/v1/found-children/" + second + "/merge",
                "{\"into\": " + first + ", \"version\": 0, \"reason\": \"บันทึกซ้ำ\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(map(merged)).containsEntry("status", "DUPLICATE");
        assertThat(jdbc.queryForMap("SELECT status, merged_into FROM found_child WHERE id = ?", second))
                .containsEntry("status", "DUPLICATE").containsEntry("merged_into", first);
        assertThat(post(worker, "/api/v1/found-children/" + second + "/merge", "{\"into\": " + first + ", \"version\": 1}").statusCode())
                .isEqualTo(409);
        assertThat(post(worker, "/api/v1/found-children/" + first + "/merge", "{\"into\": " + first + ", \"version\": 0}").statusCode())
                .isEqualTo(400);
        // a merged record is no longer offered as a duplicate; the survivor is
        List<Map<String, Object>> offers = list(map(record(worker, id, "ชัย", "ชนะ", LocalDate.of(2010, 10, 10), "230101")).get("possibleDuplicates"));
        assertThat(offers).extracting(m -> ((Number) m.get("id")).longValue()).containsExactly(first);
        // the other worker may not merge records outside their area
        assertThat(post(otherWorker, "/api/v1/found-children/" + first + "/merge", "{\"into\": " + second + ", \"version\": 0}").statusCode())
                .isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void providersOfAProvinceWithTheirServicesAndTheProviderUsersMe() {
        HttpResponse<String> r = get("province2", "/api/v1/providers?province=21");
        assertThat(r.statusCode()).isEqualTo(200);
        List<Map<String, Object>> items = list(map(r).get("items"));
        assertThat(items).hasSizeGreaterThanOrEqualTo(8);
        assertThat(items.get(0)).containsEntry("code", "P21001").containsEntry("type", "VOCATIONAL_COLLEGE").containsKey("bankAccount");
        assertThat((List<Object>) items.get(0).get("services")).contains("VOCATIONAL_TRAINING");
        assertThat(get("province", "/api/v1/providers?province=21").statusCode()).isEqualTo(403);
        assertThat(get("area", "/api/v1/providers?province=21").statusCode()).isEqualTo(200);
        assertThat(list(map(get("area", "/api/v1/providers?province=21")).get("items")).get(0)).doesNotContainKey("bankAccount");
        assertThat(get("provider", "/api/v1/providers?province=21").statusCode()).isEqualTo(403);
        assertThat(get("fund", "/api/v1/providers").statusCode()).isEqualTo(400);
        Map<String, Object> me = map(get("provider", "/api/v1/me"));
        assertThat(me).containsEntry("providerCode", "P21001");
        assertThat((List<Object>) me.get("roles")).containsExactly("PROVIDER");
        Map<String, Object> area = map(get("area", "/api/v1/me"));
        assertThat((List<Object>) area.get("subdistricts")).contains("210101", "210102");
        assertThat((List<Object>) area.get("roles")).containsExactly("AREA_WORKER");
    }
}
