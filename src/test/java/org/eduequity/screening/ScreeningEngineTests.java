package org.eduequity.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The production screening (SQL built from a rule set) on real PostgreSQL: the worked examples of screening.md,
 * and thousands of random households against {@link ReferenceScreening}.
 */
@IntegrationTest
class ScreeningEngineTests {

    /** Terms no other test or demo data uses: each test publishes its own rule set for its own term. */
    private static final AtomicInteger TERM_YEAR = new AtomicInteger(2401 + (int) (System.nanoTime() % 50));

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

    private RuleParameters defaults() {
        return ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow().parameters();
    }

    /** Publishes the numbers as a rule set effective for a fresh term only; returns the term. */
    private String publishForFreshTerm(RuleParameters parameters) {
        String term = TERM_YEAR.getAndIncrement() + "/1";
        TestRuleSets.insert(jdbc, json, "test-engine", "PUBLISHED", term, parameters);
        return term;
    }

    private Map<Long, ScreeningResult> screen(String term, List<TestHousehold> households, List<Long> idsOut) {
        List<Long> ids = tx.execute(s -> {
            List<Long> visitIds = TestHouseholds.insert(jdbc, term, households);
            screening.screenVisits(visitIds, ScreeningResult.Cause.SUBMITTED);
            return visitIds;
        });
        idsOut.addAll(ids);
        return screening.currentOfVisits(ids);
    }

    @Test
    void theWorkedExamplesGiveTheDocumentsResults() {
        String term = publishForFreshTerm(defaults());
        List<WorkedExamples.Example> examples = WorkedExamples.all();
        List<Long> ids = new ArrayList<>();
        Map<Long, ScreeningResult> results = screen(term, examples.stream().map(WorkedExamples.Example::household).toList(), ids);
        for (int i = 0; i < examples.size(); i++) {
            WorkedExamples.Example e = examples.get(i);
            ScreeningResult r = results.get(ids.get(i));
            assertThat(r.classification()).as("example " + e.name()).isEqualTo(e.classification());
            assertThat(r.perCapitaIncome()).as("example " + e.name()).isEqualTo(e.perCapitaIncome());
            assertThat(r.hardshipScore()).as("example " + e.name()).isEqualTo(e.score());
            List<Integer> areas = new ArrayList<>();
            for (Area a : Area.values()) {
                areas.add(r.areas().get(a));
            }
            assertThat(areas).as("example " + e.name()).containsExactly(java.util.Arrays.stream(e.areas()).boxed().toArray(Integer[]::new));
            assertThat(r.ruleSetCode()).isEqualTo("test-engine");
            assertThat(r.current()).isTrue();
        }
        assertThat(results.get(ids.get(4)).dependants()).as("example E: five dependants").isEqualTo(5);
    }

    @Test
    void aMissingAnswerMakesTheHouseholdIncompleteAndListsWhatIsMissing() {
        String term = publishForFreshTerm(defaults());
        TestHousehold b = WorkedExamples.all().get(1).household();
        TestHousehold missing = b.housing("OWN", null, "ZINC", "SHEET", null).vehicles(0, 0, null, 0, 0, 0, 0);
        List<Long> ids = new ArrayList<>();
        ScreeningResult r = screen(term, List.of(missing), ids).get(ids.get(0));
        assertThat(r.classification()).isEqualTo(Classification.INCOMPLETE);
        assertThat(r.missing()).containsExactly("housing.floor", "housing.hasToilet", "vehicles.pickupUpTo15y");
        assertThat(r.perCapitaIncome()).isNull();
        assertThat(r.hardshipScore()).isNull();
        assertThat(r.areas()).isNull();
    }

    @Test
    void thousandsOfRandomHouseholdsMatchTheReferenceWithDefaultAndRandomRuleSets() {
        Random random = new Random(20261123L);
        Map<String, Integer> regionOfProvince = new HashMap<>();
        jdbc.query("SELECT code, region_id FROM province", rs -> {
            regionOfProvince.put(rs.getString(1), rs.getInt(2));
        });
        List<String> provinces = new ArrayList<>(regionOfProvince.keySet());
        List<RuleParameters> sets = List.of(defaults(), randomParameters(random), randomParameters(random));
        int compared = 0;
        for (RuleParameters parameters : sets) {
            assertThat(parameters.problems()).isEmpty();
            String term = publishForFreshTerm(parameters);
            List<TestHousehold> households = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                households.add(randomHousehold(random, provinces));
            }
            List<Long> ids = new ArrayList<>();
            Map<Long, ScreeningResult> results = screen(term, households, ids);
            for (int i = 0; i < households.size(); i++) {
                TestHousehold h = households.get(i);
                ReferenceScreening.Outcome expected = ReferenceScreening.screen(h, parameters,
                        RuleParameters.REGIONS.get(regionOfProvince.get(h.provinceCode()) - 1));
                ScreeningResult actual = results.get(ids.get(i));
                String what = "household " + i + " " + h;
                assertThat(actual.classification()).as(what).isEqualTo(expected.classification());
                assertThat(actual.perCapitaIncome()).as(what).isEqualTo(expected.perCapitaIncome());
                assertThat(actual.hardshipScore()).as(what).isEqualTo(expected.score());
                assertThat(actual.dependants()).as(what).isEqualTo(expected.dependants());
                assertThat(actual.areas()).as(what).isEqualTo(expected.areas());
                assertThat(actual.missing()).as(what).isEqualTo(expected.missing());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(4500);
    }

    @Test
    void screeningAgainAddsAResultAndKeepsOneCurrent() {
        String term = publishForFreshTerm(defaults());
        List<Long> ids = new ArrayList<>();
        ScreeningResult first = screen(term, List.of(WorkedExamples.all().get(0).household()), ids).get(ids.get(0));
        tx.executeWithoutResult(s -> screening.screenVisits(ids, ScreeningResult.Cause.RESUBMITTED));
        assertThat(jdbc.queryForList("""
                SELECT r.id = c.result_id FROM screening_result r JOIN screening_current c ON c.visit_id = r.visit_id
                WHERE r.visit_id = ? ORDER BY r.id""", Boolean.class, ids.get(0))).containsExactly(false, true);
        ScreeningResult second = screening.currentOfVisits(ids).get(ids.get(0));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(second.cause()).isEqualTo(ScreeningResult.Cause.RESUBMITTED);
    }

    @Test
    void resultsAndPublishedRuleSetsCannotBeChanged() {
        String term = publishForFreshTerm(defaults());
        List<Long> ids = new ArrayList<>();
        ScreeningResult r = screen(term, List.of(WorkedExamples.all().get(1).household()), ids).get(ids.get(0));
        assertThatThrownBy(() -> jdbc.update("UPDATE screening_result SET classification = 'POOR' WHERE id = ?", r.id()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE screening_result SET students = 9 WHERE visit_id = ?", r.visitId()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE screening_current SET result_id = result_id - 1 WHERE visit_id = ?", r.visitId()))
                .hasMessageContaining("may only move to a newer result");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM screening_current WHERE visit_id = ?", r.visitId()))
                .hasMessageContaining("keeps every visit");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM home_visit WHERE id = ?", r.visitId()))
                .hasMessageContaining("has screening results");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM screening_result WHERE id = ?", r.id())).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("UPDATE rule_set SET parameters = parameters || '{\"cutOff\": 1}' WHERE code = 'cct-pmt-default'"))
                .hasMessageContaining("cannot be changed");
        assertThat(jdbc.queryForObject("SELECT classification FROM screening_result WHERE id = ?", String.class, r.id()))
                .isEqualTo("EXTREMELY_POOR");
    }

    @Test
    void theDefaultRuleSetShipsPublishedWithEveryNumberValid() {
        RuleSet set = ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow();
        assertThat(set.status()).isEqualTo(RuleSet.Status.PUBLISHED);
        assertThat(set.effectiveTerms()).contains("2569/1", "2569/2");
        assertThat(set.parameters().problems()).isEmpty();
        assertThat(set.parameters().incomeCeiling()).isEqualByComparingTo("3000.00");
        assertThat(set.parameters().cutOffFor("SOUTH")).isEqualTo(20);
    }

    static RuleParameters randomParameters(Random random) {
        Map<String, Integer> regions = new java.util.LinkedHashMap<>();
        for (String region : RuleParameters.REGIONS) {
            if (random.nextBoolean()) {
                regions.put(region, 5 + random.nextInt(30));
            }
        }
        return new RuleParameters(BigDecimal.valueOf(1500 + random.nextInt(3000)).add(BigDecimal.valueOf(random.nextInt(100), 2)),
                5 + random.nextInt(30), regions,
                new RuleParameters.Dependants(random.nextInt(8), random.nextInt(6), random.nextInt(8), 55 + random.nextInt(10),
                        12 + random.nextInt(6), 60 + random.nextInt(8)),
                table(random, RuleParameters.TABLES.get("tenure")), table(random, RuleParameters.TABLES.get("floor")),
                table(random, RuleParameters.TABLES.get("walls")), table(random, RuleParameters.TABLES.get("roof")), random.nextInt(8),
                table(random, RuleParameters.TABLES.get("farmland")), table(random, RuleParameters.TABLES.get("water")),
                table(random, RuleParameters.TABLES.get("electricity")),
                Map.of("noVehicle", random.nextInt(6), "carUpTo15y", -random.nextInt(12), "carOver15y", -random.nextInt(6),
                        "pickupUpTo15y", -random.nextInt(10), "pickupOver15y", -random.nextInt(5), "tractorUpTo15y", -random.nextInt(10),
                        "tractorOver15y", -random.nextInt(5), "motorcycleOrBoat", -random.nextInt(2), "lowest", -10 - random.nextInt(20)),
                Map.of("computer", -random.nextInt(4), "airConditioner", -random.nextInt(6), "flatScreenTv", -random.nextInt(3),
                        "washingMachine", -random.nextInt(3), "refrigerator", -random.nextInt(3)));
    }

    private static Map<String, Integer> table(Random random, List<String> answers) {
        Map<String, Integer> t = new java.util.LinkedHashMap<>();
        answers.forEach(a -> t.put(a, random.nextInt(9)));
        return t;
    }

    private static final String[] RELATIONSHIPS = {"FATHER", "MOTHER", "GRANDPARENT", "SIBLING", "RELATIVE", "GUARDIAN", "OTHER"};

    static TestHousehold randomHousehold(Random random, List<String> provinces) {
        int size = 1 + random.nextInt(8);
        List<TestHousehold.Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String relationship = i == 0 || random.nextInt(6) == 0 ? "STUDENT" : RELATIONSHIPS[random.nextInt(RELATIONSHIPS.length)];
            int age = "STUDENT".equals(relationship) ? 3 + random.nextInt(18) : random.nextInt(95);
            TestHousehold.Member m = new TestHousehold.Member(relationship, age, random.nextInt(12) == 0, random.nextInt(10) == 0,
                    random.nextInt(4) == 0, random.nextInt(3) == 0, money(random), money(random), money(random), money(random),
                    money(random));
            members.add(m);
        }
        return new TestHousehold(provinces.get(random.nextInt(provinces.size())), random.nextBoolean(),
                pick(random, "tenure"), pick(random, "floor"), pick(random, "walls"), pick(random, "roof"),
                random.nextInt(40) == 0 ? null : random.nextBoolean(), pick(random, "farmland"), pick(random, "water"),
                pick(random, "electricity"), vehicles(random), appliances(random), members);
    }

    private static BigDecimal money(Random random) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return BigDecimal.ZERO;
        }
        return BigDecimal.valueOf(random.nextInt(kind < 8 ? 400_000 : 2_000_000), 2);
    }

    private static String pick(Random random, String table) {
        List<String> answers = RuleParameters.TABLES.get(table);
        return random.nextInt(60) == 0 ? null : answers.get(random.nextInt(answers.size()));
    }

    private static Integer[] vehicles(Random random) {
        Integer[] v = new Integer[7];
        boolean none = random.nextInt(3) == 0;
        for (int i = 0; i < 7; i++) {
            v[i] = random.nextInt(100) == 0 ? null : none ? 0 : (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
        }
        return v;
    }

    private static Boolean[] appliances(Random random) {
        Boolean[] a = new Boolean[5];
        for (int i = 0; i < 5; i++) {
            a[i] = random.nextInt(100) == 0 ? null : random.nextBoolean();
        }
        return a;
    }
}
