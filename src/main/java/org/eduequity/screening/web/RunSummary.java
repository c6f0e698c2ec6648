package org.eduequity.screening.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eduequity.screening.ScreeningRun;

/**
 * What a run's counts say, for its page: students and households per class before and after (or under the compared
 * and the draft rule set), the matrix of moves, per-province counts, and the budget at the run's amount per child.
 */
record RunSummary(Map<String, Integer> studentsBefore, Map<String, Integer> studentsAfter, Map<String, Integer> householdsBefore,
                  Map<String, Integer> householdsAfter, Map<String, Map<String, Integer>> moves,
                  Map<String, Map<String, Integer>> byProvince, int students, int households, BigDecimal budgetBefore,
                  BigDecimal budgetAfter) {

    /** The "before" classes of a re-screening run: NONE is a visit that had no result yet. */
    static final List<String> FROM_CLASSES = List.of("NONE", "INCOMPLETE", "NOT_POOR", "POOR", "EXTREMELY_POOR");

    static RunSummary of(ScreeningRun run) {
        Map<String, Integer> studentsBefore = zero(FROM_CLASSES);
        Map<String, Integer> studentsAfter = zero(FROM_CLASSES);
        Map<String, Integer> householdsBefore = zero(FROM_CLASSES);
        Map<String, Integer> householdsAfter = zero(FROM_CLASSES);
        Map<String, Map<String, Integer>> moves = new LinkedHashMap<>();
        FROM_CLASSES.forEach(c -> moves.put(c, zero(FROM_CLASSES)));
        Map<String, Map<String, Integer>> byProvince = new TreeMap<>();
        int students = 0;
        int households = 0;
        for (ScreeningRun.Count c : run.counts()) {
            studentsBefore.merge(c.fromClass(), c.students(), Integer::sum);
            studentsAfter.merge(c.toClass(), c.students(), Integer::sum);
            householdsBefore.merge(c.fromClass(), c.households(), Integer::sum);
            householdsAfter.merge(c.toClass(), c.households(), Integer::sum);
            moves.get(c.fromClass()).merge(c.toClass(), c.students(), Integer::sum);
            byProvince.computeIfAbsent(c.provinceCode(), p -> zero(FROM_CLASSES)).merge(c.toClass(), c.students(), Integer::sum);
            students += c.students();
            households += c.households();
        }
        BigDecimal amount = run.amountPerChild() == null ? BigDecimal.ZERO : run.amountPerChild();
        int fundedBefore = run.fundedClasses().stream().mapToInt(c -> studentsBefore.getOrDefault(c, 0)).sum();
        int fundedAfter = run.fundedClasses().stream().mapToInt(c -> studentsAfter.getOrDefault(c, 0)).sum();
        return new RunSummary(studentsBefore, studentsAfter, householdsBefore, householdsAfter, moves, byProvince, students, households,
                amount.multiply(BigDecimal.valueOf(fundedBefore)), amount.multiply(BigDecimal.valueOf(fundedAfter)));
    }

    private static Map<String, Integer> zero(List<String> classes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        classes.forEach(c -> m.put(c, 0));
        return m;
    }

}
