package org.eduequity.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eduequity.review.ReviewFixtures.A;
import static org.eduequity.review.ReviewFixtures.B;
import static org.eduequity.review.ReviewFixtures.D;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eduequity.review.ReviewFixtures.Household;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.screening.TestHousehold;
import org.eduequity.screening.WorkedExamples;
import org.eduequity.survey.VisitResubmitted;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The review's guards, bulk approval, households returned as a whole, and resubmitted visits pending again. */
@IntegrationTest
class ReviewsTests {

    @Autowired
    Reviews reviews;

    @Autowired
    ReviewList list;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Screening screening;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    JsonMapper json;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApplicationEventPublisher events;

    private ReviewFixtures fixtures() {
        return new ReviewFixtures(jdbc, tx, screening, ruleSets, json);
    }

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static ReviewList.Filter filter(String term) {
        return ReviewList.Filter.of(term, "40");
    }

    private Reviews.Outcome decide(String term, Reviews.Request r) {
        return reviews.decide("40", term, List.of(r)).get(0);
    }

    @Test
    void aDecisionOnAStaleListIsRefused() {
        String term = "2562/1";
        Household b = fixtures().screened(term, B, true);
        actAs("province");
        ReviewList.Row row = list.list(org.eduequity.shared.AreaScope.province("40"), filter(term), ReviewList.Sort.NEED, 0, 50).rows().get(0);
        assertThat(row.nationalId()).isEqualTo(b.nationalId());
        assertThat(row.reviewVersion()).isZero();
        // someone else decides first
        assertThat(decide(term, new Reviews.Request(b.nationalId(), Decision.REJECT, "DUPLICATE", null, null, null, null)).outcome())
                .isEqualTo("REJECTED");
        Reviews.Outcome late = decide(term, new Reviews.Request(b.nationalId(), Decision.APPROVE, null, null, null, row.reviewVersion(),
                row.resultId()));
        assertThat(late.outcome()).isEqualTo("REFUSED");
        assertThat(late.detailKey()).isEqualTo("review.refused.stale");
        // the same with the version the list shows now goes through (a deliberate change of decision)
        ReviewList.Row now = list.list(org.eduequity.shared.AreaScope.province("40"), filter(term), ReviewList.Sort.NEED, 0, 50).rows().get(0);
        assertThat(now.status()).isEqualTo(ReviewStatus.REJECTED);
        assertThat(decide(term, new Reviews.Request(b.nationalId(), Decision.APPROVE, null, null, null, now.reviewVersion(), now.resultId()))
                .outcome()).isEqualTo("APPROVED");
        // a re-screened visit makes the result the reviewer saw stale too
        tx.executeWithoutResult(s -> screening.screenVisits(List.of(b.visitId()), org.eduequity.screening.ScreeningResult.Cause.SUBMITTED));
        ReviewList.Row after = list.list(org.eduequity.shared.AreaScope.province("40"), filter(term), ReviewList.Sort.NEED, 0, 50).rows().get(0);
        assertThat(after.resultId()).isNotEqualTo(now.resultId());
        assertThat(decide(term, new Reviews.Request(b.nationalId(), Decision.REJECT, "DUPLICATE", null, null, after.reviewVersion(),
                now.resultId())).detailKey()).isEqualTo("review.refused.stale");
    }

    @Test
    void returningOneChildReturnsTheWholeHouseholdAndAResubmissionMakesItPendingAgain() {
        String term = "2562/2";
        TestHousehold twoStudents = WorkedExamples.all().get(B).household();
        List<TestHousehold.Member> members = new ArrayList<>(twoStudents.members());
        members.add(TestHousehold.Member.of("STUDENT", 9).inSchool());
        TestHousehold siblings = TestHousehold.example(members.toArray(TestHousehold.Member[]::new)).singleParent(true)
                .housing("LIVE_WITH_OTHERS", "EARTH", "BAMBOO_SCRAP", "SHEET", false).land("NONE", "RAIN_OR_STREAM", "SHARED_OR_BATTERY");
        Household h = fixtures().screened(term, siblings, true);
        assertThat(h.nationalIds()).hasSize(2);
        actAs("province");
        assertThat(decide(term, new Reviews.Request(h.nationalIds().get(0), Decision.RETURN, "GPS_WRONG", "บ้านอยู่อีกหมู่บ้าน", null, null, null))
                .outcome()).isEqualTo("RETURNED");
        assertThat(jdbc.queryForList("SELECT status FROM review WHERE visit_id = ? ORDER BY child_id", String.class, h.visitId()))
                .containsExactly("RETURNED", "RETURNED");
        assertThat(jdbc.queryForObject("SELECT return_reason FROM home_visit WHERE id = ?", String.class, h.visitId()))
                .isEqualTo("พิกัดบ้านไม่ถูกต้อง: บ้านอยู่อีกหมู่บ้าน");
        Reviews.Outcome sibling = decide(term, new Reviews.Request(h.nationalIds().get(1), Decision.APPROVE, null, null, null, null, null));
        assertThat(sibling.detailKey()).isEqualTo("review.refused.returned");

        // the teacher's correction is recorded (the survey module publishes the event in its transaction)
        List<Long> childIds = jdbc.queryForList("SELECT child_id FROM visit_student WHERE visit_id = ?", Long.class, h.visitId());
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE home_visit SET status = 'SUBMITTED' WHERE id = ?", h.visitId());
            events.publishEvent(new VisitResubmitted(h.visitId(), term, childIds));
        });
        assertThat(jdbc.queryForList("SELECT status FROM review WHERE visit_id = ?", String.class, h.visitId()))
                .containsExactly("PENDING", "PENDING");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM review_decision WHERE visit_id = ? AND decision = 'RESUBMITTED'", Long.class,
                h.visitId())).isEqualTo(2L);
        assertThat(decide(term, new Reviews.Request(h.nationalIds().get(1), Decision.APPROVE, null, null, null, null, null)).outcome())
                .isEqualTo("APPROVED");
        assertThat(reviews.history(childIds.get(0), term)).extracting(Reviews.DecisionEntry::decision).containsExactly("RESUBMITTED", "RETURN");
    }

    @Test
    void bulkApprovalApprovesTheConfirmedSelectionButNotTheFlaggedOrTheNotPoor() {
        String term = "2563/1";
        ReviewFixtures f = fixtures();
        List<Household> poor = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            poor.add(f.screened(term, i % 2 == 0 ? B : D, true));
        }
        Household flagged = f.screened(term, A, false);
        f.screened(term, ReviewFixtures.C, true);
        actAs("province");
        Reviews.BulkPreview preview = reviews.previewBulkApproval(filter(term));
        assertThat(preview.approvable()).isEqualTo(5);
        assertThat(preview.flaggedSkipped()).isEqualTo(1);
        Reviews.StaleSelectionException stale = (Reviews.StaleSelectionException) org.assertj.core.api.Assertions.catchThrowable(
                () -> reviews.approveAll(filter(term), 4));
        assertThat(stale.now()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM review WHERE term = ?", Long.class, term)).isZero();

        assertThat(reviews.approveAll(filter(term), 5).approved()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM review WHERE term = ? AND status = 'APPROVED'", Long.class, term)).isEqualTo(5L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM review_decision WHERE term = ? AND decision = 'APPROVE' AND decided_by = 'province'",
                Long.class, term)).isEqualTo(5L);
        assertThat(reviews.previewBulkApproval(filter(term)).approvable()).isZero();
        // a second confirmation of the same selection changes nothing
        assertThatThrownBy(() -> reviews.approveAll(filter(term), 5)).isInstanceOf(Reviews.StaleSelectionException.class);
        assertThat(jdbc.queryForObject("SELECT status FROM review WHERE visit_id = ?", String.class, poor.get(0).visitId())).isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM review WHERE visit_id = ?", Long.class, flagged.visitId())).isZero();

        // only the province's own users may approve; the fund reads
        actAs("province2");
        assertThatThrownBy(() -> reviews.approveAll(filter(term), 0)).isInstanceOf(AccessDeniedException.class);
        actAs("fund");
        assertThatThrownBy(() -> reviews.approveAll(filter(term), 0)).isInstanceOf(AccessDeniedException.class);
    }

    @Autowired
    org.eduequity.screening.ScreeningRuns runs;

    @Test
    void theListsSortKeysFollowEveryWayAResultBecomesCurrent() throws Exception {
        String term = "2561/2";
        ReviewFixtures f = fixtures();
        for (int example : List.of(A, B, D, ReviewFixtures.C)) {
            f.screened(term, example, true);
        }
        String mismatches = """
                SELECT count(*) FROM screening_current c JOIN screening_result r ON r.id = c.result_id WHERE c.term = ?
                AND (c.hardship_score IS DISTINCT FROM r.hardship_score OR c.per_capita_income IS DISTINCT FROM r.per_capita_income
                     OR c.classification <> r.classification OR c.students <> r.students)""";
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_current WHERE term = ?", Long.class, term)).isEqualTo(4L);
        assertThat(jdbc.queryForObject(mismatches, Long.class, term)).as("after screening at submit").isZero();
        // a re-screening run with a set whose numbers differ moves every pointer to a result with other scores
        org.eduequity.screening.RuleParameters defaults = ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow().parameters();
        tools.jackson.databind.node.ObjectNode changed = json.valueToTree(defaults);
        changed.put("incomeCeiling", new java.math.BigDecimal("2500.00"));
        // a toilet missing weighs more: every household's score changes (the worked examples all have none, or all have one)
        changed.put("noToilet", defaults.noToilet() + 3);
        ((tools.jackson.databind.node.ObjectNode) changed.get("electricity")).put("METER", defaults.electricity().get("METER") + 2);
        String lower = json.writeValueAsString(changed);
        long set = jdbc.queryForObject("""
                INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
                VALUES ('test-review-run', ?, 'test', 'PUBLISHED', ARRAY[?]::varchar[], ?::jsonb, 'test', 'test', now()) RETURNING id""",
                Long.class, "v" + System.nanoTime() % 1_000_000_000L, term, lower);
        actAs("fund");
        org.eduequity.screening.ScreeningRun run = runs.startRescreen(term, "40", set);
        while (run.running()) {
            Thread.sleep(20);
            run = runs.get(run.id());
        }
        assertThat(run.status()).isEqualTo(org.eduequity.screening.ScreeningRun.Status.SUCCEEDED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_current c JOIN screening_result r ON r.id = c.result_id "
                + "WHERE c.term = ? AND r.run_id = ?", Long.class, term, run.id())).isEqualTo(4L);
        assertThat(jdbc.queryForObject(mismatches, Long.class, term)).as("after a re-screening run").isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM screening_current c JOIN screening_result r ON r.id = c.result_id
                JOIN screening_result first ON first.visit_id = c.visit_id AND first.cause = 'SUBMITTED'
                WHERE c.term = ? AND c.hardship_score <> first.hardship_score""", Long.class, term))
                .as("the run changed the scores it moved to").isPositive();
    }

    @Test
    void twoReviewersDecidingTheSameChildAtOnceCannotBothWin() throws Exception {
        String term = "2563/2";
        List<Household> households = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            households.add(fixtures().screened(term, D, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<Reviews.Outcome>>> tasks = new ArrayList<>();
            for (Decision d : List.of(Decision.APPROVE, Decision.REJECT)) {
                tasks.add(() -> {
                    actAs("province");
                    try {
                        return reviews.decide("40", term, households.stream().map(h -> new Reviews.Request(h.nationalId(), d,
                                d == Decision.REJECT ? "DUPLICATE" : null, null, null, 0L, null)).toList());
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                });
            }
            List<Future<List<Reviews.Outcome>>> results = pool.invokeAll(tasks);
            long done = 0;
            for (Future<List<Reviews.Outcome>> r : results) {
                done += r.get().stream().filter(o -> !o.refused()).count();
            }
            // each child decided exactly once: the later reviewer's decision met a newer version and was refused
            assertThat(done).isEqualTo(8);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM review_decision WHERE term = ?", Long.class, term)).isEqualTo(8L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM review WHERE term = ? AND version = 1", Long.class, term)).isEqualTo(8L);
        } finally {
            pool.shutdownNow();
        }
    }
}
