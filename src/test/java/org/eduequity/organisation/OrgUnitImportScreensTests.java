package org.eduequity.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** CSV import of organisation units: preview without writing, apply all-or-nothing, apply at most once. */
@IntegrationTest
class OrgUnitImportScreensTests {

    private static final String HEADER = "code,name_th,name_en,type,affiliation,subdistrict_code\r\n";
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f-]{36})\"");

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    MockMvc mvc;
    MockHttpSession admin;

    @BeforeEach
    void signIn() throws Exception {
        mvc = Logins.mockMvc(context);
        admin = Logins.session(mvc, "admin");
    }

    @Test
    void showsEveryRowErrorInThaiAndWritesNothing() throws Exception {
        String good = UnitCodes.school();
        String badCode = "12345";
        String unknownPlace = UnitCodes.centre();
        String columns = UnitCodes.centre();
        String badType = UnitCodes.centre();
        String csv = HEADER
                + good + ",โรงเรียนดี,,SCHOOL,OBEC,500101\r\n"                      // line 2: fine
                + badCode + ",โรงเรียนรหัสสั้น,,SCHOOL,OBEC,500101\r\n"             // line 3: school code
                + unknownPlace + ",ศูนย์ไม่มีตำบล,,NFE_CENTRE,NFE,999999\r\n"        // line 4: subdistrict
                + good + ",โรงเรียนซ้ำ,,SCHOOL,OBEC,500101\r\n"                     // line 5: duplicate of line 2
                + columns + ",ศูนย์คอลัมน์ไม่ครบ,NFE_CENTRE\r\n"                     // line 6: 3 columns
                + badType + ",ศูนย์ประเภทผิด,,CENTRE,NFE,500101\r\n"                 // line 7: type
                + UnitCodes.centre() + ",,,NFE_CENTRE,NFE,500101\r\n";              // line 8: name
        int unitsBefore = count("org_unit");
        int importsBefore = count("org_unit_import");

        String html = preview(csv.getBytes(StandardCharsets.UTF_8), "units.csv");

        assertThat(html).contains("import-errors", "id=\"import-line-3\"", "id=\"import-line-4\"", "id=\"import-line-5\"",
                        "id=\"import-line-6\"", "id=\"import-line-7\"", "id=\"import-line-8\"")
                .doesNotContain("id=\"import-line-2\"") // only rows with errors are listed when there are errors
                .contains("รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก")
                .contains("ไม่พบรหัสตำบลนี้")
                .contains("รหัสนี้ซ้ำกับบรรทัดที่ 2 ในไฟล์")
                .contains("แถวนี้มี 3 คอลัมน์ ต้องมี 6 คอลัมน์")
                .contains("ประเภทไม่ถูกต้อง")
                .contains("กรุณากรอกชื่อหน่วยงาน")
                .contains("มีข้อผิดพลาด 6 แถว")
                .contains("ทั้งหมด 7 แถว: เพิ่มใหม่ 1 แถว ปรับปรุง 0 แถว มีข้อผิดพลาด 6 แถว")
                .doesNotContain("apply-import", "name=\"token\"");
        assertThat(count("org_unit")).isEqualTo(unitsBefore);
        assertThat(count("org_unit_import")).isEqualTo(importsBefore);
        for (String code : List.of(good, badCode, unknownPlace, columns, badType)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit WHERE code = ?", Integer.class, code)).isZero();
        }
    }

    @Test
    void aValidFileIsAppliedInFullAndOnlyOnce() throws Exception {
        // a unit that exists before the import, to be updated by it
        String existing = UnitCodes.centre();
        mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin).param("code", existing)
                        .param("nameTh", "ศูนย์เดิม").param("type", "CHILD_DEVELOPMENT_CENTRE")
                        .param("affiliation", "LOCAL_ADMINISTRATION").param("subdistrictCode", "100101"))
                .andExpect(status().is3xxRedirection());
        long existingVersion = jdbc.queryForObject("SELECT version FROM org_unit WHERE code = ?", Long.class, existing);
        String school = UnitCodes.school();
        String centre = UnitCodes.centre();
        String csv = "\uFEFF" + HEADER
                + school + ",\"โรงเรียนบ้านนา, สาขา 2\",\"Ban Na School \"\"B\"\"\",school,obec,100101\r\n"
                + centre + ",ศูนย์การเรียนรู้ทดสอบ,,NFE_CENTRE,NFE,500101\r\n"
                + "\r\n"
                + existing + ",ศูนย์เดิม (ปรับปรุง),Updated centre,CHILD_DEVELOPMENT_CENTRE,LOCAL_ADMINISTRATION,500101\r\n";
        int unitsBefore = count("org_unit");

        String html = preview(csv.getBytes(StandardCharsets.UTF_8), "units.CSV");

        assertThat(html).contains("import-ready", "apply-import", "id=\"import-line-2\"", "id=\"import-line-3\"",
                        "id=\"import-line-5\"", "import-create", "import-update", "โรงเรียนบ้านนา, สาขา 2")
                .contains("ทั้งหมด 3 แถว: เพิ่มใหม่ 2 แถว ปรับปรุง 1 แถว มีข้อผิดพลาด 0 แถว")
                .doesNotContain("import-errors");
        assertThat(count("org_unit")).isEqualTo(unitsBefore);
        Matcher token = TOKEN.matcher(html);
        assertThat(token.find()).isTrue();

        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(admin).param("token", token.group(1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/org-units"))
                .andExpect(flash().attribute("flashSuccess", "orgUnit.import.applied"))
                .andExpect(flash().attribute("importCreated", 2))
                .andExpect(flash().attribute("importUpdated", 1));

        assertThat(count("org_unit")).isEqualTo(unitsBefore + 2);
        assertThat(jdbc.queryForMap("SELECT name_th, name_en, type, affiliation, district_code, province_code, active FROM org_unit WHERE code = ?", school))
                .containsEntry("name_th", "โรงเรียนบ้านนา, สาขา 2").containsEntry("name_en", "Ban Na School \"B\"")
                .containsEntry("type", "SCHOOL").containsEntry("affiliation", "OBEC")
                .containsEntry("district_code", "1001").containsEntry("province_code", "10").containsEntry("active", true);
        assertThat(jdbc.queryForObject("SELECT name_en FROM org_unit WHERE code = ?", String.class, centre)).isNull();
        assertThat(jdbc.queryForMap("SELECT name_th, subdistrict_code, district_code, version FROM org_unit WHERE code = ?", existing))
                .containsEntry("name_th", "ศูนย์เดิม (ปรับปรุง)").containsEntry("subdistrict_code", "500101")
                .containsEntry("district_code", "5001").containsEntry("version", existingVersion + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND entity_id = ? AND actor = 'admin'"
                + " AND detail LIKE '%created=2, updated=1%'", Integer.class, token.group(1))).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE entity_type = 'OrgUnit' AND actor = 'admin' AND detail LIKE ?",
                String.class, "%(CSV import " + token.group(1) + ")")).containsExactlyInAnyOrder("CREATE", "CREATE", "UPDATE");

        // the same token again: nothing is written a second time
        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(admin).param("token", token.group(1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "orgUnit.import.alreadyApplied"));
        assertThat(count("org_unit")).isEqualTo(unitsBefore + 2);
        assertThat(jdbc.queryForObject("SELECT version FROM org_unit WHERE code = ?", Long.class, existing)).isEqualTo(existingVersion + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND entity_id = ?",
                Integer.class, token.group(1))).isEqualTo(1);

        // the list shows the imported unit
        assertThat(mvc.perform(get("/admin/org-units").param("q", school).session(admin)).andReturn().getResponse()
                .getContentAsString()).contains(school, "โรงเรียนบ้านนา, สาขา 2");
    }

    @Test
    void theListPagesTwentyUnitsAtATime() throws Exception {
        String marker = "หน้า" + UnitCodes.centre();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 25; i++) {
            csv.append(UnitCodes.centre()).append(',').append(marker).append(" ").append(i).append(",,NFE_CENTRE,NFE,500101\r\n");
        }
        Matcher token = TOKEN.matcher(preview(csv.toString().getBytes(StandardCharsets.UTF_8), "units.csv"));
        assertThat(token.find()).isTrue();
        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(admin).param("token", token.group(1)))
                .andExpect(flash().attribute("importCreated", 25));

        String first = mvc.perform(get("/admin/org-units").param("q", marker).session(admin)).andReturn().getResponse().getContentAsString();
        assertThat(first.split(marker + " ", -1)).hasSize(21);
        assertThat(first).contains("class=\"pagination\"", "พบ 25 แห่ง", "page=1");
        String second = mvc.perform(get("/admin/org-units").param("q", marker).param("page", "1").session(admin))
                .andReturn().getResponse().getContentAsString();
        assertThat(second.split(marker + " ", -1)).hasSize(6);
    }

    @Test
    void anUnknownTokenWritesNothing() throws Exception {
        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(admin)
                        .param("token", "00000000-0000-4000-8000-000000000000"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/org-units/import"))
                .andExpect(flash().attribute("flashError", "orgUnit.import.expired"));
        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(admin).param("token", "not-a-token"))
                .andExpect(flash().attribute("flashError", "orgUnit.import.expired"));
    }

    @Test
    void tellsWhatIsWrongWithAFileAsAWhole() throws Exception {
        String row = UnitCodes.school() + ",โรงเรียน,,SCHOOL,OBEC,500101\r\n";
        assertThat(preview((HEADER + row).getBytes(StandardCharsets.UTF_8), "units.txt")).contains("นำเข้าได้เฉพาะไฟล์นามสกุล .csv");
        assertThat(preview(("code;name;type\r\n" + row).getBytes(StandardCharsets.UTF_8), "units.csv"))
                .contains("แถวแรกต้องเป็นหัวคอลัมน์ code,name_th,name_en,type,affiliation,subdistrict_code");
        assertThat(preview((HEADER + row).getBytes(Charset.forName("TIS-620")), "units.csv")).contains("ไม่ได้ใช้รหัสอักขระ UTF-8");
        assertThat(preview(HEADER.getBytes(StandardCharsets.UTF_8), "units.csv")).contains("ไฟล์มีแต่หัวคอลัมน์");
        assertThat(preview((HEADER + "\"unclosed,x\r\n").getBytes(StandardCharsets.UTF_8), "units.csv"))
                .contains("รูปแบบไฟล์ CSV ไม่ถูกต้อง", "บรรทัดที่ 2");
        assertThat(preview(new byte[0], "units.csv")).contains("กรุณาเลือกไฟล์ CSV");
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= 20_000; i++) {
            many.append("T-").append(i).append(",x,,NFE_CENTRE,NFE,500101\r\n");
        }
        assertThat(preview(many.toString().getBytes(StandardCharsets.UTF_8), "units.csv")).contains("ไฟล์มีข้อมูลเกิน 20000 แถว");
        byte[] big = new byte[(int) (5 * 1024 * 1024) + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThat(preview(big, "units.csv")).contains("ไฟล์มีขนาดเกิน 5 MB");
    }

    @Test
    void onlyAdministratorsMayImport() throws Exception {
        MockHttpSession teacher = Logins.session(mvc, "teacher");
        mvc.perform(get("/admin/org-units/import").session(teacher)).andExpect(status().isForbidden());
        mvc.perform(multipart("/admin/org-units/import/preview")
                        .file(new MockMultipartFile("file", "units.csv", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).session(teacher))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/org-units/import/apply").with(csrf()).session(teacher)
                        .param("token", "00000000-0000-4000-8000-000000000000"))
                .andExpect(status().isForbidden());
    }

    private String preview(byte[] content, String fileName) throws Exception {
        String html = mvc.perform(multipart("/admin/org-units/import/preview")
                        .file(new MockMultipartFile("file", fileName, "text/csv", content))
                        .with(csrf()).session(admin))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).as("no missing message keys").doesNotContain("??");
        return html;
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
