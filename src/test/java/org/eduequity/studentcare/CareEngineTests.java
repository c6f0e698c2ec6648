package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The risk screening's SQL on real PostgreSQL under the default care rule set: each row of student-care.md's table,
 * both sides of every threshold, the UNKNOWN rules and the student's level. Every case is a student of its own, all
 * evaluated in one statement.
 */
@IntegrationTest
class CareEngineTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    @Autowired
    RiskEvaluation evaluation;

    /** A case: what is recorded for the student, the area looked at, its expected level and the rules that decided it. */
    record Case(String name, BiConsumer<Long, String> setup, CareArea area, RiskLevel level, List<String> fired) {
    }

    private Case c(String name, BiConsumer<Long, String> setup, CareArea area, RiskLevel level, String... fired) {
        return new Case(name, setup, area, level, List.of(fired));
    }

    private void check(List<Case> cases) {
        String term = CareFixtures.term();
        CareRuleSet set = CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        List<Long> children = new ArrayList<>();
        for (Case k : cases) {
            long child = CareFixtures.child(jdbc);
            k.setup().accept(child, term);
            children.add(child);
        }
        Map<Long, RiskResult> results = evaluation.evaluatedAll(set, children, term);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            RiskResult r = results.get(children.get(i));
            if (r.areas().get(k.area()) != k.level() || !r.firedIn(k.area()).equals(k.fired())) {
                wrong.add(k.name() + ": expected " + k.area() + " " + k.level() + " " + k.fired() + " but got " + r.areas().get(k.area()) + " "
                        + r.firedIn(k.area()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static Integer[] items(Integer... values) {
        return values;
    }

    /** 25 item scores: every item 0 except as set by pairs (item, score). */
    static Integer[] sdqWith(int... itemScore) {
        Integer[] items = new Integer[25];
        Arrays.fill(items, 0);
        // reverse-scored items at 2 score 0, so a form of zeros with them at 2 totals 0
        for (int r : new int[] {7, 11, 14, 21, 25}) {
            items[r - 1] = 2;
        }
        for (int i = 0; i < itemScore.length; i += 2) {
            items[itemScore[i] - 1] = itemScore[i + 1];
        }
        return items;
    }

    /** A SELF form whose total difficulties is exactly {@code total} (0–40), items answered in full. */
    static Integer[] sdqTotal(int total) {
        Integer[] items = sdqWith();
        int[] difficulty = {3, 8, 13, 16, 24, 5, 12, 18, 22, 2, 10, 15, 6, 19, 23, 7, 11, 14, 21, 25};
        int left = total;
        for (int item : difficulty) {
            int add = Math.min(2, left);
            boolean reverse = item == 7 || item == 11 || item == 14 || item == 21 || item == 25;
            items[item - 1] = reverse ? 2 - add : add;
            left -= add;
        }
        return items;
    }

    @Test
    void learning() {
        check(List.of(
                c("no grades", (ch, t) -> { }, CareArea.LEARNING, RiskLevel.UNKNOWN),
                c("GPA 2.00, none failed", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "2.00", 0), CareArea.LEARNING, RiskLevel.NORMAL),
                c("GPA 1.99", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.99", 0), CareArea.LEARNING, RiskLevel.AT_RISK,
                        "LEARNING.GPA_AT_RISK"),
                c("GPA 1.50", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.50", 0), CareArea.LEARNING, RiskLevel.AT_RISK,
                        "LEARNING.GPA_AT_RISK"),
                c("GPA 1.49", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.49", 0), CareArea.LEARNING, RiskLevel.PROBLEM,
                        "LEARNING.GPA_PROBLEM"),
                c("exactly 1 failed", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "3.00", 1), CareArea.LEARNING, RiskLevel.AT_RISK,
                        "LEARNING.FAILED_AT_RISK"),
                c("2 failed", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "3.00", 2), CareArea.LEARNING, RiskLevel.PROBLEM,
                        "LEARNING.FAILED_PROBLEM"),
                c("GPA 1.20 and 3 failed", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.20", 3), CareArea.LEARNING, RiskLevel.PROBLEM,
                        "LEARNING.GPA_PROBLEM", "LEARNING.FAILED_PROBLEM"),
                c("GPA 1.80 and 1 failed", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.80", 1), CareArea.LEARNING, RiskLevel.AT_RISK,
                        "LEARNING.GPA_AT_RISK", "LEARNING.FAILED_AT_RISK"),
                c("GPA missing, none failed: the GPA rules do not fire", (ch, t) -> CareFixtures.grade(jdbc, ch, t, null, 0),
                        CareArea.LEARNING, RiskLevel.NORMAL),
                c("GPA 1.00, failed missing", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "1.00", null), CareArea.LEARNING, RiskLevel.PROBLEM,
                        "LEARNING.GPA_PROBLEM"),
                c("GPA 0.00", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "0.00", 0), CareArea.LEARNING, RiskLevel.PROBLEM,
                        "LEARNING.GPA_PROBLEM"),
                c("GPA 4.00", (ch, t) -> CareFixtures.grade(jdbc, ch, t, "4.00", 0), CareArea.LEARNING, RiskLevel.NORMAL)));
    }

    @Test
    void health() {
        check(List.of(
                c("no health record", (ch, t) -> { }, CareArea.HEALTH, RiskLevel.UNKNOWN),
                c("attendance only: still no health record", (ch, t) -> CareFixtures.attendance(jdbc, ch, t, 100, 50), CareArea.HEALTH,
                        RiskLevel.UNKNOWN),
                c("normal, no illness", (ch, t) -> CareFixtures.health(jdbc, ch, t, "NORMAL", false), CareArea.HEALTH, RiskLevel.NORMAL),
                c("underweight", (ch, t) -> CareFixtures.health(jdbc, ch, t, "UNDERWEIGHT", false), CareArea.HEALTH, RiskLevel.AT_RISK,
                        "HEALTH.NUTRITION"),
                c("overweight", (ch, t) -> CareFixtures.health(jdbc, ch, t, "OVERWEIGHT", false), CareArea.HEALTH, RiskLevel.AT_RISK,
                        "HEALTH.NUTRITION"),
                c("stunted", (ch, t) -> CareFixtures.health(jdbc, ch, t, "STUNTED", null), CareArea.HEALTH, RiskLevel.AT_RISK,
                        "HEALTH.NUTRITION"),
                c("chronic illness, no attendance", (ch, t) -> CareFixtures.health(jdbc, ch, t, "NORMAL", true), CareArea.HEALTH,
                        RiskLevel.AT_RISK, "HEALTH.CHRONIC_ILLNESS"),
                c("chronic illness, attendance exactly 80 %", (ch, t) -> {
                    CareFixtures.health(jdbc, ch, t, "NORMAL", true);
                    CareFixtures.attendance(jdbc, ch, t, 100, 20);
                }, CareArea.HEALTH, RiskLevel.AT_RISK, "HEALTH.CHRONIC_ILLNESS"),
                c("chronic illness, attendance 79.5 %", (ch, t) -> {
                    CareFixtures.health(jdbc, ch, t, null, true);
                    CareFixtures.attendance(jdbc, ch, t, 200, 41);
                }, CareArea.HEALTH, RiskLevel.PROBLEM, "HEALTH.CHRONIC_LOW_ATTENDANCE"),
                c("no illness, attendance 50 %", (ch, t) -> {
                    CareFixtures.health(jdbc, ch, t, "NORMAL", false);
                    CareFixtures.attendance(jdbc, ch, t, 100, 50);
                }, CareArea.HEALTH, RiskLevel.NORMAL),
                c("illness unknown, attendance 50 %", (ch, t) -> {
                    CareFixtures.health(jdbc, ch, t, "NORMAL", null);
                    CareFixtures.attendance(jdbc, ch, t, 100, 50);
                }, CareArea.HEALTH, RiskLevel.NORMAL)));
    }

    @Test
    void emotionalAndBehaviour() {
        check(List.of(
                c("no SDQ, no incident", (ch, t) -> { }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.UNKNOWN),
                c("a protection incident only", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "ABUSE", "SERIOUS"),
                        CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.UNKNOWN),
                c("INCOMPLETE SDQ counts as missing", (ch, t) -> {
                    Integer[] f = sdqTotal(30);
                    f[2] = null;
                    f[7] = null;
                    f[12] = null;
                    CareFixtures.sdq(jdbc, ch, t, SdqForm.SELF, f, 1);
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.UNKNOWN),
                c("SELF total 15", (ch, t) -> CareFixtures.sdq(jdbc, ch, t, SdqForm.SELF, sdqTotal(15), 1), CareArea.EMOTIONAL_BEHAVIOUR,
                        RiskLevel.NORMAL),
                c("SELF total 16", (ch, t) -> CareFixtures.sdq(jdbc, ch, t, SdqForm.SELF, sdqTotal(16), 1), CareArea.EMOTIONAL_BEHAVIOUR,
                        RiskLevel.AT_RISK, "EMOTIONAL_BEHAVIOUR.SDQ_AT_RISK"),
                c("SELF total 20", (ch, t) -> CareFixtures.sdq(jdbc, ch, t, SdqForm.SELF, sdqTotal(20), 1), CareArea.EMOTIONAL_BEHAVIOUR,
                        RiskLevel.PROBLEM, "EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM"),
                c("1 CONCERN", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "GAMING", "CONCERN"), CareArea.EMOTIONAL_BEHAVIOUR,
                        RiskLevel.AT_RISK, "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK"),
                c("2 CONCERN", (ch, t) -> {
                    CareFixtures.incident(jdbc, ch, t, "TRUANCY", "CONCERN");
                    CareFixtures.incident(jdbc, ch, t, "OTHER", "CONCERN");
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.AT_RISK, "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK"),
                c("3 CONCERN", (ch, t) -> {
                    CareFixtures.incident(jdbc, ch, t, "SUBSTANCE", "CONCERN");
                    CareFixtures.incident(jdbc, ch, t, "VIOLENCE", "CONCERN");
                    CareFixtures.incident(jdbc, ch, t, "SEXUAL_RISK", "CONCERN");
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.PROBLEM, "EMOTIONAL_BEHAVIOUR.CONCERN_PROBLEM"),
                c("1 SERIOUS", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "VIOLENCE", "SERIOUS"), CareArea.EMOTIONAL_BEHAVIOUR,
                        RiskLevel.PROBLEM, "EMOTIONAL_BEHAVIOUR.SERIOUS"),
                c("an incident of the previous term does not count", (ch, t) -> {
                    CareFixtures.incident(jdbc, ch, org.eduequity.shared.Term.parse(t).previous().toString(), "VIOLENCE", "SERIOUS");
                    CareFixtures.sdq(jdbc, ch, t, SdqForm.SELF, sdqTotal(3), 1);
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.NORMAL),
                c("SDQ NORMAL and 1 CONCERN", (ch, t) -> {
                    CareFixtures.sdq(jdbc, ch, t, SdqForm.TEACHER, sdqTotal(11), 1);
                    CareFixtures.incident(jdbc, ch, t, "GAMING", "CONCERN");
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.AT_RISK, "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK"),
                c("the worst complete form counts", (ch, t) -> {
                    CareFixtures.sdq(jdbc, ch, t, SdqForm.TEACHER, sdqTotal(16), 1);
                    CareFixtures.sdq(jdbc, ch, t, SdqForm.PARENT, sdqTotal(10), 2);
                }, CareArea.EMOTIONAL_BEHAVIOUR, RiskLevel.PROBLEM, "EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM")));
    }

    @Test
    void familyAndEconomy() {
        check(List.of(
                c("no home visit", (ch, t) -> { }, CareArea.FAMILY_ECONOMY, RiskLevel.UNKNOWN),
                c("visit, both parents, not poor", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, true, true, "NOT_POOR"),
                        CareArea.FAMILY_ECONOMY, RiskLevel.NORMAL),
                c("visit, no poverty result yet", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, true, true, null),
                        CareArea.FAMILY_ECONOMY, RiskLevel.NORMAL),
                c("visit, poverty INCOMPLETE", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, true, true, "INCOMPLETE"),
                        CareArea.FAMILY_ECONOMY, RiskLevel.NORMAL),
                c("POOR", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, true, true, "POOR"), CareArea.FAMILY_ECONOMY, RiskLevel.AT_RISK,
                        "FAMILY_ECONOMY.POVERTY_AT_RISK"),
                c("single parent", (ch, t) -> CareFixtures.visit(jdbc, ch, t, true, false, true, "NOT_POOR"), CareArea.FAMILY_ECONOMY,
                        RiskLevel.AT_RISK, "FAMILY_ECONOMY.SINGLE_PARENT"),
                c("only a father", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, true, false, "NOT_POOR"), CareArea.FAMILY_ECONOMY,
                        RiskLevel.NORMAL),
                c("no father and no mother", (ch, t) -> CareFixtures.visit(jdbc, ch, t, false, false, false, "NOT_POOR"),
                        CareArea.FAMILY_ECONOMY, RiskLevel.AT_RISK, "FAMILY_ECONOMY.NO_PARENTS"),
                c("EXTREMELY_POOR", (ch, t) -> CareFixtures.visit(jdbc, ch, t, true, false, false, "EXTREMELY_POOR"),
                        CareArea.FAMILY_ECONOMY, RiskLevel.PROBLEM, "FAMILY_ECONOMY.POVERTY_PROBLEM")));
    }

    @Test
    void protection() {
        check(List.of(
                c("no incident is a fact: NORMAL", (ch, t) -> { }, CareArea.PROTECTION, RiskLevel.NORMAL),
                c("behaviour incidents do not count", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "VIOLENCE", "SERIOUS"),
                        CareArea.PROTECTION, RiskLevel.NORMAL),
                c("1 CONCERN", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "NEGLECT", "CONCERN"), CareArea.PROTECTION, RiskLevel.AT_RISK,
                        "PROTECTION.CONCERN_AT_RISK"),
                c("2 CONCERN", (ch, t) -> {
                    CareFixtures.incident(jdbc, ch, t, "NEGLECT", "CONCERN");
                    CareFixtures.incident(jdbc, ch, t, "CHILD_LABOUR", "CONCERN");
                }, CareArea.PROTECTION, RiskLevel.PROBLEM, "PROTECTION.CONCERN_PROBLEM"),
                c("1 SERIOUS", (ch, t) -> CareFixtures.incident(jdbc, ch, t, "ABUSE", "SERIOUS"), CareArea.PROTECTION, RiskLevel.PROBLEM,
                        "PROTECTION.SERIOUS")));
    }

    @Test
    void theLevelIsTheWorstKnownArea() {
        String term = CareFixtures.term();
        CareRuleSet set = CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long nothing = CareFixtures.child(jdbc);
        long atRisk = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, atRisk, term, "1.90", 0);
        long problem = CareFixtures.child(jdbc);
        CareFixtures.grade(jdbc, problem, term, "3.50", 0);
        CareFixtures.incident(jdbc, problem, term, "ABUSE", "SERIOUS");
        Map<Long, RiskResult> r = evaluation.evaluatedAll(set, List.of(nothing, atRisk, problem), term);
        // PROTECTION is always known (no incident is a fact), so a student without any record is NORMAL, with the four
        // other areas listed UNKNOWN
        assertThat(r.get(nothing).level()).isEqualTo(RiskLevel.NORMAL);
        assertThat(r.get(nothing).unknownAreas()).containsExactly(CareArea.LEARNING, CareArea.HEALTH, CareArea.EMOTIONAL_BEHAVIOUR,
                CareArea.FAMILY_ECONOMY);
        assertThat(r.get(atRisk).level()).isEqualTo(RiskLevel.AT_RISK);
        assertThat(r.get(problem).level()).isEqualTo(RiskLevel.PROBLEM);
        assertThat(r.get(problem).fired()).containsExactly("PROTECTION.SERIOUS");
    }

    @Test
    void theLevelIsUnknownOnlyWhenEveryAreaIs() {
        // a rule set cannot make PROTECTION unknown, so the level's UNKNOWN is checked through the reference's rule and
        // the SQL's CASE on a student whose areas are all unknown but PROTECTION: NORMAL (not UNKNOWN)
        String term = CareFixtures.term();
        CareRuleSet set = CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        long child = CareFixtures.child(jdbc);
        RiskResult r = evaluation.evaluatedAll(set, List.of(child), term).get(child);
        assertThat(r.level()).isNotEqualTo(RiskLevel.UNKNOWN).isEqualTo(RiskLevel.NORMAL);
        assertThat(r.areas().get(CareArea.PROTECTION)).isEqualTo(RiskLevel.NORMAL);
    }
}
