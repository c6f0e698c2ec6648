package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Re-screening runs and what-if simulations, through the API and the service, on real PostgreSQL. */
@IntegrationTest
class ScreeningRunsTests {

    private static final AtomicInteger TERM_YEAR = new AtomicInteger(2460 + (int) (System.nanoTime() % 40));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Screening screening;

    @Autowired
    ScreeningRuns runs;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    JsonMapper json;

    @AfterEach
    void normalSlices() {
        runs.sliceSize(100_000);
    }

    private RuleParameters defaults() {
        return ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow().parameters();
    }

    private long ruleSet(String status, String term, RuleParameters parameters) {
        return TestRuleSets.insert(jdbc, json, "test-runs", status, term, parameters);
    }

    /** A fresh term with households screened under the default numbers at submit. */
    private Fixture fixture(int households, Random random) {
        String term = TERM_YEAR.getAndIncrement() + "/2";
        long first = ruleSet("PUBLISHED", term, defaults());
        List<String> provinces = List.of("40", "21", "10", "50");
        List<TestHousehold> list = new ArrayList<>();
        for (int i = 0; i < households; i++) {
            list.add(ScreeningEngineTests.randomHousehold(random, provinces));
        }
        List<Long> ids = tx.execute(s -> {
            List<Long> visitIds = TestHouseholds.insert(jdbc, term, list);
            screening.screenVisits(visitIds, ScreeningResult.Cause.SUBMITTED);
            return visitIds;
        });
        return new Fixture(term, first, list, ids);
    }

    record Fixture(String term, long firstRuleSet, List<TestHousehold> households, List<Long> visitIds) {
    }

    private Map<String, Integer> regions() {
        Map<String, Integer> regionOf = new HashMap<>();
        jdbc.query("SELECT code, region_id FROM province", rs -> {
            regionOf.put(rs.getString(1), rs.getInt(2));
        });
        return regionOf;
    }

    /** The expected counts of students per "province from→to", computed with the reference implementation. */
    private Map<String, Integer> expectedMoves(Fixture f, RuleParameters from, RuleParameters to) {
        Map<String, Integer> regionOf = regions();
        Map<String, Integer> moves = new TreeMap<>();
        for (TestHousehold h : f.households()) {
            String region = RuleParameters.REGIONS.get(regionOf.get(h.provinceCode()) - 1);
            int students = (int) h.members().stream().filter(m -> "STUDENT".equals(m.relationship())).count();
            moves.merge(h.provinceCode() + " " + ReferenceScreening.screen(h, from, region).classification() + "→"
                    + ReferenceScreening.screen(h, to, region).classification(), students, Integer::sum);
        }
        return moves;
    }

    private static Map<String, Integer> actualMoves(ScreeningRun run) {
        Map<String, Integer> moves = new TreeMap<>();
        run.counts().forEach(c -> moves.merge(c.provinceCode() + " " + c.fromClass() + "→" + c.toClass(), c.students(), Integer::sum));
        return moves;
    }

    private ScreeningRun awaitEnd(long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ScreeningRun run = runs.get(id);
        while (run.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            run = runs.get(id);
        }
        return run;
    }

    private HttpResponse<String> api(String user, String method, String path, String body) {
        HttpRequest.Builder b = WebSession.basic(port, path, user, WebSession.DEMO_PASSWORD);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return WebSession.sendApi(b.build());
    }

    @Test
    @WithMockUser(username = "fund", roles = "FUND")
    @SuppressWarnings("unchecked")
    void aRunRescreensTheTermWithTheChosenVersionInSlicesAndCountsTheMoves() throws Exception {
        Random random = new Random(7);
        Fixture f = fixture(400, random);
        RuleParameters next = ScreeningEngineTests.randomParameters(random);
        long second = ruleSet("PUBLISHED", "2401/2", next);
        String version = jdbc.queryForObject("SELECT version FROM rule_set WHERE id = ?", String.class, second);
        runs.sliceSize(90);

        HttpResponse<String> started = api("fund", "POST", "/api/v1/screening-runs",
                "{\"term\": \"" + f.term() + "\", \"ruleSet\": {\"code\": \"test-runs\", \"version\": \"" + version + "\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = ((Number) json.readValue(started.body(), Map.class).get("id")).longValue();
        ScreeningRun run = awaitEnd(id);
        assertThat(run.status()).as(run.error()).isEqualTo(ScreeningRun.Status.SUCCEEDED);
        assertThat(run.householdsTotal()).isEqualTo(400);
        assertThat(run.householdsDone()).isEqualTo(400);

        Map<Long, ScreeningResult> current = screening.currentOfVisits(f.visitIds());
        Map<String, Integer> regionOf = regions();
        for (int i = 0; i < f.visitIds().size(); i++) {
            ScreeningResult r = current.get(f.visitIds().get(i));
            assertThat(r.cause()).isEqualTo(ScreeningResult.Cause.RUN);
            assertThat(r.runId()).isEqualTo(id);
            assertThat(r.ruleSetVersion()).isEqualTo(version);
            TestHousehold h = f.households().get(i);
            ReferenceScreening.Outcome expected = ReferenceScreening.screen(h, next,
                    RuleParameters.REGIONS.get(regionOf.get(h.provinceCode()) - 1));
            assertThat(r.classification()).isEqualTo(expected.classification());
            assertThat(r.hardshipScore()).isEqualTo(expected.score());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new))).as("every visit: the first result and the run's").isEqualTo(800);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_current WHERE visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new))).isEqualTo(400);
        assertThat(actualMoves(run)).isEqualTo(expectedMoves(f, defaults(), next));

        Map<String, Object> status = json.readValue(api("fund", "GET", "/api/v1/screening-runs/" + id, null).body(), Map.class);
        assertThat(status.get("status")).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Integer>> counts = (Map<String, Map<String, Integer>>) status.get("counts");
        int students = f.households().stream().mapToInt(h -> (int) h.members().stream().filter(m -> "STUDENT".equals(m.relationship())).count()).sum();
        assertThat(counts.get("students").values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(students);
        assertThat(counts.get("households").values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(status).containsKey("durationSeconds");
    }

    @Test
    @WithMockUser(username = "fund", roles = "FUND")
    void aFailedRunLeavesThePreviousResultsCurrent() throws Exception {
        Fixture f = fixture(200, new Random(11));
        long last = f.visitIds().get(f.visitIds().size() - 1);
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_fail_run() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$""");
        jdbc.execute("CREATE TRIGGER test_fail_run BEFORE INSERT ON screening_result FOR EACH ROW WHEN (NEW.cause = 'RUN' AND NEW.visit_id = "
                + last + ") EXECUTE FUNCTION test_fail_run()");
        try {
            runs.sliceSize(40);
            ScreeningRun run = awaitEnd(runs.startRescreen(f.term(), null, f.firstRuleSet()).id());
            assertThat(run.status()).isEqualTo(ScreeningRun.Status.FAILED);
            assertThat(run.error()).contains("disk full (simulated)");
            assertThat(run.counts()).isEmpty();
        } finally {
            jdbc.execute("DROP TRIGGER test_fail_run ON screening_result");
        }
        Map<Long, ScreeningResult> current = screening.currentOfVisits(f.visitIds());
        assertThat(current).hasSize(200);
        assertThat(current.values()).allMatch(r -> r.cause() == ScreeningResult.Cause.SUBMITTED);
        // the workers appended the slices before the failing one (each in a transaction of its own): those results stay,
        // were never current, and are no child's history
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE cause = 'RUN' AND visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new))).as("slices appended before the failure").isBetween(1L, 199L);
        assertHistoryHasOnlySubmittedResults(f);
    }

    @Test
    @WithMockUser(username = "fund", roles = "FUND")
    void aRunThatFailsWhileMakingItsResultsCurrentLeavesThemOutOfEveryHistoryAndTheNextRunCountsFromThePreviousResults() throws Exception {
        Random random = new Random(13);
        Fixture f = fixture(150, random);
        long last = f.visitIds().get(f.visitIds().size() - 1);
        RuleParameters next = ScreeningEngineTests.randomParameters(random);
        long second = ruleSet("PUBLISHED", "2402/2", next);
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_fail_current() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'connection lost (simulated)'; END $$""");
        jdbc.execute("CREATE TRIGGER test_fail_current BEFORE UPDATE ON screening_current FOR EACH ROW WHEN (NEW.visit_id = "
                + last + ") EXECUTE FUNCTION test_fail_current()");
        long failedId;
        try {
            runs.sliceSize(30);
            ScreeningRun failed = awaitEnd(runs.startRescreen(f.term(), null, second).id());
            failedId = failed.id();
            assertThat(failed.status()).isEqualTo(ScreeningRun.Status.FAILED);
            assertThat(failed.error()).contains("connection lost (simulated)");
            assertThat(failed.counts()).isEmpty();
        } finally {
            jdbc.execute("DROP TRIGGER test_fail_current ON screening_current");
        }
        // every slice was appended, none made current
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE run_id = ?", Long.class, failedId)).isEqualTo(150);
        assertThat(screening.currentOfVisits(f.visitIds()).values()).hasSize(150).allMatch(r -> r.cause() == ScreeningResult.Cause.SUBMITTED);
        assertHistoryHasOnlySubmittedResults(f);

        // the next run succeeds: its results are current and history; the failed run's are still neither, and the moves
        // are counted from the submitted results
        ScreeningRun run = awaitEnd(runs.startRescreen(f.term(), null, second).id());
        assertThat(run.status()).as(run.error()).isEqualTo(ScreeningRun.Status.SUCCEEDED);
        assertThat(actualMoves(run)).isEqualTo(expectedMoves(f, defaults(), next));
        assertThat(screening.currentOfVisits(f.visitIds()).values()).hasSize(150).allMatch(r -> r.runId() != null && r.runId() == run.id());
        for (long child : childrenOf(f)) {
            List<ScreeningResult> history = screening.historyOfChild(child);
            assertThat(history).extracting(ScreeningResult::cause).containsExactly(ScreeningResult.Cause.SUBMITTED, ScreeningResult.Cause.RUN);
            assertThat(history.get(1).runId()).isEqualTo(run.id());
            assertThat(history.get(1).current()).isTrue();
        }
    }

    private List<Long> childrenOf(Fixture f) {
        return jdbc.queryForList("SELECT child_id FROM visit_student WHERE visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new));
    }

    private void assertHistoryHasOnlySubmittedResults(Fixture f) {
        List<Long> children = childrenOf(f);
        assertThat(children).isNotEmpty();
        for (long child : children) {
            assertThat(screening.historyOfChild(child)).extracting(ScreeningResult::cause).containsExactly(ScreeningResult.Cause.SUBMITTED);
        }
    }

    @Test
    @WithMockUser(username = "fund", roles = "FUND")
    void anOverlappingRunIsRefusedAndAnAbandonedOneIsNot() {
        String term = TERM_YEAR.getAndIncrement() + "/1";
        long set = ruleSet("PUBLISHED", term, defaults());
        jdbc.update("""
                INSERT INTO screening_run (kind, term, province_code, rule_set_id, status, requested_by, requested_at, heartbeat_at)
                VALUES ('RESCREEN', ?, NULL, ?, 'RUNNING', 'someone', now(), now())""", term, set);
        assertThatThrownBy(() -> runs.startRescreen(term, "40", set)).isInstanceOfSatisfying(ScreeningRefusedException.class, e -> {
            assertThat(e.conflict()).isTrue();
            assertThat(e.problems()).extracting(RuleProblem::messageKey).containsExactly("runs.error.overlap");
        });
        HttpResponse<String> viaApi = api("fund", "POST", "/api/v1/screening-runs", "{\"term\": \"" + term + "\", \"province\": \"21\", "
                + "\"ruleSet\": {\"code\": \"test-runs\", \"version\": \"" + jdbc.queryForObject("SELECT version FROM rule_set WHERE id = ?",
                String.class, set) + "\"}}");
        assertThat(viaApi.statusCode()).isEqualTo(409);
        assertThat(viaApi.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(viaApi.body()).contains("ยังทำงานอยู่");

        String other = TERM_YEAR.getAndIncrement() + "/1";
        long stale = jdbc.queryForObject("""
                INSERT INTO screening_run (kind, term, province_code, rule_set_id, status, requested_by, requested_at, heartbeat_at)
                VALUES ('RESCREEN', ?, '40', ?, 'RUNNING', 'someone', now() - interval '1 hour', now() - interval '11 minutes')
                RETURNING id""", Long.class, other, set);
        ScreeningRun started = runs.startRescreen(other, "40", set);
        assertThat(started.id()).isNotEqualTo(stale);
        assertThat(jdbc.queryForObject("SELECT status FROM screening_run WHERE id = ?", String.class, stale)).isEqualTo("FAILED");
    }

    @Test
    void badRequestsAreRefusedWithTheirFieldsAndOnlyTheFundOfficeMayStartRuns() {
        long before = jdbc.queryForObject("SELECT count(*) FROM screening_run", Long.class);
        HttpResponse<String> badTerm = api("fund", "POST", "/api/v1/screening-runs",
                "{\"term\": \"2569-1\", \"ruleSet\": {\"code\": \"cct-pmt-default\", \"version\": \"2569.1\"}}");
        assertThat(badTerm.statusCode()).isEqualTo(400);
        assertThat(badTerm.body()).contains("\"field\":\"term\"");
        HttpResponse<String> unknown = api("fund", "POST", "/api/v1/screening-runs",
                "{\"term\": \"2569/1\", \"ruleSet\": {\"code\": \"cct-pmt-default\", \"version\": \"0.0\"}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"ruleSet\"");
        long draft = ruleSet("DRAFT", "2569/1", defaults());
        HttpResponse<String> notPublished = api("fund", "POST", "/api/v1/screening-runs", "{\"term\": \"2569/1\", \"ruleSet\": "
                + "{\"code\": \"test-runs\", \"version\": \"" + jdbc.queryForObject("SELECT version FROM rule_set WHERE id = ?", String.class, draft)
                + "\"}}");
        assertThat(notPublished.statusCode()).isEqualTo(400);
        String valid = "{\"term\": \"2569/1\", \"province\": \"40\", \"ruleSet\": {\"code\": \"cct-pmt-default\", \"version\": \"2569.1\"}}";
        assertThat(api("teacher", "POST", "/api/v1/screening-runs", valid).statusCode()).isEqualTo(403);
        assertThat(api("province", "POST", "/api/v1/screening-runs", valid).statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_run", Long.class)).isEqualTo(before);
    }

    @Test
    @WithMockUser(username = "fund", roles = "FUND")
    void aWhatIfCountsBothRuleSetsSideBySideAndTouchesNoResult() throws Exception {
        Random random = new Random(23);
        Fixture f = fixture(300, random);
        RuleParameters draftNumbers = ScreeningEngineTests.randomParameters(random);
        long draft = ruleSet("DRAFT", f.term(), draftNumbers);
        long resultsBefore = jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new));
        runs.sliceSize(70);
        ScreeningRun run = awaitEnd(runs.startWhatIf(f.term(), null, draft, f.firstRuleSet(), new BigDecimal("400.00"),
                List.of("EXTREMELY_POOR")).id());
        assertThat(run.status()).as(run.error()).isEqualTo(ScreeningRun.Status.SUCCEEDED);
        assertThat(run.kind()).isEqualTo(ScreeningRun.Kind.WHAT_IF);
        assertThat(actualMoves(run)).isEqualTo(expectedMoves(f, defaults(), draftNumbers));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM screening_result WHERE visit_id = ANY (?)", Long.class,
                (Object) f.visitIds().toArray(Long[]::new))).isEqualTo(resultsBefore);

        assertThatThrownBy(() -> runs.startWhatIf(f.term(), null, draft, draft, new BigDecimal("-1"), List.of()))
                .isInstanceOfSatisfying(ScreeningRefusedException.class, e -> assertThat(e.problems()).extracting(RuleProblem::field)
                        .containsExactlyInAnyOrder("compareRuleSet", "amountPerChild", "fundedClasses"));
    }
}
