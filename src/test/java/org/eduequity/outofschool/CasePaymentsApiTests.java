package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case payments (issue 8, step 3) on real PostgreSQL through the API: eligibility (each missing condition), certifying a
 * province's eligible cases as versions (scoping, a later version holds only new cases, a repeated submit makes none),
 * planning OOS_YOUTH rounds from them (two lines per case with the shares' amounts, the youth's PromptPay, the provider's
 * account, skips, once per case also in the database, the ledger), and the case's payments on its timeline. Trat (23)
 * accounts; out-of-school tests own the terms 2350/1–2399/2 (this class 2350/1–2359/2).
 */
@IntegrationTest
class CasePaymentsApiTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Bangkok"));
    static final String PROVIDER = "P23951";
    static final String NO_ACCOUNT_PROVIDER = "P23952";

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder encoder;

    String worker;
    String trat;
    String rayong;
    String providerUser;
    String otherProviderUser;

    @BeforeEach
    void accounts() {
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("cpay-worker", "230101");
        trat = f.provinceUser("cpay-trat", "23");
        rayong = f.provinceUser("cpay-rayong", "21");
        f.provider(PROVIDER, "23");
        f.provider(NO_ACCOUNT_PROVIDER, "23");
        jdbc.update("UPDATE provider SET bank_code = '002', bank_account_no = '9876543210', bank_account_name = 'หน่วยทดสอบ' WHERE code = ?",
                PROVIDER);
        providerUser = f.providerUser("cpay-provider", PROVIDER);
        otherProviderUser = f.providerUser("cpay-provider2", NO_ACCOUNT_PROVIDER);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String user, String method, String path, String body, String type) {
        return WebSession.api(port, user, method, path, body, type);
    }

    private HttpResponse<String> get(String user, String path) {
        return send(user, "GET", path, null, null);
    }

    private HttpResponse<String> post(String user, String path, String body) {
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

    private static long id(Map<String, Object> m) {
        return ((Number) m.get("id")).longValue();
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    record Kase(long id, long referralId, String nationalId) {
    }

    /**
     * A case in Trat taken as far as asked: consent with the scopes, assessment, plan with the provider, approval (if
     * approve), referral (if refer), the provider's acceptance (if accept).
     */
    private Kase kase(int age, String provider, String providerLogin, boolean approve, boolean refer, boolean accept, String... scopes) {
        String nid = OutOfSchoolFixtures.newNationalId();
        HttpResponse<String> found = post(worker, "/api/v1/found-children", OutOfSchoolFixtures.document(null, nid,
                "จ่าย", "ทดสอบ" + System.nanoTime(), TODAY.minusYears(age).minusDays(10), TODAY, "230101", List.of("VOCATIONAL_TRAINING")));
        ok(found, 201);
        String consent = "{\"givenBy\": \"%s\", \"givenOn\": \"%s\", \"scopes\": [%s]}".formatted(age >= 18 ? "YOUTH" : "GUARDIAN", TODAY,
                String.join(", ", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList()));
        HttpResponse<String> opened = post(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(id(map(found)), consent));
        ok(opened, 201);
        long caseId = id(map(opened));
        ok(send(trat, "PUT", "/api/v1/cases/" + caseId + "/assessment", """
                {"assessedOn": "%s", "needs": ["VOCATIONAL_TRAINING"], "familySituation": "-", "goals": "-", "risks": "-"}""".formatted(TODAY),
                "application/json"), 200);
        HttpResponse<String> plan = send(trat, "PUT", "/api/v1/cases/" + caseId + "/care-plan", """
                {"goals": "ฝึกอาชีพ", "interventions": [{"serviceType": "VOCATIONAL_TRAINING", "providerCode": "%s",
                 "goal": "ช่างยนต์", "responsible": "ครู กศน.", "targetDate": "%s", "monitoring": "MONTHLY"}]}"""
                .formatted(provider, TODAY.plusMonths(6)), "application/json");
        ok(plan, 200);
        long intervention = id(list(map(plan).get("interventions")).get(0));
        long referral = 0;
        if (approve) {
            ok(post(trat, "/api/v1/cases/" + caseId + "/care-plan/approval", "{\"decision\": \"APPROVE\"}"), 200);
        }
        if (refer) {
            HttpResponse<String> r = post(trat, "/api/v1/cases/" + caseId + "/referrals",
                    "{\"providerCode\": \"%s\", \"interventionId\": %d, \"notes\": \"-\"%s}".formatted(provider, intervention,
                            scopes.length == 0 || !List.of(scopes).contains("REFERRAL") ? ", \"consentOverrideReason\": \"ด่วน\"" : ""));
            ok(r, 201);
            referral = id(map(r));
        }
        if (accept) {
            ok(post(providerLogin, "/api/v1/referrals/" + referral + "/accept", "{}"), 200);
        }
        return new Kase(caseId, referral, nid);
    }

    private Kase eligibleCase(int age) {
        return kase(age, PROVIDER, providerUser, true, true, true, "REFERRAL", "SHARE_WITH_PROVIDER", "PAYMENT");
    }

    private Map<Long, Map<String, Object>> eligibleNow() {
        HttpResponse<String> r = get(trat, "/api/v1/case-certifications/eligible?province=23");
        ok(r, 200);
        Map<Long, Map<String, Object>> out = new java.util.HashMap<>();
        list(map(r).get("cases")).forEach(c -> out.put(((Number) c.get("caseId")).longValue(), c));
        return out;
    }

    private long certify(String term) {
        HttpResponse<String> r = post(trat, "/api/v1/case-certifications?province=23&term=" + term, null);
        ok(r, 201);
        return id(map(r));
    }

    private BigDecimal share(String payeeType) {
        return jdbc.queryForObject("SELECT amount FROM programme_share WHERE programme_code = 'OOS_YOUTH' AND payee_type = ?", BigDecimal.class,
                payeeType);
    }

    private HttpResponse<String> round(String term, long... certifications) {
        jdbc.update("""
                INSERT INTO programme_budget (programme_code, province_code, term, amount, updated_by) VALUES ('OOS_YOUTH', '23', ?, 10000000, 'test')
                ON CONFLICT (programme_code, province_code, term) DO UPDATE SET amount = EXCLUDED.amount""", term);
        return post("fund", "/api/v1/payment-rounds", "{\"programme\": \"OOS_YOUTH\", \"term\": \"%s\", \"certifications\": %s}"
                .formatted(term, java.util.Arrays.toString(certifications)));
    }

    // ----- eligibility -----------------------------------------------------------------------------------------

    @Test
    void aCaseIsEligibleOnlyWithPaymentConsentAnApprovedPlanAndAnAcceptedOrSuccessfulReferral() {
        Kase eligible = eligibleCase(19);
        Kase noPaymentScope = kase(19, PROVIDER, providerUser, true, true, true, "REFERRAL", "SHARE_WITH_PROVIDER");
        Kase notApproved = kase(19, PROVIDER, providerUser, false, false, false, "REFERRAL", "PAYMENT");
        Kase pending = kase(19, PROVIDER, providerUser, true, true, false, "REFERRAL", "PAYMENT");
        Kase withdrawn = eligibleCase(19);
        ok(post(trat, "/api/v1/cases/" + withdrawn.id() + "/consent/withdrawal", "{\"withdrawnOn\": \"%s\", \"reason\": \"ย้ายบ้าน\"}"
                .formatted(TODAY)), 200);
        Kase declined = kase(19, PROVIDER, providerUser, true, true, false, "REFERRAL", "PAYMENT");
        ok(post(providerUser, "/api/v1/referrals/" + declined.referralId() + "/decline", "{\"reason\": \"เต็ม\"}"), 200);
        Kase doneWell = eligibleCase(19);
        ok(post(providerUser, "/api/v1/referrals/" + doneWell.referralId() + "/done",
                "{\"successful\": true, \"servicesDelivered\": \"อบรมครบ\"}"), 200);
        Kase doneBadly = eligibleCase(19);
        ok(post(providerUser, "/api/v1/referrals/" + doneBadly.referralId() + "/done",
                "{\"successful\": false, \"reason\": \"NO_CAPACITY\"}"), 200);
        Kase closed = eligibleCase(19);
        ok(post(trat, "/api/v1/cases/" + closed.id() + "/closure", "{\"outcome\": \"MOVED_AWAY\", \"closedOn\": \"%s\", \"note\": \"-\"}"
                .formatted(TODAY)), 200);

        Map<Long, Map<String, Object>> now = eligibleNow();
        assertThat(now).containsKeys(eligible.id(), doneWell.id());
        assertThat(now).doesNotContainKeys(noPaymentScope.id(), notApproved.id(), pending.id(), withdrawn.id(), declined.id(),
                doneBadly.id(), closed.id());
        assertThat(now.get(eligible.id())).containsEntry("providerCode", PROVIDER).containsEntry("nationalId", eligible.nationalId())
                .containsEntry("referralId", (int) eligible.referralId()).containsEntry("certificationId", null);
    }

    // ----- certification -----------------------------------------------------------------------------------------

    @Test
    void theProvinceCertifiesItsEligibleCasesAsVersionsAndARepeatMakesNone() {
        Kase first = eligibleCase(19);
        HttpResponse<String> v1 = post(trat, "/api/v1/case-certifications?province=23&term=2350/1", null);
        ok(v1, 201);
        Map<String, Object> version1 = map(v1);
        assertThat(version1).containsEntry("province", "23").containsEntry("term", "2350/1").containsEntry("certifiedBy", trat);
        assertThat(list(version1.get("cases"))).anySatisfy(c -> assertThat(c).containsEntry("caseId", (int) first.id())
                .containsEntry("providerCode", PROVIDER));
        int n = ((Number) version1.get("version")).intValue();
        // a repeated submit: nothing new, 409, no new version
        HttpResponse<String> again = post(trat, "/api/v1/case-certifications?province=23&term=2350/1", null);
        ok(again, 409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(map(again).get("detail").toString()).contains("not certified yet");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '23' AND term = '2350/1'", Integer.class))
                .isEqualTo(n);
        // a later version holds only the new case
        Kase second = eligibleCase(19);
        HttpResponse<String> v2 = post(trat, "/api/v1/case-certifications?province=23&term=2350/1", null);
        ok(v2, 201);
        assertThat(map(v2)).containsEntry("version", n + 1);
        assertThat(list(map(v2).get("cases"))).extracting(c -> ((Number) c.get("caseId")).longValue()).contains(second.id())
                .doesNotContain(first.id());
        assertThat(eligibleNow().get(first.id())).containsEntry("certifiedVersion", n);
        // versions and one version
        HttpResponse<String> versions = get("fund", "/api/v1/case-certifications?province=23&term=2350/1");
        ok(versions, 200);
        assertThat(list(map(versions).get("versions"))).extracting(v -> v.get("version")).startsWith(n + 1, n);
        ok(get("fund", "/api/v1/case-certifications/" + id(map(v2))), 200);
        ok(get("admin", "/api/v1/case-certifications/999999999"), 404);
        // the certified entries cannot change
        assertThatThrownBy(() -> jdbc.update("DELETE FROM oos_case_certification_entry WHERE case_id = ?", first.id()))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void certificationIsScopedToTheProvinceAndTheRoles() {
        eligibleCase(19);
        int before = jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '23'", Integer.class);
        ok(post(rayong, "/api/v1/case-certifications?province=23&term=2351/1", null), 403);
        ok(get(rayong, "/api/v1/case-certifications/eligible?province=23"), 403);
        ok(get(rayong, "/api/v1/case-certifications?province=23&term=2351/1"), 403);
        ok(post("fund", "/api/v1/case-certifications?province=23&term=2351/1", null), 403);
        ok(post(worker, "/api/v1/case-certifications?province=23&term=2351/1", null), 403);
        ok(post(providerUser, "/api/v1/case-certifications?province=23&term=2351/1", null), 403);
        HttpResponse<String> badTerm = post(trat, "/api/v1/case-certifications?province=23&term=2351", null);
        ok(badTerm, 400);
        assertThat(list(map(badTerm).get("errors"))).extracting(e -> e.get("field")).containsExactly("term");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '23'", Integer.class))
                .isEqualTo(before);
        long version = certify("2351/1");
        ok(get(rayong, "/api/v1/case-certifications/" + version), 403);
        ok(get("fund", "/api/v1/case-certifications/" + version), 200);
    }

    // ----- planning and paying ------------------------------------------------------------------------------------

    @Test
    void aRoundPaysEachCertifiedCaseTheSharesOnceWithTheLedgerAndTheTimeline() {
        Kase adult = eligibleCase(19);
        Kase minor = eligibleCase(16);
        Kase noAccount = kase(20, NO_ACCOUNT_PROVIDER, otherProviderUser, true, true, true, "REFERRAL", "PAYMENT");
        Kase laterWithdrawn = eligibleCase(19);
        long cert = certify("2352/1");
        ok(post(trat, "/api/v1/cases/" + laterWithdrawn.id() + "/consent/withdrawal", "{\"withdrawnOn\": \"%s\", \"reason\": \"ไม่ประสงค์\"}"
                .formatted(TODAY)), 200);

        HttpResponse<String> created = round("2352/1", cert);
        ok(created, 201);
        long roundId = id(map(created));
        Map<String, Object> skipped = new java.util.HashMap<>();
        list(map(created).get("skipped")).forEach(s -> skipped.put(s.get("caseId") + "/" + s.get("payeeType"), s.get("reason")));
        assertThat(skipped).containsEntry(minor.id() + "/YOUTH", "GUARDIAN_WITHOUT_NATIONAL_ID")
                .containsEntry(noAccount.id() + "/PROVIDER", "NO_BANK_ACCOUNT")
                .containsEntry(laterWithdrawn.id() + "/YOUTH", "NOT_ELIGIBLE").containsEntry(laterWithdrawn.id() + "/PROVIDER", "NOT_ELIGIBLE")
                .doesNotContainKeys(adult.id() + "/YOUTH", adult.id() + "/PROVIDER", minor.id() + "/PROVIDER", noAccount.id() + "/YOUTH");

        List<Map<String, Object>> lines = jdbc.queryForList("""
                SELECT case_id, payee_type, payee_name, payee_account, amount, status, national_id, child_id FROM payment_line
                WHERE round_id = ? AND case_id = ? ORDER BY payee_type""", roundId, adult.id());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).containsEntry("payee_type", "PROVIDER").containsEntry("payee_account", "9876543210")
                .containsEntry("status", "PLANNED").containsEntry("child_id", null);
        assertThat((BigDecimal) lines.get(0).get("amount")).isEqualByComparingTo(share("PROVIDER"));
        assertThat(lines.get(1)).containsEntry("payee_type", "YOUTH").containsEntry("payee_account", adult.nationalId())
                .containsEntry("national_id", adult.nationalId());
        assertThat((BigDecimal) lines.get(1).get("amount")).isEqualByComparingTo(share("YOUTH"));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM ledger_entry e JOIN payment_line l ON l.id = e.line_id WHERE l.case_id = ? AND e.kind = 'PLANNED'""",
                Integer.class, adult.id())).isEqualTo(2);

        // the same version again: every case already planned (or still not payable), so nothing to plan: 409, nothing recorded
        int rounds = jdbc.queryForObject("SELECT count(*) FROM payment_round", Integer.class);
        HttpResponse<String> again = round("2352/1", cert);
        ok(again, 409);
        assertThat(again.body()).contains("CASE_ALREADY_PLANNED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment_round", Integer.class)).isEqualTo(rounds);
        // the database refuses a second standing line of the same case, programme and payee whatever the application does
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO payment_line (round_id, programme_code, term, national_id, province_code, case_certification_id, case_id, payee_type,
                                          payee_name, payee_account, amount, status)
                SELECT round_id, programme_code, term, national_id, province_code, case_certification_id, case_id, payee_type, payee_name,
                       payee_account, amount, 'PLANNED' FROM payment_line WHERE round_id = ? AND case_id = ? AND payee_type = 'YOUTH'""",
                roundId, adult.id())).isInstanceOf(DataIntegrityViolationException.class);
        // a line with both sources, or none, is refused
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO payment_line (round_id, programme_code, term, national_id, province_code, payee_type, payee_name, payee_account,
                                          amount, status)
                SELECT round_id, programme_code, term, national_id, province_code, payee_type, payee_name, payee_account, amount, 'FAILED'
                FROM payment_line WHERE round_id = ? AND case_id = ? AND payee_type = 'YOUTH'""", roundId, adult.id()))
                .isInstanceOf(DataIntegrityViolationException.class);

        // a second fund user approves; the bank file writes YOUTH as GUARDIAN on the youth's own id
        ok(post("fund", "/api/v1/payment-rounds/" + roundId + "/approval", "{}"), 403);
        ok(post("fund2", "/api/v1/payment-rounds/" + roundId + "/approval", "{}"), 200);
        HttpResponse<String> file = get("fund", "/api/v1/payment-rounds/" + roundId + "/bank-file");
        ok(file, 200);
        String youthRef = "R" + roundId + "-" + jdbc.queryForObject("SELECT id FROM payment_line WHERE round_id = ? AND case_id = ? AND payee_type = 'YOUTH'",
                Long.class, roundId, adult.id());
        String providerRef = "R" + roundId + "-" + jdbc.queryForObject(
                "SELECT id FROM payment_line WHERE round_id = ? AND case_id = ? AND payee_type = 'PROVIDER'", Long.class, roundId, adult.id());
        assertThat(file.body()).contains(youthRef + "," + adult.nationalId() + ",") .contains(",GUARDIAN," + adult.nationalId() + ",")
                .contains(providerRef + "," + adult.nationalId() + ",").contains(",PROVIDER,9876543210,").doesNotContain("YOUTH");
        String results = "lineRef,amount,status,date,message\r\n" + youthRef + "," + share("YOUTH").toPlainString() + ",PAID," + TODAY + ",ok\r\n"
                + providerRef + "," + share("PROVIDER").toPlainString() + ",FAILED," + TODAY + ",บัญชีปิด\r\n";
        HttpResponse<String> applied = send("fund", "POST", "/api/v1/payment-rounds/" + roundId + "/bank-results", results, "text/csv");
        ok(applied, 200);
        assertThat(map(applied)).containsEntry("paid", 1).containsEntry("failed", 1);

        // the case's payments (its ledger) and its timeline
        HttpResponse<String> payments = get(trat, "/api/v1/cases/" + adult.id() + "/payments");
        ok(payments, 200);
        List<Map<String, Object>> paid = list(map(payments).get("payments"));
        assertThat(paid).extracting(p -> p.get("payeeType") + " " + p.get("status")).containsExactlyInAnyOrder("YOUTH PAID", "PROVIDER FAILED");
        assertThat(paid).filteredOn(p -> "YOUTH".equals(p.get("payeeType"))).first()
                .satisfies(p -> assertThat(list(p.get("entries"))).extracting(e -> e.get("kind")).containsExactly("PLANNED", "APPROVED", "PAID"));
        ok(get(rayong, "/api/v1/cases/" + adult.id() + "/payments"), 403);
        ok(get(providerUser, "/api/v1/cases/" + adult.id() + "/payments"), 403);
        List<Map<String, Object>> timeline = list(map(get(trat, "/api/v1/cases/" + adult.id())).get("timeline"));
        assertThat(timeline).filteredOn(t -> "PAYMENT".equals(t.get("kind"))).extracting(t -> t.get("detail").toString())
                .anySatisfy(d -> assertThat(d).startsWith("PAID YOUTH").contains(youthRef).contains("1,000.00"))
                .anySatisfy(d -> assertThat(d).startsWith("FAILED PROVIDER").contains(providerRef));
        // the provider sees none of it
        assertThat(list(map(get(providerUser, "/api/v1/cases/" + adult.id())).get("timeline")))
                .noneSatisfy(t -> assertThat(t.get("kind")).isEqualTo("PAYMENT"));

        // the round's screens and exports show case lines: the page (skipped cases named), the lines CSV and XLSX, the PDF summary
        WebSession fund = WebSession.loggedIn(port, "fund");
        HttpResponse<String> roundPage = fund.get("/disbursement/rounds/" + roundId);
        ok(roundPage, 200);
        assertThat(roundPage.body()).contains(youthRef).contains("กรณี " + minor.id()).contains("/out-of-school/case-certifications/" + cert)
                .doesNotContain("/review/certifications/" + cert);
        HttpResponse<String> csv = fund.get("/disbursement/rounds/" + roundId + "/lines.csv");
        ok(csv, 200);
        assertThat(csv.body()).contains(youthRef + "," + adult.nationalId() + ",จ่าย,").contains("," + PROVIDER + ",,YOUTH,");
        ok(fund.get("/disbursement/rounds/" + roundId + "/lines.xlsx"), 200);
        HttpResponse<String> pdf = fund.get("/disbursement/rounds/" + roundId + "/provinces/23/summary.pdf");
        ok(pdf, 200);
        assertThat(pdf.body()).startsWith("%PDF");

        // the failed provider line may be paid again in a later round; the paid youth line not
        HttpResponse<String> retry = round("2352/1", cert);
        ok(retry, 201);
        long retryId = id(map(retry));
        assertThat(jdbc.queryForList("SELECT payee_type FROM payment_line WHERE round_id = ? AND case_id = ?", String.class, retryId, adult.id()))
                .containsExactly("PROVIDER");

        // the paid youth line is reversed (the money came back): a REVERSAL in the case's ledger, and the youth may be paid again
        HttpResponse<String> reversed = post("fund", "/api/v1/payment-rounds/" + roundId + "/reversals",
                "{\"lineRef\": \"" + youthRef + "\", \"reason\": \"บัญชีพร้อมเพย์ผิด\"}");
        ok(reversed, 201);
        List<Map<String, Object>> after = list(map(get(trat, "/api/v1/cases/" + adult.id() + "/payments")).get("payments"));
        assertThat(after).filteredOn(p -> youthRef.equals(p.get("lineRef"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("status", "FAILED"))
                .satisfies(p -> assertThat(list(p.get("entries"))).extracting(e -> e.get("kind")).containsExactly("PLANNED", "APPROVED", "PAID", "REVERSAL"));
        HttpResponse<String> again2 = round("2352/1", cert);
        ok(again2, 201);
        assertThat(jdbc.queryForList("SELECT payee_type FROM payment_line WHERE round_id = ? AND case_id = ?", String.class, id(map(again2)),
                adult.id())).containsExactly("YOUTH");
    }

    @Test
    void aCaseThatStopsBeingEligibleBeforeApprovalIsCancelledNotPaid() {
        Kase kept = eligibleCase(19);
        Kase dropped = eligibleCase(19);
        long cert = certify("2355/1");
        HttpResponse<String> created = round("2355/1", cert);
        ok(created, 201);
        long roundId = id(map(created));
        ok(post(trat, "/api/v1/cases/" + dropped.id() + "/consent/withdrawal", "{\"withdrawnOn\": \"%s\", \"reason\": \"ย้ายออก\"}"
                .formatted(TODAY)), 200);
        ok(post("fund2", "/api/v1/payment-rounds/" + roundId + "/approval", "{}"), 200);
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM payment_line WHERE round_id = ? AND case_id = ?", String.class, roundId,
                dropped.id())).containsExactly("CANCELLED");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM payment_line WHERE round_id = ? AND case_id = ?", String.class, roundId,
                kept.id())).containsExactly("APPROVED");
        List<Map<String, Object>> payments = list(map(get(trat, "/api/v1/cases/" + dropped.id() + "/payments")).get("payments"));
        assertThat(payments).hasSize(2).allSatisfy(p -> assertThat(list(p.get("entries"))).extracting(e -> e.get("kind"))
                .containsExactly("PLANNED", "CANCELLED"));
        HttpResponse<String> file = get("fund", "/api/v1/payment-rounds/" + roundId + "/bank-file");
        ok(file, 200);
        assertThat(file.body()).contains(kept.nationalId()).doesNotContain(dropped.nationalId());
    }

    @Test
    void aRoundIsRefusedForVersionsOfAnotherTermOrUnknownOnes() {
        eligibleCase(19);
        long cert = certify("2353/1");
        HttpResponse<String> otherTerm = round("2353/2", cert);
        ok(otherTerm, 400);
        assertThat(otherTerm.body()).contains("2353/1");
        HttpResponse<String> unknown = round("2353/1", 999999999L);
        assertThat(unknown.statusCode()).isIn(400, 409);
        assertThat(unknown.body()).contains("999999999");
        // a certified list of children is not a case list
        HttpResponse<String> childList = post("fund", "/api/v1/payment-rounds",
                "{\"programme\": \"CCT_IN_SCHOOL\", \"term\": \"2353/1\", \"certifications\": [" + cert + "]}");
        assertThat(childList.statusCode()).isIn(400, 409);
    }

    // ----- screens ---------------------------------------------------------------------------------------------------

    @Test
    void theCertificationScreenCertifiesOnceAndSaysWhyNotInThaiAndEnglish() {
        Kase c = eligibleCase(19);
        WebSession session = WebSession.loggedIn(port, trat);
        String page = "/out-of-school/case-certification?province=23&term=2354/1";
        HttpResponse<String> shown = session.get(page);
        ok(shown, 200);
        assertThat(shown.body()).contains("id=\"eligible-" + c.id() + "\"").contains("ยังไม่รับรอง").contains(PROVIDER);
        HttpResponse<String> certified = session.postFromPage(page, "/out-of-school/case-certification", Map.of("province", "23", "term", "2354/1"));
        assertThat(certified.statusCode()).isEqualTo(302);
        String location = certified.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/out-of-school/case-certifications/\\d+");
        HttpResponse<String> version = session.get(location.replaceAll("^https?://[^/]+", ""));
        ok(version, 200);
        assertThat(version.body()).contains("id=\"entry-" + c.id() + "\"").contains("รับรองกรณีแล้ว");
        // again: nothing new, the page says so and nothing is certified
        int versions = jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '23' AND term = '2354/1'", Integer.class);
        HttpResponse<String> again = session.postFromPage(page, "/out-of-school/case-certification", Map.of("province", "23", "term", "2354/1"));
        ok(again, 200);
        assertThat(again.body()).contains("id=\"certify-error\"").contains("ไม่มีกรณีที่มีสิทธิ์ซึ่งยังไม่ได้รับรอง");
        HttpResponse<String> english = session.acceptLanguage("en").postFromPage(page + "&lang=en", "/out-of-school/case-certification",
                Map.of("province", "23", "term", "2354"));
        ok(english, 200);
        assertThat(english.body()).contains("term must look like 2569/1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case_certification WHERE province_code = '23' AND term = '2354/1'", Integer.class))
                .isEqualTo(versions);
        // another province's user, and the provider, may not
        ok(WebSession.loggedIn(port, rayong).get(page), 403);
        ok(WebSession.loggedIn(port, providerUser).get(page), 403);
    }
}
