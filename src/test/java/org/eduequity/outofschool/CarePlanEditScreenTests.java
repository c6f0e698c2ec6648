package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.context.WebApplicationContext;

/**
 * Editing an intervention already on a care plan, on the case page (issue 8, leftover of step 2): its fields come filled in;
 * a change is saved in place (same id) and the plan waits for approval again; a bad value is refused under that
 * intervention's own field, in Thai and English; an intervention with a referral cannot be removed. Trat (23) accounts.
 */
@IntegrationTest
class CarePlanEditScreenTests {

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

    @BeforeEach
    void setUp() {
        mvc = Logins.mockMvc(context);
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("plan-edit-worker", "230103");
        trat = f.provinceUser("plan-edit-trat", "23");
        f.provider("P23921", "23");
        f.provider("P23922", "23");
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long plannedCase(MockHttpSession province) throws Exception {
        long child = jdbc.queryForObject("""
                INSERT INTO found_child (national_id, first_name, last_name, name_key, birth_date, sex, subdistrict_code, district_code,
                    province_code, needs, surveyed_on, age_years, age_band, recorded_by, recorded_at, updated_by, updated_at)
                VALUES (?, 'แผน', 'แก้ไข', 'แผนแก้ไข', ?, 'MALE', '230103', '2301', '23', '{LIFE_SKILLS}', ?, 16, '16-18', ?, now(), ?, now())
                RETURNING id""", Long.class, OutOfSchoolFixtures.newNationalId(), TODAY.minusYears(16).minusDays(20), TODAY, worker, worker);
        MvcResult opened = mvc.perform(post("/out-of-school/children/" + child + "/case").with(csrf()).session(province).param("givenBy", "GUARDIAN")
                .param("givenOn", BuddhistDate.formatShort(TODAY)).param("scope", "REFERRAL")).andReturn();
        long caseId = Long.parseLong(opened.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        mvc.perform(post("/out-of-school/cases/" + caseId + "/assessment").with(csrf()).session(province)
                .param("assessedOn", BuddhistDate.formatShort(TODAY)).param("need", "LIFE_SKILLS"));
        mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan").with(csrf()).session(province).param("planGoals", "ฝึกทักษะชีวิต")
                .param("serviceType", "LIFE_SKILLS").param("providerCode", "P23921").param("goal", "ค่ายทักษะชีวิต").param("responsible", "ครู")
                .param("targetDate", BuddhistDate.formatShort(TODAY.plusMonths(2))).param("monitoring", "WEEKLY"));
        mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan/approval").with(csrf()).session(province).param("decision", "APPROVE"));
        return caseId;
    }

    private MockHttpServletRequestBuilder edit(long caseId, long intervention, Map<String, String> values) {
        String k = "i-" + intervention + "-";
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("edit", "1", "serviceType", "LIFE_SKILLS", "providerCode", "P23921",
                "goal", "ค่ายทักษะชีวิต", "responsible", "ครู", "targetDate", BuddhistDate.formatShort(TODAY.plusMonths(2)), "monitoring", "WEEKLY"));
        fields.putAll(values);
        MockHttpServletRequestBuilder b = post("/out-of-school/cases/" + caseId + "/care-plan").with(csrf()).param("planGoals", "ฝึกทักษะชีวิต");
        fields.forEach((name, value) -> b.param(k + name, value));
        return b;
    }

    @Test
    void anInterventionIsEditedInPlaceAndTheErrorsShowUnderItsOwnFields() throws Exception {
        MockHttpSession province = Logins.session(mvc, trat);
        long caseId = plannedCase(province);
        long intervention = jdbc.queryForObject("SELECT id FROM oos_case_intervention WHERE case_id = ?", Long.class, caseId);
        String page = html(mvc.perform(get("/out-of-school/cases/" + caseId).session(province)).andReturn());
        assertThat(page).contains("id=\"edit-intervention-" + intervention + "\"").contains("value=\"ค่ายทักษะชีวิต\"")
                .contains("value=\"" + BuddhistDate.formatShort(TODAY.plusMonths(2)) + "\"");

        LocalDate later = TODAY.plusMonths(5);
        MvcResult saved = mvc.perform(edit(caseId, intervention, Map.of("goal", "ฝึกอาชีพช่างซ่อมมือถือ", "providerCode", "P23922",
                "targetDate", BuddhistDate.formatShort(later), "monitoring", "MONTHLY")).session(province)).andReturn();
        assertThat(saved.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/cases/" + caseId);
        Map<String, Object> row = jdbc.queryForMap("SELECT id, goal, provider_code, target_date, monitoring FROM oos_case_intervention WHERE case_id = ?",
                caseId);
        assertThat(row).containsEntry("id", intervention).containsEntry("goal", "ฝึกอาชีพช่างซ่อมมือถือ").containsEntry("provider_code", "P23922")
                .containsEntry("monitoring", "MONTHLY");
        assertThat(row.get("target_date").toString()).isEqualTo(later.toString());
        assertThat(jdbc.queryForObject("SELECT plan_status FROM oos_case WHERE id = ?", String.class, caseId)).isEqualTo("DRAFT");

        // no goal and a date that is none: under this intervention's fields, nothing saved, in Thai and in English
        MvcResult bad = mvc.perform(edit(caseId, intervention, Map.of("goal", "", "targetDate", "31/2/2569")).session(province)).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(bad)).contains("id=\"i-" + intervention + "-targetDate-error\"");
        MvcResult noGoal = mvc.perform(edit(caseId, intervention, Map.of("goal", "")).session(province)).andReturn();
        assertThat(html(noGoal)).contains("id=\"i-" + intervention + "-goal-error\"").doesNotContain("id=\"goal-error\"");
        MvcResult english = mvc.perform(edit(caseId, intervention, Map.of("goal", "")).session(province).header("Accept-Language", "en")
                .param("lang", "en")).andReturn();
        assertThat(html(english)).contains("id=\"i-" + intervention + "-goal-error\"");
        assertThat(jdbc.queryForObject("SELECT goal FROM oos_case_intervention WHERE id = ?", String.class, intervention))
                .isEqualTo("ฝึกอาชีพช่างซ่อมมือถือ");
    }

    @Test
    void anInterventionWithAReferralCannotBeRemoved() throws Exception {
        MockHttpSession province = Logins.session(mvc, trat);
        long caseId = plannedCase(province);
        long intervention = jdbc.queryForObject("SELECT id FROM oos_case_intervention WHERE case_id = ?", Long.class, caseId);
        mvc.perform(post("/out-of-school/cases/" + caseId + "/referrals").with(csrf()).session(province)
                .param("interventionId", String.valueOf(intervention)).param("providerCode", "P23921"));
        MvcResult removed = mvc.perform(post("/out-of-school/cases/" + caseId + "/care-plan").with(csrf()).session(province)
                .param("planGoals", "ฝึกทักษะชีวิต").param("remove-" + intervention, "on").param("serviceType", "HEALTH").param("goal", "ตรวจสุขภาพ")
                .param("responsible", "อสม.").param("targetDate", BuddhistDate.formatShort(TODAY.plusMonths(1))).param("monitoring", "ONCE"))
                .andReturn();
        assertThat(removed.getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case_intervention WHERE id = ?", Integer.class, intervention)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case_intervention WHERE case_id = ?", Integer.class, caseId)).isEqualTo(1);
    }
}
