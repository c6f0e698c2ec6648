package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import org.eduequity.shared.BuddhistDate;
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
import org.springframework.web.context.WebApplicationContext;

/**
 * The case screens (MockMvc, real PostgreSQL): opening a case from a found child (once), errors under the fields in Thai
 * and English, the province's list by stage, the provider's inbox and case page without the child's identity, the
 * worker's overdue follow-ups on the home page, and the audit of every case page read. Trat (23) accounts only.
 */
@IntegrationTest
class CaseScreensTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Bangkok"));

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    MockMvc mvc;
    String worker;
    String trat;
    String providerUser;

    @BeforeEach
    void setUp() {
        mvc = Logins.mockMvc(context);
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("case-screen-worker", "230103");
        trat = f.provinceUser("case-screen-trat", "23");
        f.provider("P23911", "23");
        providerUser = f.providerUser("case-screen-provider", "P23911");
    }

    private long foundChild() {
        return jdbc.queryForObject("""
                INSERT INTO found_child (national_id, first_name, last_name, name_key, birth_date, sex, subdistrict_code, district_code,
                    province_code, guardian_phone, house_no, village_no, needs, surveyed_on, age_years, age_band, recorded_by, recorded_at,
                    updated_by, updated_at)
                VALUES (?, 'ชื่อลับ', 'นามสกุลลับ', 'ชื่อลับนามสกุลลับ', ?, 'FEMALE', '230103', '2301', '23', '0899999999', '77', 4,
                    '{LIFE_SKILLS}', ?, 16, '16-18', ?, now(), ?, now()) RETURNING id""", Long.class,
                OutOfSchoolFixtures.newNationalId(), TODAY.minusYears(16).minusDays(20), TODAY, worker, worker);
    }

    private String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long openCase(MockHttpSession province, long child) throws Exception {
        MvcResult r = mvc.perform(post("/out-of-school/children/" + child + "/case").with(csrf()).session(province).param("givenBy", "GUARDIAN")
                .param("givenOn", BuddhistDate.formatShort(TODAY)).param("scope", "REFERRAL")).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).matches("/out-of-school/cases/\\d+");
        return Long.parseLong(r.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
    }

    @Test
    void theProvinceOpensACaseOnceAndSeesErrorsUnderTheFields() throws Exception {
        MockHttpSession province = Logins.session(mvc, trat);
        long child = foundChild();
        String found = html(mvc.perform(get("/out-of-school/children/" + child).session(province)).andReturn());
        assertThat(found).contains("id=\"open-case-form\"");
        long caseId = openCase(province, child);
        assertThat(openCase(province, child)).isEqualTo(caseId);
        assertThat(html(mvc.perform(get("/out-of-school/children/" + child).session(province)).andReturn()))
                .doesNotContain("id=\"open-case-form\"").contains("id=\"to-case\"");

        // an assessment without needs: the page again, the error under the needs, in Thai and in English
        MvcResult bad = mvc.perform(post("/out-of-school/cases/" + caseId + "/assessment").with(csrf()).session(province)
                .param("assessedOn", "31/2/2569").param("familySituation", "อยู่กับยาย")).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(bad)).contains("id=\"needs-error\"").contains("เลือกความต้องการที่ยืนยันแล้วอย่างน้อยหนึ่งข้อ").contains("อยู่กับยาย");
        MvcResult badEn = mvc.perform(post("/out-of-school/cases/" + caseId + "/assessment").with(csrf()).session(province)
                .header("Accept-Language", "en").param("lang", "en").param("assessedOn", BuddhistDate.formatShort(TODAY))).andReturn();
        assertThat(html(badEn)).contains("Choose at least one confirmed need");
        MvcResult ok = mvc.perform(post("/out-of-school/cases/" + caseId + "/assessment").with(csrf()).session(province)
                .param("assessedOn", BuddhistDate.formatShort(TODAY)).param("need", "LIFE_SKILLS")).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/cases/" + caseId);

        // a plan without a goal for its intervention: the error under the goal
        MvcResult plan = mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan").with(csrf()).session(province)
                .param("planGoals", "ฝึกทักษะชีวิต").param("serviceType", "LIFE_SKILLS").param("providerCode", "P23911")
                .param("responsible", "ครู").param("targetDate", BuddhistDate.formatShort(TODAY.plusMonths(2))).param("monitoring", "WEEKLY"))
                .andReturn();
        assertThat(html(plan)).contains("id=\"goal-error\"");

        // a stale version: the page again with the clear message
        MvcResult stale = mvc.perform(post("/out-of-school/cases/" + caseId + "/closure").with(csrf()).session(province).param("version", "0")
                .param("outcome", "MOVED_AWAY").param("closedOn", BuddhistDate.formatShort(TODAY))).andReturn();
        assertThat(html(stale)).contains("มีผู้อื่นแก้ไขกรณีหรือการส่งต่อนี้");

        // the list by stage
        assertThat(html(mvc.perform(get("/out-of-school/cases?province=23&stage=ASSESSED").session(province)).andReturn()))
                .contains("id=\"case-row-" + caseId + "\"");
        assertThat(html(mvc.perform(get("/out-of-school/cases?province=23&stage=CLOSED").session(province)).andReturn()))
                .doesNotContain("id=\"case-row-" + caseId + "\"");
    }

    @Test
    void theProviderSeesItsInboxWithoutTheChildsIdentityAndEveryReadIsAudited() throws Exception {
        MockHttpSession province = Logins.session(mvc, trat);
        long caseId = openCase(province, foundChild());
        mvc.perform(post("/out-of-school/cases/" + caseId + "/assessment").with(csrf()).session(province)
                .param("assessedOn", BuddhistDate.formatShort(TODAY)).param("need", "LIFE_SKILLS"));
        mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan").with(csrf()).session(province).param("planGoals", "ฝึกทักษะชีวิต")
                .param("serviceType", "LIFE_SKILLS").param("providerCode", "P23911").param("goal", "ค่ายทักษะชีวิต").param("responsible", "ครู")
                .param("targetDate", BuddhistDate.formatShort(TODAY.plusMonths(2))).param("monitoring", "WEEKLY"));
        mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan/approval").with(csrf()).session(province).param("decision", "APPROVE"));
        long intervention = jdbc.queryForObject("SELECT id FROM oos_case_intervention WHERE case_id = ?", Long.class, caseId);
        MvcResult referred = mvc.perform(post("/out-of-school/cases/" + caseId + "/referrals").with(csrf()).session(province)
                .param("interventionId", String.valueOf(intervention)).param("providerCode", "P23911")).andReturn();
        assertThat(referred.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/cases/" + caseId);
        long referral = jdbc.queryForObject("SELECT id FROM oos_referral WHERE case_id = ?", Long.class, caseId);

        MockHttpSession provider = Logins.session(mvc, providerUser);
        String inbox = html(mvc.perform(get("/out-of-school/referrals").session(provider)).andReturn());
        assertThat(inbox).contains("id=\"inbox-" + referral + "\"").doesNotContain("ชื่อลับ").contains("ไม่มีความยินยอมให้เปิดเผยชื่อ");
        long reads = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_id = ?", Long.class, String.valueOf(caseId));
        String page = html(mvc.perform(get("/out-of-school/cases/" + caseId).session(provider)).andReturn());
        assertThat(page).doesNotContain("ชื่อลับ").doesNotContain("0899999999").doesNotContain("id=\"assessment\"").contains("id=\"provider-privacy\"");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE action = 'READ' AND entity_id = ? ORDER BY id DESC LIMIT 1",
                String.class, String.valueOf(caseId))).isEqualTo("SCREEN provider P23911");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_id = ?", Long.class,
                String.valueOf(caseId))).isEqualTo(reads + 1);
        MvcResult accepted = mvc.perform(post("/out-of-school/referrals/" + referral + "/accept").with(csrf()).session(provider)
                .param("from", "inbox")).andReturn();
        assertThat(accepted.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/referrals");
        assertThat(jdbc.queryForObject("SELECT status FROM oos_referral WHERE id = ?", String.class, referral)).isEqualTo("ACCEPTED");
    }

    @Test
    void overdueFollowUpsShowOnTheResponsibleWorkersHomePage() throws Exception {
        MockHttpSession province = Logins.session(mvc, trat);
        long caseId = openCase(province, foundChild());
        mvc.perform(post("/out-of-school/cases/" + caseId + "/follow-ups").with(csrf()).session(province)
                .param("dueOn", BuddhistDate.formatShort(TODAY.minusDays(2))));
        long followUp = jdbc.queryForObject("SELECT id FROM oos_follow_up WHERE case_id = ?", Long.class, caseId);
        MockHttpSession area = Logins.session(mvc, worker);
        String home = html(mvc.perform(get("/").session(area)).andReturn());
        assertThat(home).contains("id=\"overdue-" + followUp + "\"").contains("/out-of-school/cases/" + caseId);
        // done: no longer overdue
        mvc.perform(post("/out-of-school/cases/" + caseId + "/follow-ups").with(csrf()).session(area)
                .param("dueOn", BuddhistDate.formatShort(TODAY.minusDays(2))).param("doneOn", BuddhistDate.formatShort(TODAY)).param("seen", "true"));
        assertThat(html(mvc.perform(get("/").session(area)).andReturn())).doesNotContain("id=\"overdue-" + followUp + "\"");
    }
}
