package org.eduequity.disbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eduequity.disbursement.DisbursementFixtures.Kid;
import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two fund users creating rounds over the same certified list at the same moment cannot plan a child twice (issue 7,
 * point 7), on real PostgreSQL: through the API with parallel threads, and the database constraint on its own.
 */
@IntegrationTest
class PaymentRoundConcurrencyTests {

    private static final int CHILDREN = 60;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoFundUsersPlanningTheSameListAtOnceCannotPlanAChildTwice() throws Exception {
        String term = "2568/2";
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        List<Kid> kids = f.children(term, "21", CHILDREN);
        long cert = f.certify("21", term, kids);
        f.budget("COVID_RELIEF", "21", term, "1000000");
        String body = """
                {"programme": "COVID_RELIEF", "term": "%s", "certifications": [%d], "overBudgetReason": null}""".formatted(term, cert);

        for (int attempt = 0; attempt < 3; attempt++) {
            String programme = List.of("COVID_RELIEF", "CCT_IN_SCHOOL", "COVID_RELIEF").get(attempt);
            if (attempt == 1) {
                f.budget("CCT_IN_SCHOOL", "21", term, "1000000");
            }
            String request = body.replace("COVID_RELIEF", programme);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<HttpResponse<String>>> results = new ArrayList<>();
                for (String user : List.of("fund", "fund2")) {
                    results.add(pool.submit(() -> {
                        HttpRequest r = WebSession.basic(port, "/api/v1/payment-rounds", user, WebSession.DEMO_PASSWORD)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build();
                        start.await();
                        return WebSession.sendApi(r);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> r : results) {
                    HttpResponse<String> response = r.get(60, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 409) {
                        assertThat(response.body()).contains("ALREADY_PLANNED");
                    }
                }
                if (attempt == 2) {
                    // the programme's children are all planned already: both are refused
                    assertThat(statuses).containsExactly(409, 409);
                } else {
                    assertThat(statuses).as("one round plans the list, the other finds every child planned").containsExactlyInAnyOrder(201, 409);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        Long[] ids = kids.stream().map(Kid::childId).toArray(Long[]::new);
        assertThat(jdbc.queryForList("""
                SELECT programme_code || ' ' || count(*) FROM payment_line WHERE child_id = ANY (?::bigint[]) GROUP BY programme_code, child_id""",
                String.class, (Object) ids)).hasSize(2 * CHILDREN).allMatch(s -> s.endsWith(" 1"));
    }

    @Test
    void theDatabaseRefusesASecondStandingLineForTheSameChildProgrammeAndTermButNotAfterAFailure() {
        String term = "2568/2";
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        Kid kid = f.child(term, "40", DisbursementFixtures.Guardian.WITH_ID);
        long cert = f.certify("40", term, List.of(kid));
        long round = jdbc.queryForObject("""
                INSERT INTO payment_round (programme_code, term, status, certification_ids, province_codes, created_by, created_at)
                VALUES ('CCT_IN_SCHOOL', ?, 'PLANNED', ARRAY[?]::bigint[], '{40}', 'fund', now()) RETURNING id""", Long.class, term, cert);
        String insert = """
                INSERT INTO payment_line (round_id, programme_code, term, child_id, national_id, province_code, org_unit_id, certification_id,
                                          classification, payee_type, payee_name, payee_account, amount, status)
                SELECT ?, 'CCT_IN_SCHOOL', ?, c.id, c.national_id, '40', c.org_unit_id, ?, 'POOR', 'GUARDIAN', 'แม่ ทดสอบ', ?, 400, 'PLANNED'
                FROM child c WHERE c.id = ? RETURNING id""";
        long first = jdbc.queryForObject(insert, Long.class, round, term, cert, kid.guardianId(), kid.childId());
        assertThatThrownBy(() -> jdbc.queryForObject(insert, Long.class, round, term, cert, kid.guardianId(), kid.childId()))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("payment_line_once_ux");
        // a failed payment may be planned again in a later round
        jdbc.update("UPDATE payment_line SET status = 'FAILED' WHERE id = ?", first);
        assertThat(jdbc.queryForObject(insert, Long.class, round, term, cert, kid.guardianId(), kid.childId())).isGreaterThan(first);
    }

    @Test
    void theDatabaseRefusesALineForAChildUnitOrProvinceItsCertificationDidNotCertify() {
        String term = "2568/2";
        DisbursementFixtures f = new DisbursementFixtures(jdbc);
        Kid certified = f.child(term, "40", DisbursementFixtures.Guardian.WITH_ID);
        Kid other = f.child(term, "40", DisbursementFixtures.Guardian.WITH_ID);
        long cert = f.certify("40", term, List.of(certified));
        long round = jdbc.queryForObject("""
                INSERT INTO payment_round (programme_code, term, status, certification_ids, province_codes, created_by, created_at)
                VALUES ('COVID_RELIEF', ?, 'PLANNED', ARRAY[?]::bigint[], '{40}', 'fund', now()) RETURNING id""", Long.class, term, cert);
        String insert = """
                INSERT INTO payment_line (round_id, programme_code, term, child_id, national_id, province_code, org_unit_id, certification_id,
                                          classification, payee_type, payee_name, payee_account, amount, status)
                SELECT ?, 'COVID_RELIEF', ?, c.id, c.national_id, ?, COALESCE(?, c.org_unit_id), ?, 'POOR', 'GUARDIAN', 'แม่ ทดสอบ', '1409900000001',
                       600, 'PLANNED'
                FROM child c WHERE c.id = ? RETURNING id""";
        long anotherUnit = jdbc.queryForObject("SELECT id FROM org_unit WHERE id <> (SELECT org_unit_id FROM child WHERE id = ?) LIMIT 1",
                Long.class, certified.childId());
        // a child the list did not certify; the certified child at another unit; in another province than the list's
        assertThatThrownBy(() -> jdbc.queryForObject(insert, Long.class, round, term, "40", null, cert, other.childId()))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class).hasMessageContaining("payment_line_entry_fkey");
        assertThatThrownBy(() -> jdbc.queryForObject(insert, Long.class, round, term, "40", anotherUnit, cert, certified.childId()))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class).hasMessageContaining("payment_line_entry_fkey");
        assertThatThrownBy(() -> jdbc.queryForObject(insert, Long.class, round, term, "21", null, cert, certified.childId()))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class).hasMessageContaining("payment_line_certification_fkey");
        assertThat(jdbc.queryForObject(insert, Long.class, round, term, "40", null, cert, certified.childId())).isPositive();
    }
}
