package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Thousands of random students, each evaluated by the production SQL and by {@link ReferenceCare}, under the default
 * rule set and under random rule sets: every level, area, fired rule and SDQ band must agree. (jqwik resolves from Maven
 * Central, but its 1.x releases run on JUnit Platform 1 and this build is on JUnit 6, so the cases come from a seeded
 * generator; the seed is in the failure message.)
 */
@IntegrationTest
class CarePropertyTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    @Autowired
    RiskEvaluation evaluation;

    @Test
    void theSqlAgreesWithTheReferenceUnderTheDefaultRuleSet() {
        long seed = System.nanoTime();
        compare(seed, CareFixtures.defaults(sets), 1500);
    }

    @Test
    void theSqlAgreesWithTheReferenceUnderRandomRuleSets() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 3; i++) {
            compare(seed + i, randomParameters(random), 400);
        }
    }

    private void compare(long seed, CareParameters p, int students) {
        Random random = new Random(seed);
        String term = CareFixtures.term();
        CareRuleSet set = CareFixtures.publish(jdbc, json, sets, term, p);
        Map<Long, ReferenceCare.Student> inputs = new LinkedHashMap<>();
        for (int i = 0; i < students; i++) {
            long child = CareFixtures.child(jdbc);
            inputs.put(child, write(random, child, term));
        }
        Map<Long, RiskResult> results = evaluation.evaluatedAll(set, inputs.keySet(), term);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<Long, ReferenceCare.Student> e : inputs.entrySet()) {
            ReferenceCare.Expected x = ReferenceCare.evaluate(p, e.getValue());
            RiskResult r = results.get(e.getKey());
            if (r.level() != x.level() || !r.areas().equals(x.areas()) || !r.fired().equals(x.fired())
                    || !java.util.Objects.equals(r.inputs().sdqBand(), x.sdqBand()) || !java.util.Objects.equals(r.inputs().sdqTotal(), x.sdqTotal())) {
                wrong.add("child " + e.getKey() + " " + e.getValue() + ": SQL " + r.level() + r.areas() + r.fired() + " " + r.inputs().sdqTotal() + "/"
                        + r.inputs().sdqBand() + " reference " + x);
            }
        }
        assertThat(wrong).as("seed " + seed + ", " + wrong.size() + " of " + students + " disagree").isEmpty();
    }

    private ReferenceCare.Student write(Random r, long child, String term) {
        boolean hasGrade = r.nextInt(4) > 0;
        BigDecimal gpa = null;
        Integer failed = null;
        if (hasGrade) {
            int kind = r.nextInt(5);
            gpa = kind == 0 ? null : BigDecimal.valueOf(r.nextInt(401), 2);
            failed = kind == 1 ? null : r.nextInt(4);
            if (gpa == null && failed == null) {
                failed = 0;
            }
            CareFixtures.grade(jdbc, child, term, gpa == null ? null : gpa.toPlainString(), failed);
        }
        boolean hasHealth = r.nextInt(4) > 0;
        String nutrition = null;
        Boolean chronic = null;
        if (hasHealth) {
            nutrition = r.nextInt(5) == 0 ? null : CareParameters.NUTRITION.get(r.nextInt(4));
            chronic = r.nextInt(4) == 0 ? null : r.nextInt(3) == 0;
            if (nutrition == null && chronic == null) {
                chronic = true;
            }
            CareFixtures.health(jdbc, child, term, nutrition, chronic);
        }
        Integer schoolDays = null;
        Integer absent = null;
        if (r.nextInt(3) > 0) {
            schoolDays = 1 + r.nextInt(120);
            absent = r.nextInt(schoolDays + 1);
            CareFixtures.attendance(jdbc, child, term, schoolDays, absent);
        }
        List<ReferenceCare.Form> forms = new ArrayList<>();
        for (SdqForm f : SdqForm.values()) {
            if (r.nextInt(3) == 0) {
                Integer[] items = new Integer[25];
                for (int i = 0; i < 25; i++) {
                    items[i] = r.nextInt(12) == 0 ? null : r.nextInt(3);
                }
                long order = r.nextInt(1000);
                CareFixtures.sdq(jdbc, child, term, f, items, order);
                forms.add(new ReferenceCare.Form(f, items, order));
            }
        }
        List<ReferenceCare.Incident> incidents = new ArrayList<>();
        int n = r.nextInt(3) == 0 ? r.nextInt(5) : 0;
        for (int i = 0; i < n; i++) {
            String type = CareParameters.INCIDENT_TYPES.get(r.nextInt(CareParameters.INCIDENT_TYPES.size()));
            String severity = r.nextInt(4) == 0 ? "SERIOUS" : "CONCERN";
            CareFixtures.incident(jdbc, child, term, type, severity);
            incidents.add(new ReferenceCare.Incident(type, severity));
        }
        boolean hasVisit = r.nextInt(3) == 0;
        boolean single = false;
        boolean father = false;
        boolean mother = false;
        String poverty = null;
        if (hasVisit) {
            single = r.nextBoolean();
            father = r.nextBoolean();
            mother = r.nextBoolean();
            poverty = List.of("NOT_POOR", "POOR", "EXTREMELY_POOR", "INCOMPLETE", "NONE").get(r.nextInt(5));
            poverty = poverty.equals("NONE") ? null : poverty;
            CareFixtures.visit(jdbc, child, term, single, father, mother, poverty);
        }
        // same-moment forms would tie in the reference and the SQL differently: orders are unique per child
        long distinct = forms.stream().map(ReferenceCare.Form::order).distinct().count();
        if (distinct < forms.size()) {
            List<ReferenceCare.Form> renumbered = new ArrayList<>();
            jdbc.update("DELETE FROM care_sdq WHERE child_id = ?", child);
            for (int i = 0; i < forms.size(); i++) {
                ReferenceCare.Form f = forms.get(i);
                CareFixtures.sdq(jdbc, child, term, f.form(), f.items(), i);
                renumbered.add(new ReferenceCare.Form(f.form(), f.items(), i));
            }
            forms = renumbered;
        }
        return new ReferenceCare.Student(gpa, failed, hasGrade, nutrition, chronic, hasHealth, schoolDays, absent, forms, incidents, hasVisit,
                single, !father && !mother, poverty);
    }

    private static CareParameters randomParameters(Random r) {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, r);
        Map<String, List<Integer>> subscales = new LinkedHashMap<>();
        for (int s = 0; s < 5; s++) {
            subscales.put(CareParameters.SUBSCALES.get(s), List.copyOf(all.subList(s * 5, s * 5 + 5)));
        }
        java.util.Collections.shuffle(all, r);
        List<Integer> reverse = List.copyOf(all.subList(0, r.nextInt(8)));
        Map<String, CareParameters.Band> bands = new LinkedHashMap<>();
        for (SdqForm f : SdqForm.values()) {
            int a = r.nextInt(30);
            bands.put(f.name(), new CareParameters.Band(a, a + r.nextInt(10)));
        }
        BigDecimal atRiskGpa = BigDecimal.valueOf(100 + r.nextInt(250), 2);
        List<String> shuffledTypes = new ArrayList<>(CareParameters.INCIDENT_TYPES);
        java.util.Collections.shuffle(shuffledTypes, r);
        List<String> nutrition = CareParameters.NUTRITION.stream().filter(x -> r.nextBoolean()).toList();
        return new CareParameters(
                new CareParameters.Sdq(reverse, subscales, r.nextInt(5), bands),
                new CareParameters.Learning(atRiskGpa, atRiskGpa.subtract(BigDecimal.valueOf(r.nextInt(100), 2)), 1 + r.nextInt(2), 1 + r.nextInt(3)),
                new CareParameters.Health(nutrition, r.nextBoolean(), BigDecimal.valueOf(5000 + r.nextInt(4500), 2)),
                new CareParameters.Incidents(List.copyOf(shuffledTypes.subList(0, 4)), 1 + r.nextInt(2), 1 + r.nextInt(4), 1 + r.nextInt(2)),
                new CareParameters.FamilyEconomy(r.nextBoolean() ? List.of("POOR") : List.of(), List.of("EXTREMELY_POOR"), r.nextBoolean(),
                        r.nextBoolean()),
                new CareParameters.Incidents(List.copyOf(shuffledTypes.subList(4, 7)), 1 + r.nextInt(2), 1 + r.nextInt(3), 1 + r.nextInt(2)));
    }
}
