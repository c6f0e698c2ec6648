package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, straightforward Java reading of student-care.md (the SDQ scoring and the five areas), written for the
 * tests only and fed the rule set's numbers: the production evaluation is SQL ({@link CareSql}) and is checked
 * against this.
 */
final class ReferenceCare {

    private ReferenceCare() {
    }

    /** One SDQ form as entered. */
    record Form(SdqForm form, Integer[] items, long order) {
    }

    /** An incident in the term. */
    record Incident(String type, String severity) {
    }

    /** Everything the evaluation reads of a student in a term; null where absent. */
    record Student(BigDecimal gpa, Integer failed, boolean hasGrade, String nutrition, Boolean chronic, boolean hasHealth,
                   Integer schoolDays, Integer daysAbsent, List<Form> forms, List<Incident> incidents, boolean hasVisit,
                   boolean singleParent, boolean noParents, String poverty) {
    }

    /** A scored form: subscales in {@link CareParameters#SUBSCALES} order (null = INCOMPLETE), total, band. */
    record Score(Integer[] subscales, Integer total, String band) {
    }

    static Score score(CareParameters p, SdqForm form, Integer[] items) {
        Integer[] sub = new Integer[5];
        for (int s = 0; s < 5; s++) {
            List<Integer> its = p.sdq().subscales().get(CareParameters.SUBSCALES.get(s));
            int answered = 0;
            int sum = 0;
            for (int item : its) {
                Integer v = items[item - 1];
                if (v != null) {
                    answered++;
                    sum += p.sdq().reverseItems().contains(item) ? 2 - v : v;
                }
            }
            if (5 - answered <= p.sdq().maxMissingPerSubscale()) {
                // mean × 5, half-up: floor((2 × sum × 5 + answered) / (2 × answered))
                sub[s] = (sum * 10 + answered) / (2 * answered);
            }
        }
        Integer total = null;
        if (sub[0] != null && sub[1] != null && sub[2] != null && sub[3] != null) {
            total = sub[0] + sub[1] + sub[2] + sub[3];
        }
        String band;
        if (total == null) {
            band = "INCOMPLETE";
        } else {
            CareParameters.Band b = p.sdq().bands().get(form.name());
            band = total >= b.problemFrom() ? "PROBLEM" : total >= b.atRiskFrom() ? "AT_RISK" : "NORMAL";
        }
        return new Score(sub, total, band);
    }

    /** The expected result: level, each area, the fired rule codes (of each area's level) and the chosen SDQ's band. */
    record Expected(RiskLevel level, Map<CareArea, RiskLevel> areas, List<String> fired, String sdqBand, Integer sdqTotal) {
    }

    static Expected evaluate(CareParameters p, Student s) {
        Map<CareArea, RiskLevel> areas = new EnumMap<>(CareArea.class);
        List<String> fired = new ArrayList<>();
        // LEARNING
        {
            List<String> a = new ArrayList<>();
            List<String> pr = new ArrayList<>();
            if (s.gpa() != null && s.gpa().compareTo(p.learning().atRiskGpaBelow()) < 0) {
                a.add("LEARNING.GPA_AT_RISK");
            }
            if (s.failed() != null && s.failed() >= p.learning().atRiskFailedFrom()) {
                a.add("LEARNING.FAILED_AT_RISK");
            }
            if (s.gpa() != null && s.gpa().compareTo(p.learning().problemGpaBelow()) < 0) {
                pr.add("LEARNING.GPA_PROBLEM");
            }
            if (s.failed() != null && s.failed() >= p.learning().problemFailedFrom()) {
                pr.add("LEARNING.FAILED_PROBLEM");
            }
            areas.put(CareArea.LEARNING, level(s.hasGrade(), a, pr, fired));
        }
        // HEALTH
        {
            List<String> a = new ArrayList<>();
            List<String> pr = new ArrayList<>();
            if (s.nutrition() != null && p.health().atRiskNutrition().contains(s.nutrition())) {
                a.add("HEALTH.NUTRITION");
            }
            if (Boolean.TRUE.equals(s.chronic()) && p.health().atRiskChronicIllness()) {
                a.add("HEALTH.CHRONIC_ILLNESS");
            }
            if (Boolean.TRUE.equals(s.chronic()) && s.schoolDays() != null) {
                BigDecimal rate = BigDecimal.valueOf(s.schoolDays() - s.daysAbsent()).multiply(BigDecimal.valueOf(100));
                if (rate.compareTo(p.health().problemChronicAttendanceBelowPercent().multiply(BigDecimal.valueOf(s.schoolDays()))) < 0) {
                    pr.add("HEALTH.CHRONIC_LOW_ATTENDANCE");
                }
            }
            areas.put(CareArea.HEALTH, level(s.hasHealth(), a, pr, fired));
        }
        // SDQ: the worst band among complete forms, the latest on a tie; an incomplete total is missing
        Score chosen = null;
        long chosenOrder = -1;
        for (Form f : s.forms()) {
            Score sc = score(p, f.form(), f.items());
            if (sc.total() == null) {
                if (chosen == null || (chosen.total() == null && f.order() > chosenOrder)) {
                    chosen = sc;
                    chosenOrder = f.order();
                }
                continue;
            }
            if (chosen == null || chosen.total() == null || rank(sc.band()) > rank(chosen.band())
                    || (rank(sc.band()) == rank(chosen.band()) && f.order() > chosenOrder)) {
                chosen = sc;
                chosenOrder = f.order();
            }
        }
        String band = chosen == null ? null : chosen.band();
        // EMOTIONAL_BEHAVIOUR and PROTECTION from the term's incidents
        int ebConcern = 0;
        int ebSerious = 0;
        int prConcern = 0;
        int prSerious = 0;
        for (Incident i : s.incidents()) {
            if (p.emotionalBehaviour().incidentTypes().contains(i.type())) {
                if (i.severity().equals("CONCERN")) {
                    ebConcern++;
                } else {
                    ebSerious++;
                }
            }
            if (p.protection().incidentTypes().contains(i.type())) {
                if (i.severity().equals("CONCERN")) {
                    prConcern++;
                } else {
                    prSerious++;
                }
            }
        }
        {
            List<String> a = new ArrayList<>();
            List<String> pr = new ArrayList<>();
            if ("AT_RISK".equals(band)) {
                a.add("EMOTIONAL_BEHAVIOUR.SDQ_AT_RISK");
            }
            if (ebConcern >= p.emotionalBehaviour().atRiskConcernFrom()) {
                a.add("EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK");
            }
            if ("PROBLEM".equals(band)) {
                pr.add("EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM");
            }
            if (ebSerious >= p.emotionalBehaviour().problemSeriousFrom()) {
                pr.add("EMOTIONAL_BEHAVIOUR.SERIOUS");
            }
            if (ebConcern >= p.emotionalBehaviour().problemConcernFrom()) {
                pr.add("EMOTIONAL_BEHAVIOUR.CONCERN_PROBLEM");
            }
            boolean known = (chosen != null && chosen.total() != null) || ebConcern + ebSerious > 0;
            areas.put(CareArea.EMOTIONAL_BEHAVIOUR, level(known, a, pr, fired));
        }
        {
            List<String> a = new ArrayList<>();
            List<String> pr = new ArrayList<>();
            if (s.hasVisit()) {
                if (s.poverty() != null && p.familyEconomy().atRiskPoverty().contains(s.poverty())) {
                    a.add("FAMILY_ECONOMY.POVERTY_AT_RISK");
                }
                if (s.singleParent() && p.familyEconomy().atRiskSingleParent()) {
                    a.add("FAMILY_ECONOMY.SINGLE_PARENT");
                }
                if (s.noParents() && p.familyEconomy().atRiskNoParents()) {
                    a.add("FAMILY_ECONOMY.NO_PARENTS");
                }
                if (s.poverty() != null && p.familyEconomy().problemPoverty().contains(s.poverty())) {
                    pr.add("FAMILY_ECONOMY.POVERTY_PROBLEM");
                }
            }
            areas.put(CareArea.FAMILY_ECONOMY, level(s.hasVisit(), a, pr, fired));
        }
        {
            List<String> a = new ArrayList<>();
            List<String> pr = new ArrayList<>();
            if (prConcern >= p.protection().atRiskConcernFrom()) {
                a.add("PROTECTION.CONCERN_AT_RISK");
            }
            if (prSerious >= p.protection().problemSeriousFrom()) {
                pr.add("PROTECTION.SERIOUS");
            }
            if (prConcern >= p.protection().problemConcernFrom()) {
                pr.add("PROTECTION.CONCERN_PROBLEM");
            }
            areas.put(CareArea.PROTECTION, level(true, a, pr, fired));
        }
        RiskLevel level = RiskLevel.UNKNOWN;
        for (RiskLevel l : areas.values()) {
            if (l != RiskLevel.UNKNOWN && l.ordinal() > level.ordinal()) {
                level = l;
            }
        }
        return new Expected(level, areas, fired, band, chosen == null ? null : chosen.total());
    }

    private static int rank(String band) {
        return switch (band) {
            case "PROBLEM" -> 3;
            case "AT_RISK" -> 2;
            case "NORMAL" -> 1;
            default -> 0;
        };
    }

    private static RiskLevel level(boolean known, List<String> atRisk, List<String> problem, List<String> fired) {
        if (!known) {
            return RiskLevel.UNKNOWN;
        }
        if (!problem.isEmpty()) {
            fired.addAll(problem);
            return RiskLevel.PROBLEM;
        }
        if (!atRisk.isEmpty()) {
            fired.addAll(atRisk);
            return RiskLevel.AT_RISK;
        }
        return RiskLevel.NORMAL;
    }
}
