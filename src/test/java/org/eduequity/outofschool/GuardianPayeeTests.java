package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.NationalId;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.Logins;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minor's share of OOS_YOUTH paid to the guardian (ADR 0012) on real PostgreSQL: the guardian's national id on the
 * consent (API and case screen: checked with {@link NationalId}, a bad one is a field error and nothing is saved; masked on
 * the case page, not shown to providers), and planning: a minor whose newest consent was given by the guardian with the
 * guardian's id is paid to the guardian (name and PromptPay id; the line keeps payee type YOUTH and the youth's national
 * id), a minor without it is skipped as GUARDIAN_WITHOUT_NATIONAL_ID, a youth of 18 or more is paid as before; the bank
 * file and the lines export carry the guardian. Trat (23) accounts; out-of-school terms 2380/1–2389/2 are this class's.
 */
@IntegrationTest
class GuardianPayeeTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Bangkok"));
    static final String PROVIDER = "P23981";
    static final String GUARDIAN_NAME = "นางมาลี ผู้ปกครองทดสอบ";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    WebApplicationContext context;

    String worker;
    String trat;
    String providerUser;

    @BeforeEach
    void accounts() {
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("gpay-worker", "230101");
        trat = f.provinceUser("gpay-trat", "23");
        f.provider(PROVIDER, "23");
        jdbc.update("UPDATE provider SET bank_code = '002', bank_account_no = '1122334455', bank_account_name = 'หน่วยทดสอบผู้ปกครอง' WHERE code = ?",
                PROVIDER);
        providerUser = f.providerUser("gpay-provider", PROVIDER);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String user, String method, String path, String body, String type) {
        return WebSession.api(port, user, method, path, body, type);
    }

    private HttpResponse<String> getApi(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    private HttpResponse<String> postApi(String user, String path, String body) {
        return send(user, "POST", path, body, "application/json");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(HttpResponse<String> r) {
        return json.readValue(r.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    private static long id(Map<String, Object> m) {
        return ((Number) m.get("id")).longValue();
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    /** A consent document: GUARDIAN or YOUTH, the giver's name and the guardian's id when not null, every scope. */
    private static String consent(String givenBy, String giverName, String guardianId) {
        return "{\"givenBy\": \"%s\", \"givenOn\": \"%s\", \"scopes\": [\"REFERRAL\", \"SHARE_WITH_PROVIDER\", \"PAYMENT\"]%s%s}".formatted(
                givenBy, TODAY, giverName == null ? "" : ", \"giverName\": \"" + giverName + "\"",
                guardianId == null ? "" : ", \"guardianNationalId\": \"" + guardianId + "\"");
    }

    /** A valid national id with its last digit changed: the check digit no longer matches. */
    private static String badCheckDigit(String id) {
        return id.substring(0, 12) + (char) ('0' + (id.charAt(12) - '0' + 1) % 10);
    }

    private long foundChild(int age, String nationalId) {
        HttpResponse<String> found = postApi(worker, "/api/v1/found-children", OutOfSchoolFixtures.document(null, nationalId,
                "ผู้ปกครองจ่าย", "ทดสอบ" + System.nanoTime(), TODAY.minusYears(age).minusDays(10), TODAY, "230101",
                List.of("VOCATIONAL_TRAINING")));
        ok(found, 201);
        return id(map(found));
    }

    record Kase(long id, String nationalId) {
    }

    /** An eligible case in Trat (PAYMENT consent as given, approved plan, referral accepted by the provider). */
    private Kase eligibleCase(int age, String nationalId, String consent) {
        long child = foundChild(age, nationalId);
        HttpResponse<String> opened = postApi(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(child, consent));
        ok(opened, 201);
        long caseId = id(map(opened));
        ok(send(trat, "PUT", "/api/v1/cases/" + caseId + "/assessment", """
                {"assessedOn": "%s", "needs": ["VOCATIONAL_TRAINING"], "familySituation": "-", "goals": "-", "risks": "-"}""".formatted(TODAY),
                "application/json"), 200);
        HttpResponse<String> plan = send(trat, "PUT", "/api/v1/cases/" + caseId + "/care-plan", """
                {"goals": "ฝึกอาชีพ", "interventions": [{"serviceType": "VOCATIONAL_TRAINING", "providerCode": "%s",
                 "goal": "ช่างยนต์", "responsible": "ครู กศน.", "targetDate": "%s", "monitoring": "MONTHLY"}]}"""
                .formatted(PROVIDER, TODAY.plusMonths(6)), "application/json");
        ok(plan, 200);
        long intervention = id(list(map(plan).get("interventions")).get(0));
        ok(postApi(trat, "/api/v1/cases/" + caseId + "/care-plan/approval", "{\"decision\": \"APPROVE\"}"), 200);
        HttpResponse<String> r = postApi(trat, "/api/v1/cases/" + caseId + "/referrals",
                "{\"providerCode\": \"%s\", \"interventionId\": %d, \"notes\": \"-\"}".formatted(PROVIDER, intervention));
        ok(r, 201);
        ok(postApi(providerUser, "/api/v1/referrals/" + id(map(r)) + "/accept", "{}"), 200);
        return new Kase(caseId, nationalId);
    }

    private BigDecimal youthShare() {
        return jdbc.queryForObject("SELECT amount FROM programme_share WHERE programme_code = 'OOS_YOUTH' AND payee_type = 'YOUTH'",
                BigDecimal.class);
    }

    private Map<String, Object> youthLine(long roundId, long caseId) {
        return jdbc.queryForMap("""
                SELECT id, payee_type, payee_name, payee_account, national_id, amount, status FROM payment_line
                WHERE round_id = ? AND case_id = ? AND payee_type = 'YOUTH'""", roundId, caseId);
    }

    private int consents(long caseId) {
        return jdbc.queryForObject("SELECT count(*)::int FROM oos_case_consent WHERE case_id = ?", Integer.class, caseId);
    }

    // ----- planning -----------------------------------------------------------------------------------------------

    @Test
    void aMinorsShareIsPaidToTheGuardianWhoseIdTheNewestConsentRecordsAndAYouthOf18AsBefore() {
        String guardianId = OutOfSchoolFixtures.newNationalId();
        Kase minor = eligibleCase(16, OutOfSchoolFixtures.newNationalId(), consent("GUARDIAN", GUARDIAN_NAME, guardianId));
        Kase minorWithoutGuardianId = eligibleCase(15, OutOfSchoolFixtures.newNationalId(), consent("GUARDIAN", "นายสมชาย ผู้ปกครอง", null));
        String secondGuardian = OutOfSchoolFixtures.newNationalId();
        Kase minorWithoutOwnId = eligibleCase(14, null, consent("GUARDIAN", "นางสาย ผู้ปกครอง", secondGuardian));
        Kase replaced = eligibleCase(17, OutOfSchoolFixtures.newNationalId(), consent("GUARDIAN", "นางเก่า ผู้ปกครอง",
                OutOfSchoolFixtures.newNationalId()));
        // a newer consent without the guardian's id replaces the one with it: the newest consent counts
        ok(postApi(trat, "/api/v1/cases/" + replaced.id() + "/consent", consent("GUARDIAN", "นางเก่า ผู้ปกครอง", null)), 200);
        Kase adult = eligibleCase(19, OutOfSchoolFixtures.newNationalId(), consent("YOUTH", null, null));
        Kase adultGuardianConsent = eligibleCase(20, OutOfSchoolFixtures.newNationalId(), consent("GUARDIAN", "นายพ่อ ผู้ปกครอง",
                OutOfSchoolFixtures.newNationalId()));

        // the case shows the guardian's id to those who see the whole case; a provider gets no consent at all
        Map<String, Object> read = map(getApi(trat, "/api/v1/cases/" + minor.id()));
        assertThat(obj(read.get("consent"))).containsEntry("givenBy", "GUARDIAN").containsEntry("giverName", GUARDIAN_NAME)
                .containsEntry("guardianNationalId", guardianId);
        assertThat(obj(map(getApi("fund", "/api/v1/cases/" + minor.id())).get("consent"))).containsEntry("guardianNationalId", guardianId);
        HttpResponse<String> providerRead = getApi(providerUser, "/api/v1/cases/" + minor.id());
        ok(providerRead, 200);
        assertThat(map(providerRead)).doesNotContainKey("consent");
        assertThat(providerRead.body()).doesNotContain(guardianId).doesNotContain(GUARDIAN_NAME);
        HttpResponse<String> providerPage = WebSession.loggedIn(port, providerUser).get("/out-of-school/cases/" + minor.id());
        ok(providerPage, 200);
        assertThat(providerPage.body()).doesNotContain(guardianId).doesNotContain(NationalId.of(guardianId).masked())
                .doesNotContain("id=\"consent-guardian-id\"");

        HttpResponse<String> certified = postApi(trat, "/api/v1/case-certifications?province=23&term=2380/1", null);
        ok(certified, 201);
        long cert = id(map(certified));
        jdbc.update("""
                INSERT INTO programme_budget (programme_code, province_code, term, amount, updated_by) VALUES ('OOS_YOUTH', '23', '2380/1', 10000000, 'test')
                ON CONFLICT (programme_code, province_code, term) DO UPDATE SET amount = EXCLUDED.amount""");
        HttpResponse<String> created = postApi("fund", "/api/v1/payment-rounds",
                "{\"programme\": \"OOS_YOUTH\", \"term\": \"2380/1\", \"certifications\": [" + cert + "]}");
        ok(created, 201);
        long roundId = id(map(created));

        Map<String, Object> skipped = new HashMap<>();
        Map<String, Object> details = new HashMap<>();
        list(map(created).get("skipped")).forEach(s -> {
            skipped.put(s.get("caseId") + "/" + s.get("payeeType"), s.get("reason"));
            details.put(s.get("caseId") + "/" + s.get("payeeType"), s.get("detail"));
        });
        assertThat(skipped).containsEntry(minorWithoutGuardianId.id() + "/YOUTH", "GUARDIAN_WITHOUT_NATIONAL_ID")
                .containsEntry(replaced.id() + "/YOUTH", "GUARDIAN_WITHOUT_NATIONAL_ID")
                .doesNotContainKeys(minor.id() + "/YOUTH", minorWithoutOwnId.id() + "/YOUTH", adult.id() + "/YOUTH",
                        adultGuardianConsent.id() + "/YOUTH", minorWithoutGuardianId.id() + "/PROVIDER");
        assertThat(skipped.values()).doesNotContain("YOUTH_UNDER_18");
        assertThat(details.get(minorWithoutGuardianId.id() + "/YOUTH").toString()).contains("under 18").contains("guardian's national id");

        // the minor's share: to the guardian (name and PromptPay id), payee type YOUTH, the youth's own national id on the line
        Map<String, Object> toGuardian = youthLine(roundId, minor.id());
        assertThat(toGuardian).containsEntry("payee_type", "YOUTH").containsEntry("payee_name", GUARDIAN_NAME)
                .containsEntry("payee_account", guardianId).containsEntry("national_id", minor.nationalId()).containsEntry("status", "PLANNED");
        assertThat((BigDecimal) toGuardian.get("amount")).isEqualByComparingTo(youthShare());
        // a minor without an id of their own is paid to the guardian as well (the line has no national id)
        assertThat(youthLine(roundId, minorWithoutOwnId.id())).containsEntry("payee_name", "นางสาย ผู้ปกครอง")
                .containsEntry("payee_account", secondGuardian).containsEntry("national_id", null);
        // 18 and older: the youth, on the youth's own id, whoever gave the consent
        assertThat(youthLine(roundId, adult.id())).containsEntry("payee_account", adult.nationalId()).containsEntry("national_id", adult.nationalId());
        Map<String, Object> adultLine = youthLine(roundId, adultGuardianConsent.id());
        assertThat(adultLine).containsEntry("payee_account", adultGuardianConsent.nationalId());
        assertThat(adultLine.get("payee_name").toString()).startsWith("ผู้ปกครองจ่าย ทดสอบ");

        // approved, the bank file pays the guardian by PromptPay (GUARDIAN) with the youth's national id on the line
        ok(postApi("fund2", "/api/v1/payment-rounds/" + roundId + "/approval", "{}"), 200);
        HttpResponse<String> file = getApi("fund", "/api/v1/payment-rounds/" + roundId + "/bank-file");
        ok(file, 200);
        String ref = "R" + roundId + "-" + toGuardian.get("id");
        assertThat(file.body()).contains(ref + "," + minor.nationalId() + "," + GUARDIAN_NAME + ",GUARDIAN," + guardianId + ","
                + youthShare().toPlainString());
        String noIdRef = "R" + roundId + "-" + youthLine(roundId, minorWithoutOwnId.id()).get("id");
        assertThat(file.body()).contains(noIdRef + ",,นางสาย ผู้ปกครอง,GUARDIAN," + secondGuardian + ",");
        // the lines export, the round's API page and the case's ledger name the guardian
        WebSession fund = WebSession.loggedIn(port, "fund");
        HttpResponse<String> csv = fund.get("/disbursement/rounds/" + roundId + "/lines.csv");
        ok(csv, 200);
        assertThat(csv.body()).contains(ref + "," + minor.nationalId() + ",").contains(",YOUTH," + GUARDIAN_NAME + "," + guardianId + ",");
        assertThat(getApi("fund", "/api/v1/payment-rounds/" + roundId + "?size=1000").body()).contains(GUARDIAN_NAME).contains(guardianId);
        assertThat(list(map(getApi(trat, "/api/v1/cases/" + minor.id() + "/payments")).get("payments")))
                .anySatisfy(p -> assertThat(p).containsEntry("payeeType", "YOUTH").containsEntry("payeeName", GUARDIAN_NAME));
        // the round page explains the skip in Thai
        HttpResponse<String> page = fund.get("/disbursement/rounds/" + roundId);
        ok(page, 200);
        assertThat(page.body()).contains("ความยินยอมล่าสุดไม่ได้ให้โดยผู้ปกครองพร้อมเลขประจำตัวประชาชนของผู้ปกครอง").contains(GUARDIAN_NAME);
    }

    @Test
    void theDemoRoundPaysAMinorsShareToTheGuardianWhoseIdTheDemoConsentRecords() {
        // demo-oos-21-5 (under 18, a guardian's consent with an invented id) is paid to its guardian; demo-oos-21-6 (under 18,
        // no guardian's id) is skipped with the reason
        Map<String, Object> paid = jdbc.queryForMap("""
                SELECT l.payee_type, l.payee_name, l.payee_account, l.national_id, l.status, k.guardian_national_id, f.national_id AS youth_id
                FROM payment_line l JOIN oos_case c ON c.id = l.case_id JOIN found_child f ON f.id = c.found_child_id
                JOIN oos_case_consent k ON k.id = (SELECT max(id) FROM oos_case_consent WHERE case_id = c.id)
                WHERE f.external_id = 'demo-oos-21-5' AND l.payee_type = 'YOUTH'""");
        assertThat(paid.get("guardian_national_id")).isNotNull();
        assertThat(NationalId.isValid((String) paid.get("guardian_national_id"))).isTrue();
        assertThat(paid).containsEntry("payee_account", paid.get("guardian_national_id")).containsEntry("payee_name", "ผู้ปกครอง (สาธิต)")
                .containsEntry("national_id", paid.get("youth_id")).containsEntry("status", "PAID");
        assertThat(jdbc.queryForList("""
                SELECT s.reason FROM payment_round_case_skip s JOIN oos_case c ON c.id = s.case_id JOIN found_child f ON f.id = c.found_child_id
                WHERE f.external_id = 'demo-oos-21-6' AND s.payee_type = 'YOUTH'""", String.class)).contains("GUARDIAN_WITHOUT_NATIONAL_ID");
    }

    // ----- the API --------------------------------------------------------------------------------------------------

    @Test
    void aBadGuardianIdOnTheApiIsA400NamingTheFieldAndNothingIsRecorded() {
        String youthId = OutOfSchoolFixtures.newNationalId();
        long child = foundChild(16, youthId);
        String guardianId = OutOfSchoolFixtures.newNationalId();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(consent("GUARDIAN", GUARDIAN_NAME, badCheckDigit(guardianId)), "consent.guardianNationalId");
        refused.put(consent("GUARDIAN", GUARDIAN_NAME, "12345"), "consent.guardianNationalId");
        refused.put(consent("GUARDIAN", GUARDIAN_NAME, "G123456789012"), "consent.guardianNationalId");
        refused.put(consent("GUARDIAN", GUARDIAN_NAME, youthId), "consent.guardianNationalId");
        refused.put(consent("GUARDIAN", null, guardianId), "consent.giverName");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> r = postApi(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(child, bad.getKey()));
            ok(r, 400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(list(map(r).get("errors"))).extracting(e -> e.get("field")).as(bad.getKey()).containsExactly(bad.getValue());
        }
        HttpResponse<String> checkDigit = postApi(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(child,
                consent("GUARDIAN", GUARDIAN_NAME, badCheckDigit(guardianId))));
        assertThat(checkDigit.body()).contains("check digit");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case WHERE found_child_id = ?", Integer.class, child)).isZero();

        // a youth of 18 consents alone: no guardian's id on the youth's own consent
        long adultChild = foundChild(19, OutOfSchoolFixtures.newNationalId());
        HttpResponse<String> youth = postApi(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(adultChild,
                consent("YOUTH", "ตัวเยาวชน", guardianId)));
        ok(youth, 400);
        assertThat(list(map(youth).get("errors"))).extracting(e -> e.get("field")).containsExactly("consent.guardianNationalId");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case WHERE found_child_id = ?", Integer.class, adultChild)).isZero();

        // a new consent on an open case: a bad id changes nothing; a good one (typed with dashes) is kept as 13 digits
        HttpResponse<String> opened = postApi(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(child,
                consent("GUARDIAN", GUARDIAN_NAME, null)));
        ok(opened, 201);
        long caseId = id(map(opened));
        long version = ((Number) map(getApi(trat, "/api/v1/cases/" + caseId)).get("version")).longValue();
        HttpResponse<String> bad = postApi(trat, "/api/v1/cases/" + caseId + "/consent", consent("GUARDIAN", GUARDIAN_NAME, badCheckDigit(guardianId)));
        ok(bad, 400);
        assertThat(list(map(bad).get("errors"))).extracting(e -> e.get("field")).containsExactly("consent.guardianNationalId");
        assertThat(consents(caseId)).isEqualTo(1);
        assertThat(((Number) map(getApi(trat, "/api/v1/cases/" + caseId)).get("version")).longValue()).isEqualTo(version);
        assertThat(obj(map(getApi(trat, "/api/v1/cases/" + caseId)).get("consent"))).containsEntry("guardianNationalId", null);
        String dashed = NationalId.of(guardianId).formatted();
        ok(postApi(trat, "/api/v1/cases/" + caseId + "/consent", consent("GUARDIAN", GUARDIAN_NAME, dashed)), 200);
        assertThat(consents(caseId)).isEqualTo(2);
        assertThat(obj(map(getApi(trat, "/api/v1/cases/" + caseId)).get("consent"))).containsEntry("guardianNationalId", guardianId);
        // the guardian's id stays out of the timeline and the audit log
        assertThat(getApi(trat, "/api/v1/cases/" + caseId).body().split(guardianId, -1)).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE detail LIKE ?", Integer.class, "%" + guardianId + "%")).isZero();
        // the database holds the same rules whatever the application does
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO oos_case_consent (case_id, given_by, giver_name, given_on, scopes, recorded_by, recorded_at, guardian_national_id)
                VALUES (?, 'YOUTH', 'x', ?, '{PAYMENT}', 'test', now(), ?)""", caseId, TODAY, guardianId))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    // ----- the screens ----------------------------------------------------------------------------------------------

    @Test
    void theConsentFormShowsAFieldErrorForABadGuardianIdSavesNothingAndTheCasePageMasksTheSavedOne() throws Exception {
        MockMvc mvc = Logins.mockMvc(context);
        MockHttpSession province = Logins.session(mvc, trat);
        String guardianId = OutOfSchoolFixtures.newNationalId();

        // opening a case from the found child's page: a bad id opens nothing; a good one is recorded with the consent
        long child = foundChild(16, OutOfSchoolFixtures.newNationalId());
        MvcResult refusedOpen = mvc.perform(post("/out-of-school/children/" + child + "/case").with(csrf()).session(province)
                .param("givenBy", "GUARDIAN").param("giverName", GUARDIAN_NAME).param("givenOn", BuddhistDate.formatShort(TODAY))
                .param("scope", "PAYMENT").param("guardianNationalId", badCheckDigit(guardianId))).andReturn();
        assertThat(refusedOpen.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/children/" + child);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case WHERE found_child_id = ?", Integer.class, child)).isZero();
        assertThat(html(mvc.perform(get("/out-of-school/children/" + child).session(province)).andReturn()))
                .contains("id=\"open-guardianNationalId\"");
        MvcResult opened = mvc.perform(post("/out-of-school/children/" + child + "/case").with(csrf()).session(province)
                .param("givenBy", "GUARDIAN").param("giverName", GUARDIAN_NAME).param("givenOn", BuddhistDate.formatShort(TODAY))
                .param("scope", "PAYMENT").param("guardianNationalId", guardianId)).andReturn();
        assertThat(opened.getResponse().getRedirectedUrl()).matches("/out-of-school/cases/\\d+");
        long caseId = Long.parseLong(opened.getResponse().getRedirectedUrl().replaceAll("\\D", ""));
        assertThat(jdbc.queryForObject("SELECT guardian_national_id FROM oos_case_consent WHERE case_id = ?", String.class, caseId))
                .isEqualTo(guardianId);

        // the case page shows it masked, never in full
        String page = html(mvc.perform(get("/out-of-school/cases/" + caseId).session(province)).andReturn());
        assertThat(page).contains("id=\"consent-guardian-id\"").contains(NationalId.of(guardianId).masked()).doesNotContain(guardianId)
                .doesNotContain(NationalId.of(guardianId).formatted()).contains("id=\"guardianNationalId\"");

        // the consent form: a bad id is an error under its field (Thai, English), what was typed stays, nothing is saved
        String other = OutOfSchoolFixtures.newNationalId();
        MvcResult bad = mvc.perform(post("/out-of-school/cases/" + caseId + "/consent").with(csrf()).session(province)
                .param("givenBy", "GUARDIAN").param("giverName", "นายใหม่ ผู้ปกครอง").param("givenOn", BuddhistDate.formatShort(TODAY))
                .param("scope", "PAYMENT").param("guardianNationalId", badCheckDigit(other))).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(bad)).contains("id=\"guardianNationalId-error\"").contains("เลขประจำตัวประชาชนไม่ถูกต้อง (เลขตรวจสอบหลักสุดท้ายไม่ตรง)")
                .contains("value=\"" + badCheckDigit(other) + "\"").contains("นายใหม่ ผู้ปกครอง");
        MvcResult badEn = mvc.perform(post("/out-of-school/cases/" + caseId + "/consent").with(csrf()).session(province)
                .header("Accept-Language", "en").param("lang", "en").param("givenBy", "YOUTH").param("giverName", "x")
                .param("givenOn", BuddhistDate.formatShort(TODAY)).param("scope", "PAYMENT").param("guardianNationalId", other)).andReturn();
        assertThat(html(badEn)).contains("id=\"guardianNationalId-error\"")
                .contains("The guardian&#39;s national id is recorded only when the guardian gives the consent");
        MvcResult noName = mvc.perform(post("/out-of-school/cases/" + caseId + "/consent").with(csrf()).session(province)
                .param("givenBy", "GUARDIAN").param("givenOn", BuddhistDate.formatShort(TODAY)).param("scope", "PAYMENT")
                .param("guardianNationalId", other)).andReturn();
        assertThat(html(noName)).contains("id=\"giverName-error\"").contains("กรอกชื่อผู้ปกครอง");
        assertThat(consents(caseId)).isEqualTo(1);

        // a good one replaces the consent
        MvcResult good = mvc.perform(post("/out-of-school/cases/" + caseId + "/consent").with(csrf()).session(province)
                .param("givenBy", "GUARDIAN").param("giverName", "นายใหม่ ผู้ปกครอง").param("givenOn", BuddhistDate.formatShort(TODAY))
                .param("scope", "PAYMENT").param("guardianNationalId", other)).andReturn();
        assertThat(good.getResponse().getRedirectedUrl()).isEqualTo("/out-of-school/cases/" + caseId);
        assertThat(consents(caseId)).isEqualTo(2);
        assertThat(html(mvc.perform(get("/out-of-school/cases/" + caseId).session(province)).andReturn()))
                .contains(NationalId.of(other).masked()).doesNotContain(other);
    }

    private static String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
