package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.shared.TextDecoding;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The roster import: Thai text in UTF-8 (with a BOM) and Windows-874, a preview with row errors that writes nothing,
 * apply that creates and updates only what differs (so the same file again changes nothing), and a teacher kept to
 * their own unit's children.
 */
@IntegrationTest
class RosterImportScreensTests {

    private static final String HEADER = "national_id,title,first_name,last_name,birth_date,sex,grade_level,org_unit_code\r\n";
    private static final String TEACHER_UNIT = "1040010001";
    private static final String TEACHER2_UNIT = "1040050002";
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f-]{36})\"");

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    MockMvc mvc;
    MockHttpSession teacher;

    @BeforeEach
    void signIn() throws Exception {
        mvc = Logins.mockMvc(context);
        teacher = Logins.session(mvc, "teacher");
    }

    @Test
    void thaiTextInUtf8WithBomAndInWindows874IsReadAndApplied() throws Exception {
        String a = ChildIds.next();
        String b = ChildIds.next();
        String utf8 = "\uFEFF" + HEADER
                + a + ",ด.ญ.,มะลิ,ใจดี,11/02/2557,ญ,ป.1," + TEACHER_UNIT + "\r\n"
                + b + ",,\"สมชาย, จูเนียร์\",ศรีสุข,2015-03-31,M,K3," + TEACHER_UNIT + "\r\n";
        String html = preview(teacher, utf8.getBytes(StandardCharsets.UTF_8));
        assertThat(html).contains("import-ready", "มะลิ", "ใจดี", "ด.ญ.", "สมชาย, จูเนียร์", "อ่านไฟล์เป็นรหัสอักขระ UTF-8")
                .contains("ทั้งหมด 2 แถว: เพิ่มใหม่ 2 แถว ปรับปรุง 0 แถว ไม่เปลี่ยนแปลง 0 แถว มีข้อผิดพลาด 0 แถว");
        apply(teacher, token(html), 2, 0, 0);
        assertThat(child(a)).containsEntry("title", "ด.ญ.").containsEntry("first_name", "มะลิ").containsEntry("last_name", "ใจดี")
                .containsEntry("birth_date", java.sql.Date.valueOf(LocalDate.of(2014, 2, 11))).containsEntry("sex", "FEMALE")
                .containsEntry("grade_level", "P1").containsEntry("province_code", "40").containsEntry("version", 0L);
        assertThat(child(b)).containsEntry("title", null).containsEntry("first_name", "สมชาย, จูเนียร์")
                .containsEntry("birth_date", java.sql.Date.valueOf(LocalDate.of(2015, 3, 31))).containsEntry("sex", "MALE")
                .containsEntry("grade_level", "K3");

        // Excel on Thai Windows: Windows-874, one byte per Thai letter, no BOM
        String c = ChildIds.next();
        String windows874 = HEADER + c + ",ด.ช.,ภูมิ,แก้วมณี,1/1/2560,ชาย,อ.1," + TEACHER_UNIT + "\r\n";
        html = preview(teacher, windows874.getBytes(TextDecoding.WINDOWS_874));
        assertThat(html).contains("import-ready", "ภูมิ", "แก้วมณี", "ด.ช.", "Windows-874");
        apply(teacher, token(html), 1, 0, 0);
        assertThat(child(c)).containsEntry("title", "ด.ช.").containsEntry("first_name", "ภูมิ").containsEntry("last_name", "แก้วมณี")
                .containsEntry("sex", "MALE").containsEntry("grade_level", "K1");
    }

    @Test
    void rowErrorsAreShownInThaiAndNothingIsWritten() throws Exception {
        String good = ChildIds.next();
        String badCheck = ChildIds.withWrongCheckDigit(ChildIds.next());
        String badDate = ChildIds.next();
        String badGrade = ChildIds.next();
        String otherUnit = ChildIds.next();
        String csv = HEADER
                + good + ",ด.ญ.,ดวงใจ,บุญมา,01/06/2556,F,P2," + TEACHER_UNIT + "\r\n"          // line 2: fine
                + badCheck + ",,กนก,ทองดี,01/06/2556,F,P2," + TEACHER_UNIT + "\r\n"            // line 3: check digit
                + badDate + ",,สุดา,ทองดี,31/02/2557,F,P2," + TEACHER_UNIT + "\r\n"            // line 4: no such day
                + badGrade + ",,ปิยะ,คำแก้ว,01/06/2556,M,P9," + TEACHER_UNIT + "\r\n"          // line 5: grade
                + otherUnit + ",,อนุชา,มั่นคง,01/06/2556,M,P2," + TEACHER2_UNIT + "\r\n"       // line 6: teacher2's unit
                + good + ",,ดวงใจ,ซ้ำ,01/06/2556,F,P2," + TEACHER_UNIT + "\r\n"                // line 7: duplicate of line 2
                + ChildIds.next() + ",,,,,X,,\r\n"                                             // line 8: many problems
                + "1.40019E+12,,ณัฐ,ชัยมงคล,01/06/2556,M,P2," + TEACHER_UNIT + "\r\n"          // line 9: Excel number
                + ChildIds.next() + ",,ศิริ,พร\r\n";                                          // line 10: columns
        int children = count("child");
        int imports = count("roster_import");

        String html = preview(teacher, csv.getBytes(StandardCharsets.UTF_8));

        assertThat(html).contains("import-errors", "id=\"import-line-3\"", "id=\"import-line-4\"", "id=\"import-line-5\"",
                        "id=\"import-line-6\"", "id=\"import-line-7\"", "id=\"import-line-8\"", "id=\"import-line-9\"",
                        "id=\"import-line-10\"")
                .doesNotContain("id=\"import-line-2\"")
                .contains("เลขประจำตัวประชาชนไม่ถูกต้อง")
                .contains("ไม่มีวันที่นี้ในปฏิทิน")
                .contains("ชั้นไม่ถูกต้อง")
                .contains("ไม่ใช่หน่วยงาน/โรงเรียนของท่าน")
                .contains("เลขประจำตัวนี้ซ้ำกับบรรทัดที่ 2 ในไฟล์")
                .contains("กรุณากรอกชื่อ", "กรุณากรอกนามสกุล", "กรุณากรอกวันเกิด", "เพศไม่ถูกต้อง", "กรุณากรอกรหัสหน่วยงาน")
                .contains("เลขประจำตัวถูก Excel แปลงเป็นตัวเลข")
                .contains("แถวนี้มี 4 คอลัมน์ ต้องมี 8 คอลัมน์")
                .contains("ทั้งหมด 9 แถว: เพิ่มใหม่ 1 แถว ปรับปรุง 0 แถว ไม่เปลี่ยนแปลง 0 แถว มีข้อผิดพลาด 8 แถว")
                .doesNotContain("apply-import", "name=\"token\"");
        assertThat(count("child")).isEqualTo(children);
        assertThat(count("roster_import")).isEqualTo(imports);
        for (String id : List.of(good, badDate, badGrade, otherUnit)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE national_id = ?", Integer.class, id)).isZero();
        }
    }

    @Test
    void applyCreatesAndUpdatesAndTheSameFileAgainChangesNothing() throws Exception {
        String a = ChildIds.next();
        String b = ChildIds.next();
        String first = HEADER
                + a + ",ด.ญ.,พิมพ์ชนก,สุขเจริญ,05/05/2556,F,P1," + TEACHER_UNIT + "\r\n"
                + b + ",ด.ช.,ธนากร,พรหมมา,06/06/2556,M,P1," + TEACHER_UNIT + "\r\n";
        apply(teacher, token(preview(teacher, first.getBytes(StandardCharsets.UTF_8))), 2, 0, 0);

        // a moves up a class, b is as before, c is new
        String c = ChildIds.next();
        String second = HEADER
                + a + ",ด.ญ.,พิมพ์ชนก,สุขเจริญ,05/05/2556,F,P2," + TEACHER_UNIT + "\r\n"
                + b + ",ด.ช.,ธนากร,พรหมมา,06/06/2556,M,P1," + TEACHER_UNIT + "\r\n"
                + c + ",ด.ญ.,อรอุมา,ชัยมงคล,07/07/2556,F,P2," + TEACHER_UNIT + "\r\n";
        byte[] file = second.getBytes(StandardCharsets.UTF_8);
        String html = preview(teacher, file);
        assertThat(html).contains("ทั้งหมด 3 แถว: เพิ่มใหม่ 1 แถว ปรับปรุง 1 แถว ไม่เปลี่ยนแปลง 1 แถว มีข้อผิดพลาด 0 แถว",
                "import-update", "import-unchanged", "import-create");
        String token = token(html);
        apply(teacher, token, 1, 1, 1);
        assertThat(child(a)).containsEntry("grade_level", "P2").containsEntry("version", 1L);
        assertThat(child(b)).containsEntry("version", 0L);
        assertThat(child(c)).containsEntry("first_name", "อรอุมา").containsEntry("version", 0L);
        assertThat(jdbc.queryForList("SELECT action FROM audit_log WHERE entity_type = 'Child' AND actor = 'teacher' AND detail = ?",
                String.class, "roster CSV import " + token)).containsExactlyInAnyOrder("CREATE", "UPDATE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND entity_id = ? AND detail LIKE ?",
                Integer.class, token, "%created=1, updated=1, unchanged=1%")).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT content, created_count, updated_count, unchanged_count FROM roster_import WHERE id = ?::uuid",
                token)).containsEntry("content", null).containsEntry("created_count", 1).containsEntry("updated_count", 1)
                .containsEntry("unchanged_count", 1);

        // the same token again: nothing is written a second time
        mvc.perform(post("/roster/import/apply").with(csrf()).session(teacher).param("token", token))
                .andExpect(redirectedUrl("/roster/import"))
                .andExpect(flash().attribute("flashError", "roster.import.alreadyApplied"));

        // the same file uploaded again: every row unchanged, no version moves, no row is audited
        Map<String, Object> aBefore = child(a);
        html = preview(teacher, file);
        assertThat(html).contains("ทั้งหมด 3 แถว: เพิ่มใหม่ 0 แถว ปรับปรุง 0 แถว ไม่เปลี่ยนแปลง 3 แถว มีข้อผิดพลาด 0 แถว");
        String again = token(html);
        apply(teacher, again, 0, 0, 3);
        assertThat(child(a)).isEqualTo(aBefore);
        assertThat(child(b)).containsEntry("version", 0L);
        assertThat(child(c)).containsEntry("version", 0L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE entity_type = 'Child' AND detail = ?", Integer.class,
                "roster CSV import " + again)).isZero();
    }

    @Test
    void aTeacherImportsOnlyIntoTheirOwnUnitAndMovesNoChildFromAnotherSchool() throws Exception {
        MockHttpSession teacher2 = Logins.session(mvc, "teacher2");
        String a = ChildIds.next();
        String onTeachersRoll = HEADER + a + ",ด.ญ.,ศิริพร,แก้วมณี,02/02/2556,F,P2," + TEACHER_UNIT + "\r\n";
        String token = token(preview(teacher, onTeachersRoll.getBytes(StandardCharsets.UTF_8)));

        // teacher2 cannot apply teacher's token, nor import into teacher's unit
        mvc.perform(post("/roster/import/apply").with(csrf()).session(teacher2).param("token", token))
                .andExpect(flash().attribute("flashError", "roster.import.expired"));
        assertThat(preview(teacher2, onTeachersRoll.getBytes(StandardCharsets.UTF_8)))
                .contains("ไม่ใช่หน่วยงาน/โรงเรียนของท่าน").doesNotContain("name=\"token\"");
        apply(teacher, token, 1, 0, 0);

        // teacher2 cannot take the child onto their own roll
        String move = HEADER + a + ",ด.ญ.,ศิริพร,แก้วมณี,02/02/2556,F,P2," + TEACHER2_UNIT + "\r\n";
        assertThat(preview(teacher2, move.getBytes(StandardCharsets.UTF_8)))
                .contains("เด็กคนนี้มีชื่ออยู่ในหน่วยงาน/โรงเรียนอื่นแล้ว").doesNotContain("name=\"token\"");
        long teacherUnit = jdbc.queryForObject("SELECT id FROM org_unit WHERE code = ?", Long.class, TEACHER_UNIT);
        assertThat(child(a)).containsEntry("org_unit_id", teacherUnit);

        // an administrator may move them
        MockHttpSession admin = Logins.session(mvc, "admin");
        String html = preview(admin, move.getBytes(StandardCharsets.UTF_8));
        assertThat(html).contains("ปรับปรุง 1 แถว");
        apply(admin, token(html), 0, 1, 0);
        long teacher2Unit = jdbc.queryForObject("SELECT id FROM org_unit WHERE code = ?", Long.class, TEACHER2_UNIT);
        assertThat(child(a)).containsEntry("org_unit_id", teacher2Unit).containsEntry("version", 1L);
    }

    @Test
    void theProvinceAndTheFundOfficeMayNotImport() throws Exception {
        for (String user : List.of("province", "fund")) {
            MockHttpSession session = Logins.session(mvc, user);
            mvc.perform(get("/roster/import").session(session)).andExpect(status().isForbidden());
            mvc.perform(multipart("/roster/import/preview")
                            .file(new MockMultipartFile("file", "roster.csv", "text/csv", HEADER.getBytes(StandardCharsets.UTF_8)))
                            .with(csrf()).session(session))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/roster/import/apply").with(csrf()).session(session)
                            .param("token", "00000000-0000-4000-8000-000000000000"))
                    .andExpect(status().isForbidden());
            String home = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(home).doesNotContain("href=\"/roster/import\"");
        }
        String home = mvc.perform(get("/").session(teacher)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(home).contains("href=\"/roster/import\"", "นำเข้ารายชื่อนักเรียน");
    }

    @Test
    void tellsWhatIsWrongWithAFileAsAWhole() throws Exception {
        String row = ChildIds.next() + ",,มะลิ,ใจดี,11/02/2557,F,P1," + TEACHER_UNIT + "\r\n";
        assertThat(upload(teacher, (HEADER + row).getBytes(StandardCharsets.UTF_8), "roster.xlsx"))
                .contains("นำเข้าได้เฉพาะไฟล์นามสกุล .csv");
        assertThat(preview(teacher, ("national_id,name\r\n" + row).getBytes(StandardCharsets.UTF_8)))
                .contains("แถวแรกต้องเป็นหัวคอลัมน์ national_id,title,first_name,last_name,birth_date,sex,grade_level,org_unit_code");
        assertThat(preview(teacher, (HEADER + row).getBytes(StandardCharsets.UTF_16LE))).contains("อ่านไฟล์ไม่ได้");
        assertThat(preview(teacher, HEADER.getBytes(StandardCharsets.UTF_8))).contains("ไฟล์มีแต่หัวคอลัมน์");
        assertThat(preview(teacher, new byte[0])).contains("กรุณาเลือกไฟล์ CSV");
        String form = mvc.perform(get("/roster/import").session(teacher)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("id=\"import-units\"", TEACHER_UNIT).doesNotContain(TEACHER2_UNIT, "??");
    }

    /** The shared database keeps the demo roll only (other tests count it); the audit entries stay, as they must. */
    @AfterEach
    void removeTheChildrenCreated() {
        jdbc.update("DELETE FROM child WHERE national_id = ANY (?::varchar[])", (Object) ChildIds.issued().toArray(String[]::new));
    }

    private String preview(MockHttpSession session, byte[] content) throws Exception {
        return upload(session, content, "roster.csv");
    }

    private String upload(MockHttpSession session, byte[] content, String fileName) throws Exception {
        String html = mvc.perform(multipart("/roster/import/preview")
                        .file(new MockMultipartFile("file", fileName, "text/csv", content))
                        .with(csrf()).session(session))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).as("no missing message keys").doesNotContain("??");
        return html;
    }

    private void apply(MockHttpSession session, String token, int created, int updated, int unchanged) throws Exception {
        mvc.perform(post("/roster/import/apply").with(csrf()).session(session).param("token", token))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/roster/import"))
                .andExpect(flash().attribute("flashSuccess", "roster.import.applied"))
                .andExpect(flash().attribute("importCreated", created))
                .andExpect(flash().attribute("importUpdated", updated))
                .andExpect(flash().attribute("importUnchanged", unchanged));
    }

    private static String token(String html) {
        Matcher m = TOKEN.matcher(html);
        assertThat(m.find()).as("an apply token in the preview").isTrue();
        return m.group(1);
    }

    private Map<String, Object> child(String nationalId) {
        return jdbc.queryForMap("""
                SELECT title, first_name, last_name, birth_date, sex, grade_level, org_unit_id, province_code, version, updated_at
                FROM child WHERE national_id = ?""", nationalId);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
