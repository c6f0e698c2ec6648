package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/**
 * The out-of-school screens through MockMvc with real logins: the mobile form (field errors in Thai and English, the
 * age refusal, duplicates offered on save and saved with a reason, the idempotent resubmit), the offers while typing,
 * my found children, a record and its merge, the grouping with its CSV and XLSX exports, the providers' screens and the
 * accounts screen for area workers and provider users.
 */
@IntegrationTest
class FindingScreensTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    MockMvc mvc;
    String worker;

    @BeforeEach
    void setUp() {
        mvc = Logins.mockMvc(context);
        // Mueang Trat (2301): no demo data, so what this test records is all there is in these subdistricts
        worker = new OutOfSchoolFixtures(jdbc, encoder).areaWorker("oos-screen-worker", "230106", "230107");
    }

    private MockHttpServletRequestBuilder form(String birthDate, String first, String last, String nationalId) {
        return post("/out-of-school/find").with(csrf()).param("birthDate", birthDate)
                .param("firstName", first).param("lastName", last).param("sex", "F").param("nationalId", nationalId)
                .param("subdistrictCode", "230106").param("villageNo", "4").param("houseNo", "9/1").param("situation", "ดูแลน้อง")
                .param("highestGrade", "P6").param("reasons", "FAMILY_DUTIES", "POVERTY").param("needs", "NON_FORMAL_EDUCATION")
                .param("surveyedOn", "1/7/2569");
    }

    private String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theFormOffersOnlyTheWorkersSubdistrictsAndRecordsAFoundChild() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        String page = html(mvc.perform(get("/out-of-school/find").session(session)).andReturn());
        assertThat(page).contains("id=\"finding-form\"").contains("value=\"230106\"").contains("value=\"230107\"").doesNotContain("value=\"230101\"")
                .contains("name=\"externalId\"").contains("data-duplicates-url=\"/out-of-school/duplicates\"");
        String id = OutOfSchoolFixtures.newNationalId();
        MvcResult saved = mvc.perform(form("2/3/2555", "พิมพ์ชนก", "ทองคำ", id).session(session)).andReturn();
        assertThat(saved.getResponse().getStatus()).as(html(saved)).isEqualTo(302);
        assertThat(saved.getResponse().getRedirectedUrl()).matches("/out-of-school/children/\\d+");
        long recorded = Long.parseLong(saved.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        assertThat(jdbc.queryForMap("SELECT birth_date::text AS b, age_band, array_to_string(reasons, ',') AS r FROM found_child WHERE id = ?", recorded))
                .containsEntry("b", "2012-03-02").containsEntry("age_band", "13-15").containsEntry("r", "POVERTY,FAMILY_DUTIES");
        String show = html(mvc.perform(get(saved.getResponse().getRedirectedUrl()).session(session)).andReturn());
        assertThat(show).contains("พิมพ์ชนก ทองคำ").contains("ช่วงอายุ 13-15").contains("ดูแลครอบครัว").contains("บันทึกเรียบร้อยแล้ว");
        assertThat(html(mvc.perform(get("/out-of-school/mine").session(session)).andReturn())).contains("id=\"found-" + recorded + "\"");
    }

    @Test
    void fieldErrorsAreShownNextToTheFieldsInThaiAndEnglish() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        MvcResult r = mvc.perform(form("31/2/2555", "", "ทองคำ", "1234567890123").param("villageNo", "สาม").session(session)).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String page = html(r);
        assertThat(page).contains("id=\"form-errors\"").contains("id=\"birthDate-error\"").contains("วันที่ไม่ถูกต้อง")
                .contains("id=\"firstName-error\"").contains("กรุณากรอกช่องนี้").contains("id=\"villageNo-error\"").contains("หมู่ที่ต้องเป็นตัวเลข")
                .contains("id=\"nationalId-error\"");
        String en = html(mvc.perform(form("31/2/2555", "", "ทองคำ", "").param("lang", "en").session(session)).andReturn());
        assertThat(en).contains("Please fill in this field").contains("Enter the id, or say why it is not known");
        // too old on the survey date: refused with the age
        String old = html(mvc.perform(form("1/1/2540", "สมร", "ทองคำ", OutOfSchoolFixtures.newNationalId()).session(session)).andReturn());
        assertThat(old).contains("บันทึกได้เฉพาะเด็กและเยาวชนอายุ 2–21 ปี ณ วันที่สำรวจ (คนนี้อายุ 29 ปี)");
    }

    @Test
    void aPossibleDuplicateIsOfferedOnSaveAndSavedOnlyWithAReason() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        assertThat(mvc.perform(form("5/5/2553", "นางสาวดวงใจ", "ดีงาม", OutOfSchoolFixtures.newNationalId()).session(session)).andReturn()
                .getResponse().getStatus()).isEqualTo(302);
        long before = jdbc.queryForObject("SELECT count(*) FROM found_child WHERE subdistrict_code = '230106'", Long.class);
        // the same names (title and spaces aside), birth date and subdistrict
        String offered = html(mvc.perform(form("5/5/2553", "ดวง ใจ", "ดีงาม", "").param("noIdReason", "ไม่มีบัตร").session(session)).andReturn());
        assertThat(offered).contains("id=\"duplicates-found\"").contains("ชื่อและวันเกิดเดียวกัน").contains("name=\"notDuplicateReason\"")
                .contains("บันทึกเป็นคนใหม่");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM found_child WHERE subdistrict_code = '230106'", Long.class)).isEqualTo(before);
        MvcResult saved = mvc.perform(form("5/5/2553", "ดวง ใจ", "ดีงาม", "").param("noIdReason", "ไม่มีบัตร")
                .param("notDuplicateReason", "เป็นลูกพี่ลูกน้อง ชื่อเดียวกัน").session(session)).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        long id = Long.parseLong(saved.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        assertThat(jdbc.queryForObject("SELECT not_duplicate_reason FROM found_child WHERE id = ?", String.class, id))
                .isEqualTo("เป็นลูกพี่ลูกน้อง ชื่อเดียวกัน");
        // the offers while typing (JSON for the form's script)
        String typed = html(mvc.perform(get("/out-of-school/duplicates").param("firstName", "ดวงใจ").param("lastName", "ดีงาม")
                .param("birthDate", "5/5/2553").param("subdistrictCode", "230106").session(session)).andReturn());
        assertThat(typed).contains("\"rule\":\"ชื่อและวันเกิดเดียวกัน\"").contains("\"inSchool\":false");
        // a record's page offers to merge it into the other; merging marks it DUPLICATE
        String show = html(mvc.perform(get("/out-of-school/children/" + id).session(session)).andReturn());
        assertThat(show).contains("id=\"merge-form\"");
        long into = jdbc.queryForObject("SELECT merged_into FROM found_child WHERE id = ?", Long.class, id) == null
                ? jdbc.queryForObject("SELECT id FROM found_child WHERE first_name = 'นางสาวดวงใจ' AND subdistrict_code = '230106' ORDER BY id DESC LIMIT 1", Long.class)
                : 0;
        MvcResult merged = mvc.perform(post("/out-of-school/children/" + id + "/merge").with(csrf()).param("into", String.valueOf(into))
                .param("version", "0").param("reason", "คนเดียวกัน").session(session)).andReturn();
        assertThat(merged.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/children/" + id);
        assertThat(jdbc.queryForObject("SELECT status FROM found_child WHERE id = ?", String.class, id)).isEqualTo("DUPLICATE");
        assertThat(html(mvc.perform(get("/out-of-school/children/" + id).session(session)).andReturn())).contains("id=\"merged-note\"");
    }

    @Test
    void aResubmittedFormRecordsTheChildOnce() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        String externalId = UUID.randomUUID().toString();
        String id = OutOfSchoolFixtures.newNationalId();
        MvcResult first = mvc.perform(form("1/1/2560", "กล้า", "หาญ", id).param("externalId", externalId).session(session)).andReturn();
        MvcResult again = mvc.perform(form("1/1/2560", "กล้า", "หาญ", id).param("externalId", externalId).session(session)).andReturn();
        assertThat(again.getResponse().getStatus()).as(html(again)).isEqualTo(302);
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo(first.getResponse().getRedirectedUrl());
        assertThat(again.getFlashMap().get("flashSuccess")).isEqualTo("finding.flash.alreadyRecorded");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM found_child WHERE external_id = ?", Long.class, externalId)).isEqualTo(1);
    }

    @Test
    void theFormIsForThoseWhoFindChildren() throws Exception {
        for (String user : List.of("teacher", "province", "fund", "admin", "provider")) {
            MockHttpSession session = Logins.session(mvc, user);
            assertThat(mvc.perform(get("/out-of-school/find").session(session)).andReturn().getResponse().getStatus()).as(user).isEqualTo(403);
        }
        MockHttpSession area = Logins.session(mvc, "area");
        String home = html(mvc.perform(get("/").session(area)).andReturn());
        assertThat(home).contains("id=\"home-area\"").contains("id=\"nav-find\"").contains("href=\"/out-of-school/find\"").contains("210101 ท่าประดู่");
        String provider = html(mvc.perform(get("/").session(Logins.session(mvc, "provider"))).andReturn());
        assertThat(provider).contains("id=\"home-provider\"").contains("P21001 วิทยาลัยเทคนิคระยอง (สาธิต)");
    }

    @Test
    void theProvinceSeesItsFoundChildrenGroupedAndExportsEachGroup() throws Exception {
        MockHttpSession session = Logins.session(mvc, "province2");
        String page = html(mvc.perform(get("/out-of-school/groups").session(session)).andReturn());
        assertThat(page).contains("id=\"found-groups\"").contains("เด็กและเยาวชนนอกระบบ จ.ระยอง").contains("id=\"status-FOUND\"")
                .contains("id=\"case-stages\"").contains("<svg class=\"chart-bar\"").contains("id=\"area-2101\"").contains("id=\"need-table\"")
                .contains("/out-of-school/groups/export.csv?province=21&amp;district=2101");
        long rayong = jdbc.queryForObject("SELECT count(*) FROM found_child WHERE province_code = '21' AND status IN ('FOUND', 'VERIFIED')", Long.class);
        assertThat(page).contains("id=\"groups-total\">" + rayong + "<");
        String district = html(mvc.perform(get("/out-of-school/groups").param("district", "2101").session(session)).andReturn());
        assertThat(district).contains("id=\"area-210101\"").contains("id=\"back-to-province\"");
        // CSV: UTF-8 with a BOM, a header and one line per child of the group
        MvcResult csv = mvc.perform(get("/out-of-school/groups/export.csv").param("province", "21").param("ageBand", "2-6").session(session)).andReturn();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        String text = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFรหัสรายการ,เลขประจำตัว,ชื่อ");
        long young = jdbc.queryForObject("SELECT count(*) FROM found_child WHERE province_code = '21' AND age_band = '2-6' AND status IN ('FOUND', 'VERIFIED')",
                Long.class);
        assertThat(text.split("\r\n")).hasSize((int) young + 1);
        // XLSX of a need group
        MvcResult xlsx = mvc.perform(get("/out-of-school/groups/export.xlsx").param("province", "21").param("need", "EARLY_CHILDHOOD_CARE")
                .session(session)).andReturn();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            long care = jdbc.queryForObject("SELECT count(*) FROM found_child WHERE province_code = '21' AND 'EARLY_CHILDHOOD_CARE' = ANY (needs) "
                    + "AND status IN ('FOUND', 'VERIFIED')", Long.class);
            assertThat(book.getSheetAt(0).getLastRowNum()).isEqualTo((int) care);
            assertThat(book.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("ชื่อ");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND actor = 'province2'", Long.class)).isGreaterThanOrEqualTo(2);
        // another province's user: refused
        assertThat(mvc.perform(get("/out-of-school/groups").param("province", "21").session(Logins.session(mvc, "province"))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theProvinceMarksAFoundRecordVerifiedOnce() throws Exception {
        MockHttpSession session = Logins.session(mvc, worker);
        MvcResult saved = mvc.perform(form("3/3/2556", "ตรวจ", "สอบ", OutOfSchoolFixtures.newNationalId()).session(session)).andReturn();
        String url = saved.getResponse().getRedirectedUrl();
        long id = Long.parseLong(url.replaceAll("\\D", ""));
        assertThat(html(mvc.perform(get(url).session(session)).andReturn())).doesNotContain("id=\"verify-form\"");
        MockHttpSession trat = Logins.session(mvc, new OutOfSchoolFixtures(jdbc, encoder).provinceUser("oos-screen-trat", "23"));
        assertThat(html(mvc.perform(get(url).session(trat)).andReturn())).contains("id=\"verify-form\"");
        mvc.perform(post(url + "/verify").with(csrf()).param("version", "0").session(trat)).andReturn();
        assertThat(jdbc.queryForObject("SELECT status FROM found_child WHERE id = ?", String.class, id)).isEqualTo("VERIFIED");
        MvcResult again = mvc.perform(post(url + "/verify").with(csrf()).param("version", "1").session(trat)).andReturn();
        assertThat(again.getFlashMap().get("flashError")).isEqualTo("finding.error.notFound");
        assertThat(mvc.perform(post(url + "/verify").with(csrf()).param("version", "1").session(session)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void theProvinceMaintainsItsProviders() throws Exception {
        MockHttpSession session = Logins.session(mvc, "province2");
        String list = html(mvc.perform(get("/out-of-school/providers").session(session)).andReturn());
        assertThat(list).contains("id=\"provider-P21001\"").contains("วิทยาลัยเทคนิคระยอง (สาธิต)").contains("id=\"new-provider\"");
        String form = html(mvc.perform(get("/out-of-school/providers/new").session(session)).andReturn());
        assertThat(form).contains("value=\"P21009\"");
        String errors = html(mvc.perform(post("/out-of-school/providers").with(csrf()).param("provinceCode", "21").param("code", "P40999")
                .param("bankCode", "6").param("areaCodes", "4001").session(session)).andReturn());
        assertThat(errors).contains("รหัสต้องเป็น P ตามด้วยรหัสจังหวัด").contains("กรุณาเลือกบริการอย่างน้อยหนึ่งอย่าง")
                .contains("ไม่พบรหัสพื้นที่ 4001 ในจังหวัดนี้").contains("รหัสธนาคารต้องเป็นตัวเลข 3 หลัก");
        String code = "P21" + (300 + (int) (System.nanoTime() % 600));
        MvcResult created = mvc.perform(post("/out-of-school/providers").with(csrf()).param("provinceCode", "21").param("code", code)
                .param("nameTh", "ศูนย์ฝึกทดสอบ").param("type", "SKILLS_TRAINING_CENTRE").param("services", "VOCATIONAL_TRAINING", "LIFE_SKILLS")
                .param("areaCodes", "2101, 210105").param("active", "true").session(session)).andReturn();
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/providers?province=21");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM provider_area a JOIN provider p ON p.id = a.provider_id WHERE p.code = ?", Long.class, code))
                .isEqualTo(2);
        MvcResult edited = mvc.perform(post("/out-of-school/providers/" + code).with(csrf()).param("version", "0").param("nameTh", "ศูนย์ฝึกทดสอบ 2")
                .param("type", "SKILLS_TRAINING_CENTRE").param("services", "VOCATIONAL_TRAINING").param("active", "true").session(session)).andReturn();
        assertThat(edited.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/providers?province=21");
        assertThat(jdbc.queryForObject("SELECT name_th FROM provider WHERE code = ?", String.class, code)).isEqualTo("ศูนย์ฝึกทดสอบ 2");
        // a stale version is a conflict on the form
        assertThat(html(mvc.perform(post("/out-of-school/providers/" + code).with(csrf()).param("version", "0").param("nameTh", "x")
                .param("type", "NGO").param("services", "OTHER").session(session)).andReturn())).contains("ข้อมูลนี้ถูกแก้ไขโดยผู้อื่น");
        // Khon Kaen's user may not touch Rayong's providers; the fund office reads them without editing
        MockHttpSession kk = Logins.session(mvc, "province");
        assertThat(mvc.perform(get("/out-of-school/providers/" + code + "/edit").session(kk)).andReturn().getResponse().getStatus()).isEqualTo(403);
        String fund = html(mvc.perform(get("/out-of-school/providers").param("province", "21").session(Logins.session(mvc, "fund"))).andReturn());
        assertThat(fund).contains("id=\"provider-P21001\"").doesNotContain("id=\"new-provider\"");
    }

    @Test
    void anAdministratorCreatesAnAreaWorkerWithSubdistrictsAndAProviderUser() throws Exception {
        MockHttpSession admin = Logins.session(mvc, "admin");
        assertThat(html(mvc.perform(get("/admin/users/new").session(admin)).andReturn())).contains("name=\"subdistrictCodes\"")
                .contains("name=\"providerCode\"").contains("value=\"AREA_WORKER\"");
        String name = "oos-area-" + (System.nanoTime() % 100000);
        String refused = html(mvc.perform(post("/admin/users").with(csrf()).param("username", name).param("displayName", "อาสา")
                .param("password", "a long demo passphrase 2569").param("roles", "AREA_WORKER").param("subdistrictCodes", "210101, 999999")
                .session(admin)).andReturn());
        assertThat(refused).contains("ไม่พบรหัสตำบล: 999999");
        MvcResult created = mvc.perform(post("/admin/users").with(csrf()).param("username", name).param("displayName", "อาสา")
                .param("password", "a long demo passphrase 2569").param("roles", "AREA_WORKER").param("subdistrictCodes", "210101 210102")
                .session(admin)).andReturn();
        assertThat(created.getResponse().getStatus()).as(html(created)).isEqualTo(302);
        assertThat(jdbc.queryForList("SELECT s.subdistrict_code FROM user_subdistrict s JOIN user_account u ON u.id = s.user_id WHERE u.username = ? "
                + "ORDER BY 1", String.class, name)).containsExactly("210101", "210102");
        String noProvider = html(mvc.perform(post("/admin/users").with(csrf()).param("username", name + "p").param("displayName", "หน่วย")
                .param("password", "a long demo passphrase 2569").param("roles", "PROVIDER").session(admin)).andReturn());
        assertThat(noProvider).contains("ผู้ใช้ของหน่วยให้บริการต้องระบุหน่วยให้บริการ");
        String unknown = html(mvc.perform(post("/admin/users").with(csrf()).param("username", name + "p").param("displayName", "หน่วย")
                .param("password", "a long demo passphrase 2569").param("roles", "PROVIDER").param("providerCode", "P99999").session(admin)).andReturn());
        assertThat(unknown).contains("ไม่พบหน่วยให้บริการที่ระบุ");
        MvcResult provider = mvc.perform(post("/admin/users").with(csrf()).param("username", name + "p").param("displayName", "หน่วย")
                .param("password", "a long demo passphrase 2569").param("roles", "PROVIDER").param("providerCode", "p21002").session(admin)).andReturn();
        assertThat(provider.getResponse().getStatus()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT provider_code FROM user_account WHERE username = ?", String.class, name + "p")).isEqualTo("P21002");
    }
}
