package org.eduequity.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/** The administrators' list, create and edit screens for organisation units, through the real filter chain. */
@IntegrationTest
class OrgUnitAdminScreensTests {

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
    void listShowsDemoUnitsWithTheirPlacesAndSearchFilters() throws Exception {
        String all = page(get("/admin/org-units"));
        assertThat(all).contains("1040010001", "โรงเรียนบ้านสำราญ (สาธิต)", "ขอนแก่น", "ระยอง", "badge-ok")
                .contains(jdbc.queryForObject("SELECT name_th FROM subdistrict WHERE code = '400102'", String.class))
                .contains(jdbc.queryForObject("SELECT name_th FROM district WHERE code = '4001'", String.class))
                .contains("/admin/org-units/new", "/admin/org-units/import");

        assertThat(page(get("/admin/org-units").param("q", "Klaeng"))).contains("1021030005").doesNotContain("1040010001");
        assertThat(page(get("/admin/org-units").param("q", "1040050002"))).contains("1040050002").doesNotContain("1040010001");
        assertThat(page(get("/admin/org-units").param("province", "21")))
                .contains("1021010004", "CDC-210401").doesNotContain("1040010001");
        assertThat(page(get("/admin/org-units").param("province", "40").param("type", "NFE_CENTRE")))
                .contains("NFE-400101").doesNotContain("1040010001", "CDC-400201");
        assertThat(page(get("/admin/org-units").param("q", "no-such-unit-anywhere"))).contains("org-units-empty");
    }

    @Test
    void screensAreAlsoInEnglish() throws Exception {
        assertThat(page(get("/admin/org-units").param("lang", "en")))
                .contains("Schools and centres", "Ban Samran School (demo)", "Khon Kaen", "Office of the Basic Education Commission");
        assertThat(page(get("/admin/org-units/new").param("lang", "en"))).contains("Add a school or centre", "e.g. 400101");
        assertThat(page(get("/admin/org-units/import").param("lang", "en")))
                .contains("Import schools and centres", "code,name_th,name_en,type,affiliation,subdistrict_code");
        page(get("/admin/org-units").param("lang", "th"));
    }

    @Test
    void createsAValidUnitAndAuditsIt() throws Exception {
        String code = UnitCodes.school();
        MvcResult result = mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin)
                        .param("code", code).param("nameTh", "โรงเรียนทดสอบสร้าง").param("nameEn", "Create Test School")
                        .param("type", "SCHOOL").param("affiliation", "OBEC").param("subdistrictCode", "500101"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/admin/org-units/*/edit"))
                .andExpect(flash().attribute("flashSuccess", "orgUnit.flash.created"))
                .andReturn();

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM org_unit WHERE code = ?", code);
        assertThat(row).containsEntry("name_th", "โรงเรียนทดสอบสร้าง").containsEntry("district_code", "5001")
                .containsEntry("province_code", "50").containsEntry("affiliation", "OBEC").containsEntry("active", true);
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'CREATE' AND entity_type = 'OrgUnit' AND detail = ? AND actor = 'admin'",
                Integer.class, code)).isEqualTo(1);

        String edit = page(get(result.getResponse().getRedirectedUrl()).flashAttr("flashSuccess", "orgUnit.flash.created"));
        assertThat(edit).contains(code, "name=\"version\"", "subdistrict-location", "เพิ่มหน่วยงานเรียบร้อยแล้ว",
                jdbc.queryForObject("SELECT name_th FROM subdistrict WHERE code = '500101'", String.class));
    }

    @Test
    void refusesInvalidDataWithThaiMessagesNextToTheFieldsAndWritesNothing() throws Exception {
        int before = units();
        String html = mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin)
                        .param("code", "123456789").param("nameTh", " ").param("nameEn", "")
                        .param("type", "SCHOOL").param("affiliation", "OBEC").param("subdistrictCode", "999999"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก", "กรุณากรอกชื่อหน่วยงาน", "ไม่พบรหัสตำบลนี้")
                .contains("id=\"code-error\"", "id=\"nameTh-error\"", "id=\"subdistrictCode-error\"", "field-error");
        assertThat(html.split("has-error", -1)).hasSize(4); // three fields
        assertThat(units()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit WHERE code = '123456789'", Integer.class)).isZero();

        String malformed = mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin)
                        .param("code", UnitCodes.centre()).param("nameTh", "ศูนย์ทดสอบ").param("type", "")
                        .param("affiliation", "").param("subdistrictCode", "40010"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(malformed).contains("กรุณาเลือกประเภทหน่วยงาน", "กรุณาเลือกสังกัด", "รหัสตำบลต้องเป็นตัวเลข 6 หลัก");
        assertThat(units()).isEqualTo(before);
    }

    @Test
    void refusesACodeThatExists() throws Exception {
        String html = mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin)
                        .param("code", "1040010001").param("nameTh", "ซ้ำ").param("type", "SCHOOL")
                        .param("affiliation", "OBEC").param("subdistrictCode", "400102"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("รหัสหน่วยงานนี้มีอยู่แล้ว");
        assertThat(jdbc.queryForObject("SELECT name_th FROM org_unit WHERE code = '1040010001'", String.class))
                .isEqualTo("โรงเรียนบ้านสำราญ (สาธิต)");
    }

    @Test
    void aStaleVersionGivesAConflictAndChangesNothing() throws Exception {
        String code = UnitCodes.centre();
        long id = create(code, "CHILD_DEVELOPMENT_CENTRE", "LOCAL_ADMINISTRATION", "ศูนย์พัฒนาเด็กเล็กทดสอบ");
        long version = version(id);

        mvc.perform(edit(id, version, "ศูนย์พัฒนาเด็กเล็กทดสอบ ก"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "orgUnit.flash.updated"));
        assertThat(version(id)).isEqualTo(version + 1);
        assertThat(jdbc.queryForObject("SELECT district_code FROM org_unit WHERE id = ?", String.class, id)).isEqualTo("1001");

        String html = mvc.perform(edit(id, version, "ศูนย์พัฒนาเด็กเล็กทดสอบ ข"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("ข้อมูลนี้ถูกแก้ไขโดยผู้ใช้อื่น", "reload-link")
                .contains("แขวง" + jdbc.queryForObject("SELECT name_th FROM subdistrict WHERE code = '100101'", String.class));
        assertThat(jdbc.queryForObject("SELECT name_th FROM org_unit WHERE id = ?", String.class, id))
                .isEqualTo("ศูนย์พัฒนาเด็กเล็กทดสอบ ก");
        assertThat(version(id)).isEqualTo(version + 1);
    }

    @Test
    void deactivatesAndActivatesWithTheCurrentVersionOnly() throws Exception {
        long id = create(UnitCodes.centre(), "NFE_CENTRE", "NFE", "ศกร.ทดสอบ");
        long version = version(id);
        mvc.perform(post("/admin/org-units/{id}/active", id).with(csrf()).session(admin)
                        .param("active", "false").param("version", String.valueOf(version)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "orgUnit.flash.deactivated"));
        assertThat(jdbc.queryForObject("SELECT active FROM org_unit WHERE id = ?", Boolean.class, id)).isFalse();

        mvc.perform(post("/admin/org-units/{id}/active", id).with(csrf()).session(admin)
                        .param("active", "true").param("version", String.valueOf(version)))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "orgUnit.form.conflict"));
        assertThat(jdbc.queryForObject("SELECT active FROM org_unit WHERE id = ?", Boolean.class, id)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'DISABLE' AND entity_type = 'OrgUnit' AND entity_id = ?",
                Integer.class, String.valueOf(id))).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsMayOpenTheScreens() throws Exception {
        MockHttpSession teacher = Logins.session(mvc, "teacher");
        for (String url : List.of("/admin/org-units", "/admin/org-units/new", "/admin/org-units/import")) {
            mvc.perform(get(url).session(teacher)).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/org-units/new").with(csrf()).session(teacher).param("code", UnitCodes.school()))
                .andExpect(status().isForbidden());
        MockHttpSession province = Logins.session(mvc, "province");
        mvc.perform(get("/admin/org-units").session(province)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/org-units")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/org-units/new").session(admin).param("code", UnitCodes.school()))
                .andExpect(status().isForbidden()); // no CSRF token
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        String html = mvc.perform(request.session(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).as("no missing message keys").doesNotContain("??");
        return html;
    }

    private long create(String code, String type, String affiliation, String name) throws Exception {
        mvc.perform(post("/admin/org-units/new").with(csrf()).session(admin)
                        .param("code", code).param("nameTh", name).param("type", type)
                        .param("affiliation", affiliation).param("subdistrictCode", "100101"))
                .andExpect(status().is3xxRedirection());
        return jdbc.queryForObject("SELECT id FROM org_unit WHERE code = ?", Long.class, code);
    }

    private MockHttpServletRequestBuilder edit(long id, long version, String name) {
        return post("/admin/org-units/{id}/edit", id).with(csrf()).session(admin)
                .param("nameTh", name).param("nameEn", "").param("type", "CHILD_DEVELOPMENT_CENTRE")
                .param("affiliation", "LOCAL_ADMINISTRATION").param("subdistrictCode", "100101")
                .param("version", String.valueOf(version));
    }

    private long version(long id) {
        return jdbc.queryForObject("SELECT version FROM org_unit WHERE id = ?", Long.class, id);
    }

    private int units() {
        return jdbc.queryForObject("SELECT count(*) FROM org_unit", Integer.class);
    }
}
