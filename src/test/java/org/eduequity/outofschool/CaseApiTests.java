package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * The cases API of docs/out-of-school.md on real PostgreSQL: each move of a case and of a referral (and the refused ones,
 * 409 problem+json), the consent rules (the youth under 18, withdrawal, the province's override), what a provider sees,
 * the audit of reads, stale and concurrent edits, idempotent retries, and the area checks. Trat (23) accounts only.
 */
@IntegrationTest
class CaseApiTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Bangkok"));

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
    String rayong;
    String providerUser;
    String otherProviderUser;

    @BeforeEach
    void accounts() {
        OutOfSchoolFixtures f = new OutOfSchoolFixtures(jdbc, encoder);
        worker = f.areaWorker("case-api-worker", "230101", "230102");
        otherWorker = f.areaWorker("case-api-other", "230104");
        trat = f.provinceUser("case-api-trat", "23");
        rayong = f.provinceUser("case-api-rayong", "21");
        f.provider("P23901", "23");
        f.provider("P23902", "23");
        providerUser = f.providerUser("case-api-provider", "P23901");
        otherProviderUser = f.providerUser("case-api-provider2", "P23902");
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    private HttpResponse<String> send(String user, String method, String path, String body) {
        return WebSession.api(port, user, method, path, body, "application/json");
    }

    private HttpResponse<String> get(String user, String path) {
        return send(user, "GET", path, null);
    }

    private HttpResponse<String> post(String user, String path, String body) {
        return send(user, "POST", path, body);
    }

    private HttpResponse<String> put(String user, String path, String body) {
        return send(user, "PUT", path, body);
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

    /** A youth found in 230101, of the given age today. */
    private long foundChild(int age) {
        HttpResponse<String> r = post(worker, "/api/v1/found-children", OutOfSchoolFixtures.document(null, OutOfSchoolFixtures.newNationalId(),
                "ทดสอบ", "กรณี" + System.nanoTime(), TODAY.minusYears(age).minusDays(10), TODAY, "230101", List.of("VOCATIONAL_TRAINING")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return id(map(r));
    }

    private static String consent(String givenBy, String... scopes) {
        return "{\"givenBy\": \"%s\", \"givenOn\": \"%s\", \"scopes\": [%s]}".formatted(givenBy, TODAY,
                String.join(", ", java.util.Arrays.stream(scopes).map(s -> "\"" + s + "\"").toList()));
    }

    private long openCase(long foundChildId, String consent) {
        HttpResponse<String> r = post(trat, "/api/v1/cases", "{\"foundChildId\": %d%s}".formatted(foundChildId,
                consent == null ? "" : ", \"consent\": " + consent));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return id(map(r));
    }

    private void assess(long caseId) {
        HttpResponse<String> r = put(trat, "/api/v1/cases/" + caseId + "/assessment", """
                {"assessedOn": "%s", "needs": ["VOCATIONAL_TRAINING"], "familySituation": "แม่คนเดียว", "goals": "อยากเป็นช่างยนต์",
                 "risks": "ทำงานกลางคืน"}""".formatted(TODAY));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private long plan(long caseId, String providerCode) {
        HttpResponse<String> r = put(trat, "/api/v1/cases/" + caseId + "/care-plan", """
                {"goals": "เรียนช่างยนต์ให้จบ", "interventions": [{"serviceType": "VOCATIONAL_TRAINING", "providerCode": "%s",
                 "goal": "ปวช. ช่างยนต์", "responsible": "ครู กศน.", "targetDate": "%s", "monitoring": "MONTHLY"}]}"""
                .formatted(providerCode, TODAY.plusMonths(6)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return id(list(map(r).get("interventions")).get(0));
    }

    private void approve(long caseId) {
        HttpResponse<String> r = post(trat, "/api/v1/cases/" + caseId + "/care-plan/approval", "{\"decision\": \"APPROVE\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> refer(long caseId, long interventionId, String providerCode, String extra) {
        return post(trat, "/api/v1/cases/" + caseId + "/referrals", "{\"providerCode\": \"%s\", \"interventionId\": %d, \"notes\": \"ด่วน\"%s}"
                .formatted(providerCode, interventionId, extra == null ? "" : ", " + extra));
    }

    private long plannedCase(String consent) {
        long caseId = openCase(foundChild(17), consent);
        assess(caseId);
        long intervention = plan(caseId, "P23901");
        approve(caseId);
        return caseId * 1_000_000 + intervention;
    }

    private String stage(long caseId) {
        return (String) map(get(trat, "/api/v1/cases/" + caseId)).get("stage");
    }

    // ----- the whole case -------------------------------------------------------------------------------------

    @Test
    void aCaseGoesThroughEveryStageAsTheSpecSays() {
        long child = foundChild(17);
        HttpResponse<String> opened = post(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(child,
                consent("GUARDIAN", "REFERRAL", "SHARE_WITH_PROVIDER", "PAYMENT")));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(map(opened)).containsOnlyKeys("id", "stage").containsEntry("stage", "OPENED");
        long caseId = id(map(opened));
        assertThat(opened.headers().firstValue("Location")).hasValue("/api/v1/cases/" + caseId);
        // a retried open: the same case, never two
        HttpResponse<String> again = post(trat, "/api/v1/cases", "{\"foundChildId\": %d}".formatted(child));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(map(again))).isEqualTo(caseId);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_case WHERE found_child_id = ?", Long.class, child)).isEqualTo(1);

        assess(caseId);
        assertThat(stage(caseId)).isEqualTo("ASSESSED");
        long intervention = plan(caseId, "P23901");
        // a referral before the plan is approved: 409
        HttpResponse<String> early = refer(caseId, intervention, "P23901", null);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(map(early).get("detail").toString()).contains("approved care plan");
        approve(caseId);
        assertThat(stage(caseId)).isEqualTo("PLANNED");

        HttpResponse<String> referred = refer(caseId, intervention, "P23901", null);
        assertThat(referred.statusCode()).as(referred.body()).isEqualTo(201);
        assertThat(map(referred)).containsEntry("status", "PENDING");
        long referral = id(map(referred));
        HttpResponse<String> retried = refer(caseId, intervention, "P23901", null);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(id(map(retried))).isEqualTo(referral);

        HttpResponse<String> accepted = post(providerUser, "/api/v1/referrals/" + referral + "/accept", null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(map(accepted)).containsEntry("status", "ACCEPTED");
        assertThat(stage(caseId)).isEqualTo("IN_SERVICE");

        HttpResponse<String> done = post(providerUser, "/api/v1/referrals/" + referral + "/done",
                "{\"successful\": true, \"servicesDelivered\": \"สมัครเรียน ปวช. แล้ว\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(stage(caseId)).isEqualTo("SERVICES_DONE");

        HttpResponse<String> visit = post(worker, "/api/v1/cases/" + caseId + "/follow-ups", """
                {"dueOn": "%s", "doneOn": "%s", "seen": true, "action": "คุยกับแม่", "anotherVisitNeeded": false, "recommendClosure": true}"""
                .formatted(TODAY, TODAY));
        assertThat(visit.statusCode()).as(visit.body()).isEqualTo(201);

        HttpResponse<String> closed = post(trat, "/api/v1/cases/" + caseId + "/closure",
                "{\"outcome\": \"TRAINING_COMPLETED\", \"closedOn\": \"%s\", \"note\": \"เรียนอยู่\"}".formatted(TODAY));
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(map(closed)).containsEntry("stage", "CLOSED");
        // a closed case takes no follow-up
        assertThat(post(worker, "/api/v1/cases/" + caseId + "/follow-ups", "{\"dueOn\": \"%s\"}".formatted(TODAY)).statusCode()).isEqualTo(409);

        Map<String, Object> view = map(get(trat, "/api/v1/cases/" + caseId));
        assertThat(view).containsKeys("stage", "consent", "assessment", "carePlan", "referrals", "followUps", "closure", "timeline");
        assertThat(list(view.get("timeline")).stream().map(e -> e.get("kind")).toList()).containsSubsequence("OPENED", "CONSENT_GIVEN",
                "ASSESSED", "PLAN_SAVED", "PLAN_APPROVED", "REFERRED", "REFERRAL_ACCEPTED", "REFERRAL_DONE", "FOLLOW_UP_DONE", "CLOSED");
        assertThat(list(view.get("carePlan") == null ? null : ((Map<?, ?>) view.get("carePlan")).get("interventions")).get(0))
                .containsEntry("carriedOut", true);

        // reopened: back to ASSESSED, the plan needs approving again
        HttpResponse<String> reopened = post(trat, "/api/v1/cases/" + caseId + "/reopen", "{\"reason\": \"ออกจากโรงเรียนอีก\"}");
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(map(reopened)).containsEntry("stage", "ASSESSED");
        assertThat(refer(caseId, intervention, "P23901", null).statusCode()).isEqualTo(409);
        approve(caseId);
        assertThat(stage(caseId)).isEqualTo("PLANNED");
    }

    @Test
    void refusedReferralMovesAre409AndDeclineNeedsAReason() {
        long packed = plannedCase(consent("GUARDIAN", "REFERRAL"));
        long caseId = packed / 1_000_000;
        long intervention = packed % 1_000_000;
        long referral = id(map(refer(caseId, intervention, "P23901", null)));
        // done from PENDING: 409 with a clear message
        HttpResponse<String> doneEarly = post(providerUser, "/api/v1/referrals/" + referral + "/done", "{\"successful\": true}");
        assertThat(doneEarly.statusCode()).isEqualTo(409);
        assertThat(doneEarly.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(map(doneEarly).get("detail").toString()).contains("PENDING");
        // decline without a reason: 400 on the field
        HttpResponse<String> noReason = post(providerUser, "/api/v1/referrals/" + referral + "/decline", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(list(map(noReason).get("errors")).get(0)).containsEntry("field", "reason");
        // another provider: 403
        assertThat(post(otherProviderUser, "/api/v1/referrals/" + referral + "/accept", null).statusCode()).isEqualTo(403);
        // the province does not accept for the provider
        assertThat(post(trat, "/api/v1/referrals/" + referral + "/accept", null).statusCode()).isEqualTo(403);
        assertThat(post(providerUser, "/api/v1/referrals/" + referral + "/accept", null).statusCode()).isEqualTo(200);
        assertThat(post(providerUser, "/api/v1/referrals/" + referral + "/accept", null).statusCode()).isEqualTo(409);
        assertThat(post(providerUser, "/api/v1/referrals/" + referral + "/decline", "{\"reason\": \"เต็ม\"}").statusCode()).isEqualTo(409);
        // done without success needs one of the reasons
        HttpResponse<String> unsuccessful = post(providerUser, "/api/v1/referrals/" + referral + "/done", "{\"successful\": false}");
        assertThat(unsuccessful.statusCode()).isEqualTo(400);
        assertThat(post(providerUser, "/api/v1/referrals/" + referral + "/done", "{\"successful\": false, \"reason\": \"BORED\"}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> done = post(providerUser, "/api/v1/referrals/" + referral + "/done", "{\"successful\": false, \"reason\": \"NO_CAPACITY\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT unsuccessful_reason FROM oos_referral WHERE id = ?", String.class, referral)).isEqualTo("NO_CAPACITY");
        // revoking a done referral: 409; the provider's access has ended
        assertThat(post(trat, "/api/v1/referrals/" + referral + "/revoke", "{}").statusCode()).isEqualTo(409);
        assertThat(get(providerUser, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);

        // a second referral: declined with a reason; a third: revoked by the province
        long second = id(map(refer(caseId, intervention, "P23901", null)));
        assertThat(post(providerUser, "/api/v1/referrals/" + second + "/decline", "{\"reason\": \"ไม่มีที่ว่าง\"}").statusCode()).isEqualTo(200);
        long third = id(map(refer(caseId, intervention, "P23901", null)));
        assertThat(post(providerUser, "/api/v1/referrals/" + third + "/revoke", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> revoked = post(trat, "/api/v1/referrals/" + third + "/revoke", "{\"reason\": \"ย้ายบ้าน\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(map(revoked)).containsEntry("status", "REVOKED");
        assertThat(post(providerUser, "/api/v1/referrals/" + third + "/accept", null).statusCode()).isEqualTo(409);
        assertThat(post(trat, "/api/v1/referrals/999999999/revoke", "{}").statusCode()).isEqualTo(404);
    }

    // ----- consent ------------------------------------------------------------------------------------------------

    @Test
    void aYouthUnder18CannotConsentAloneButFrom18Can() {
        HttpResponse<String> young = post(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(foundChild(17),
                consent("YOUTH", "REFERRAL")));
        assertThat(young.statusCode()).isEqualTo(400);
        Map<String, Object> error = list(map(young).get("errors")).get(0);
        assertThat(error).containsEntry("field", "consent.givenBy");
        assertThat(error.get("message").toString()).contains("under 18").contains("17");
        assertThat(post(trat, "/api/v1/cases", "{\"foundChildId\": %d, \"consent\": %s}".formatted(foundChild(19),
                consent("YOUTH", "REFERRAL"))).statusCode()).isEqualTo(201);
    }

    @Test
    void withoutConsentOrAfterWithdrawalNoReferralUnlessTheProvinceGivesAReason() {
        long packed = plannedCase(null);
        long caseId = packed / 1_000_000;
        long intervention = packed % 1_000_000;
        HttpResponse<String> refused = refer(caseId, intervention, "P23901", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(map(refused).get("detail").toString()).contains("No consent allows referrals");
        // admin may not override: only a province user
        HttpResponse<String> admin = post("admin", "/api/v1/cases/" + caseId + "/referrals",
                "{\"providerCode\": \"P23901\", \"interventionId\": %d, \"consentOverrideReason\": \"x\"}".formatted(intervention));
        assertThat(admin.statusCode()).isEqualTo(403);
        HttpResponse<String> overridden = refer(caseId, intervention, "P23901", "\"consentOverrideReason\": \"ผู้ปกครองอยู่ต่างประเทศ เด็กเสี่ยงสูง\"");
        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(201);
        long referral = id(map(overridden));
        assertThat(jdbc.queryForObject("SELECT consent_override_reason FROM oos_referral WHERE id = ?", String.class, referral))
                .isEqualTo("ผู้ปกครองอยู่ต่างประเทศ เด็กเสี่ยงสูง");
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_log WHERE entity_type = 'OosReferral' AND entity_id = ? AND action = 'CREATE'",
                String.class, String.valueOf(referral))).contains("CONSENT OVERRIDE");

        // consent given, then withdrawn: new referrals stop
        assertThat(post(trat, "/api/v1/cases/" + caseId + "/consent", consent("GUARDIAN", "REFERRAL")).statusCode()).isEqualTo(200);
        assertThat(post(trat, "/api/v1/referrals/" + referral + "/revoke", "{}").statusCode()).isEqualTo(200);
        assertThat(refer(caseId, intervention, "P23901", null).statusCode()).isEqualTo(201);
        HttpResponse<String> withdrawn = post(trat, "/api/v1/cases/" + caseId + "/consent/withdrawal",
                "{\"withdrawnOn\": \"%s\", \"reason\": \"แม่ไม่ยินยอมแล้ว\"}".formatted(TODAY));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        HttpResponse<String> after = refer(caseId, intervention, "P23902", null);
        assertThat(after.statusCode()).isEqualTo(409);
        assertThat(map(after).get("detail").toString()).contains("withdrawn");
        Map<String, Object> view = map(get(trat, "/api/v1/cases/" + caseId));
        assertThat((Map<String, Object>) view.get("consent")).containsEntry("withdrawalReason", "แม่ไม่ยินยอมแล้ว");
    }

    // ----- what a provider sees ----------------------------------------------------------------------------

    @Test
    void aProviderSeesOnlyItsLiveReferralsAndNoIdentityWithoutSharingConsent() {
        long packed = plannedCase(consent("GUARDIAN", "REFERRAL"));
        long caseId = packed / 1_000_000;
        long intervention = packed % 1_000_000;
        assertThat(get(providerUser, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);
        long referral = id(map(refer(caseId, intervention, "P23901", null)));
        HttpResponse<String> seen = get(providerUser, "/api/v1/cases/" + caseId);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        Map<String, Object> view = map(seen);
        assertThat(view).doesNotContainKeys("consent", "assessment", "followUps", "closure");
        Map<String, Object> child = (Map<String, Object>) view.get("child");
        assertThat(child).containsEntry("identityShared", false).containsEntry("firstName", null).containsEntry("lastName", null)
                .containsEntry("nationalId", null).containsEntry("guardianPhone", null).containsEntry("birthDate", null)
                .doesNotContainKey("foundChildId");
        assertThat((Map<String, Object>) child.get("address")).containsEntry("houseNo", null).containsEntry("subdistrictCode", "230101");
        assertThat(list(view.get("referrals"))).hasSize(1);
        assertThat(list(view.get("timeline"))).allSatisfy(e -> assertThat(((Number) e.get("referralId")).longValue()).isEqualTo(referral));
        assertThat(get(otherProviderUser, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);
        // the province's reason to refer without consent is not shown to the provider
        assertThat(list(view.get("referrals")).get(0).get("consentOverrideReason")).isNull();

        // with SHARE_WITH_PROVIDER: the name, address and phone
        assertThat(post(trat, "/api/v1/cases/" + caseId + "/consent", consent("GUARDIAN", "REFERRAL", "SHARE_WITH_PROVIDER")).statusCode())
                .isEqualTo(200);
        Map<String, Object> shared = (Map<String, Object>) map(get(providerUser, "/api/v1/cases/" + caseId)).get("child");
        assertThat(shared).containsEntry("identityShared", true).containsEntry("firstName", "ทดสอบ").containsEntry("guardianPhone", "0812345678");
        // revoked: access ends
        assertThat(post(trat, "/api/v1/referrals/" + referral + "/revoke", "{}").statusCode()).isEqualTo(200);
        assertThat(get(providerUser, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);
    }

    // ----- audit, area, versions --------------------------------------------------------------------------------

    @Test
    void everyReadIsAuditedAndAreasAreChecked() {
        long caseId = openCase(foundChild(15), consent("GUARDIAN", "REFERRAL"));
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_type = 'OosCase' AND entity_id = ?",
                Long.class, String.valueOf(caseId));
        assertThat(get(worker, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(200);
        assertThat(get("fund", "/api/v1/cases/" + caseId).statusCode()).isEqualTo(200);
        Map<String, Object> entry = jdbc.queryForMap("SELECT actor, detail FROM audit_log WHERE action = 'READ' AND entity_type = 'OosCase' "
                + "AND entity_id = ? ORDER BY id DESC LIMIT 1", String.valueOf(caseId));
        assertThat(entry).containsEntry("actor", "fund").containsEntry("detail", "API");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE action = 'READ' AND entity_type = 'OosCase' AND entity_id = ?",
                Long.class, String.valueOf(caseId))).isEqualTo(before + 2);
        // another subdistrict's worker, another province: 403; refused reads are not audited as reads
        assertThat(get(otherWorker, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);
        assertThat(get(rayong, "/api/v1/cases/" + caseId).statusCode()).isEqualTo(403);
        assertThat(post(rayong, "/api/v1/cases", "{\"foundChildId\": %d}".formatted(foundChild(15))).statusCode()).isEqualTo(403);
        assertThat(put(rayong, "/api/v1/cases/" + caseId + "/assessment", "{\"assessedOn\": \"%s\", \"needs\": [\"HEALTH\"]}".formatted(TODAY))
                .statusCode()).isEqualTo(403);
        // the area worker makes follow-up visits, not plans
        assertThat(put(worker, "/api/v1/cases/" + caseId + "/assessment", "{}").statusCode()).isEqualTo(403);
        assertThat(post(worker, "/api/v1/cases", "{\"foundChildId\": 1}").statusCode()).isEqualTo(403);
        assertThat(get(trat, "/api/v1/cases/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aStaleVersionIs409AndOfTwoConcurrentEditsOnlyOneWins() throws Exception {
        long caseId = openCase(foundChild(16), null);
        long version = ((Number) map(get(trat, "/api/v1/cases/" + caseId)).get("version")).longValue();
        String body = "{\"assessedOn\": \"%s\", \"needs\": [\"HEALTH\"], \"version\": %d}";
        assertThat(put(trat, "/api/v1/cases/" + caseId + "/assessment", body.formatted(TODAY, version)).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = put(trat, "/api/v1/cases/" + caseId + "/assessment", body.formatted(TODAY, version));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(map(stale).get("detail").toString()).contains("Someone else changed this case");

        long current = ((Number) map(get(trat, "/api/v1/cases/" + caseId)).get("version")).longValue();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (String need : List.of("HEALTH", "LIFE_SKILLS")) {
                Callable<Integer> edit = () -> {
                    start.await();
                    return put(trat, "/api/v1/cases/" + caseId + "/assessment", "{\"assessedOn\": \"%s\", \"needs\": [\"%s\"], \"version\": %d}"
                            .formatted(TODAY, need, current)).statusCode();
                };
                results.add(pool.submit(edit));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        // a stale referral version: 409
        assess(caseId);
        long intervention = plan(caseId, "P23901");
        approve(caseId);
        assertThat(post(trat, "/api/v1/cases/" + caseId + "/consent", consent("GUARDIAN", "REFERRAL")).statusCode()).isEqualTo(200);
        Map<String, Object> referral = map(refer(caseId, intervention, "P23901", null));
        HttpResponse<String> staleMove = post(providerUser, "/api/v1/referrals/" + id(referral) + "/accept",
                "{\"version\": %d}".formatted(((Number) referral.get("version")).longValue() + 5));
        assertThat(staleMove.statusCode()).isEqualTo(409);
    }

    @Test
    void aPlanChangedAfterApprovalNeedsApprovingAgainAndReturnNeedsAComment() {
        long packed = plannedCase(consent("GUARDIAN", "REFERRAL"));
        long caseId = packed / 1_000_000;
        long intervention = packed % 1_000_000;
        HttpResponse<String> changed = put(trat, "/api/v1/cases/" + caseId + "/care-plan", """
                {"goals": "เปลี่ยนเป้าหมาย", "interventions": [{"id": %d, "serviceType": "VOCATIONAL_TRAINING", "providerCode": "P23901",
                 "goal": "ปวช.", "responsible": "ครู", "targetDate": "%s", "monitoring": "WEEKLY"}]}""".formatted(intervention, TODAY.plusMonths(3)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(map(changed)).containsEntry("status", "DRAFT").containsEntry("stage", "PLANNED");
        assertThat(refer(caseId, intervention, "P23901", null).statusCode()).isEqualTo(409);
        assertThat(post(trat, "/api/v1/cases/" + caseId + "/care-plan/approval", "{\"decision\": \"RETURN\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> returned = post(trat, "/api/v1/cases/" + caseId + "/care-plan/approval",
                "{\"decision\": \"RETURN\", \"comment\": \"ระบุวันเริ่มเรียน\"}");
        assertThat(map(returned)).containsEntry("status", "RETURNED");
        assertThat(post(trat, "/api/v1/cases/" + caseId + "/care-plan/approval", "{\"decision\": \"APPROVE\"}").statusCode()).isEqualTo(409);
        plan(caseId, "P23901");
        approve(caseId);
        // the first intervention was replaced (no referral): the new one is referred
        long newIntervention = jdbc.queryForObject("SELECT id FROM oos_case_intervention WHERE case_id = ?", Long.class, caseId);
        assertThat(refer(caseId, newIntervention, "P23901", null).statusCode()).isEqualTo(201);
    }

    @Test
    void overdueFollowUpsBelongToTheResponsibleWorker() {
        long caseId = openCase(foundChild(14), null);
        HttpResponse<String> scheduled = post(trat, "/api/v1/cases/" + caseId + "/follow-ups", "{\"dueOn\": \"%s\"}".formatted(TODAY.minusDays(3)));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT responsible FROM oos_follow_up WHERE id = ?", String.class, id(map(scheduled)))).isEqualTo(worker);
        // not seen: a reason is required
        assertThat(post(worker, "/api/v1/cases/" + caseId + "/follow-ups", "{\"dueOn\": \"%s\", \"doneOn\": \"%s\", \"seen\": false}"
                .formatted(TODAY.minusDays(3), TODAY)).statusCode()).isEqualTo(400);
        HttpResponse<String> done = post(worker, "/api/v1/cases/" + caseId + "/follow-ups",
                "{\"dueOn\": \"%s\", \"doneOn\": \"%s\", \"seen\": false, \"notSeenReason\": \"ไปทำงานต่างจังหวัด\", \"anotherVisitNeeded\": true, \"nextDueOn\": \"%s\"}"
                        .formatted(TODAY.minusDays(3), TODAY, TODAY.plusDays(14)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        assertThat(id(map(done))).isEqualTo(id(map(scheduled)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oos_follow_up WHERE case_id = ? AND done_on IS NULL", Long.class, caseId)).isEqualTo(1);
    }

    @Test
    void theTimelineShowsThePovertyScreeningOfTheChildWithTheSameNationalId() {
        String screened = jdbc.queryForObject("""
                SELECT min(c.national_id) FROM child c JOIN visit_student vs ON vs.child_id = c.id
                JOIN screening_result r ON r.visit_id = vs.visit_id""", String.class);
        assertThat(screened).as("demo data has screened children").isNotNull();
        long child = jdbc.queryForObject("""
                INSERT INTO found_child (national_id, first_name, last_name, name_key, birth_date, sex, subdistrict_code, district_code,
                    province_code, surveyed_on, age_years, age_band, recorded_by, recorded_at, updated_by, updated_at)
                VALUES (?, 'เคยคัดกรอง', 'ทดสอบ', 'เคยคัดกรองทดสอบ', ?, 'MALE', '230101', '2301', '23', ?, 15, '13-15', ?, now(), ?, now())
                RETURNING id""", Long.class, screened, TODAY.minusYears(15).minusDays(3), TODAY, worker, worker);
        long caseId = openCase(child, null);
        List<Map<String, Object>> timeline = list(map(get(trat, "/api/v1/cases/" + caseId)).get("timeline"));
        assertThat(timeline).anySatisfy(e -> assertThat(e).containsEntry("kind", "SCREENING").containsEntry("actor", "system"));
    }
}
