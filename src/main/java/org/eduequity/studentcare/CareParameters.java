package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every number of a care rule set (student-care.md), as stored in {@code care_rule_set.parameters}: the SDQ scoring
 * (reverse-scored items, subscales, how many items a subscale may miss, bands of the total per form) and the
 * thresholds of the five areas. {@link #problems()} checks that everything is present and in range, so the SQL built
 * from a valid set only ever holds integers, decimals and names from fixed lists.
 */
public record CareParameters(Sdq sdq, Learning learning, Health health, Incidents emotionalBehaviour, FamilyEconomy familyEconomy,
                             Incidents protection, EarlyWarning earlyWarning) {

    /** A set without an early-warning block (as every set published before it existed): its warnings use the defaults. */
    public CareParameters(Sdq sdq, Learning learning, Health health, Incidents emotionalBehaviour, FamilyEconomy familyEconomy,
                          Incidents protection) {
        this(sdq, learning, health, emotionalBehaviour, familyEconomy, protection, null);
    }

    /**
     * The early-warning thresholds (student-care.md "Early warning", ADR 0009): attendance below these percentages is a
     * WATCH / an ALERT, a streak of this many school days absent an ALERT, NOT_RE_ENROLLED says "transition" at these
     * grades, and these poverty classes raise a WATCH to an ALERT.
     */
    public record EarlyWarning(BigDecimal attendanceWatchBelowPercent, BigDecimal attendanceAlertBelowPercent, Integer absenceStreakFrom,
                               List<String> transitionGrades, List<String> raisingPoverty) {
        /** The defaults of student-care.md, used by every set that has no early-warning block. */
        public static final EarlyWarning DEFAULTS = new EarlyWarning(new BigDecimal("90"), new BigDecimal("80"), 5, List.of("P6", "M3"),
                List.of("EXTREMELY_POOR"));
    }

    /** The grades a roster may name (survey GradeLevel's codes). */
    public static final List<String> GRADES = List.of("ECE", "K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "M1", "M2", "M3", "M4",
            "M5", "M6", "NFE");

    /** The early-warning thresholds: this set's block, or the defaults when it has none. */
    public EarlyWarning warnings() {
        return earlyWarning == null ? EarlyWarning.DEFAULTS : earlyWarning;
    }

    /** SDQ scoring. Subscales by name (EMOTIONAL, CONDUCT, HYPERACTIVITY, PEER, PROSOCIAL), items numbered 1–25. */
    public record Sdq(List<Integer> reverseItems, Map<String, List<Integer>> subscales, Integer maxMissingPerSubscale,
                      Map<String, Band> bands) {
    }

    /** The total's bands of one form: NORMAL below {@code atRiskFrom}, PROBLEM from {@code problemFrom}. */
    public record Band(Integer atRiskFrom, Integer problemFrom) {
    }

    /** LEARNING: GPA below / failed subjects from, for AT_RISK and PROBLEM. */
    public record Learning(BigDecimal atRiskGpaBelow, BigDecimal problemGpaBelow, Integer atRiskFailedFrom, Integer problemFailedFrom) {
    }

    /** HEALTH: the nutrition statuses that are AT_RISK, whether chronic illness is, and the attendance of the PROBLEM rule. */
    public record Health(List<String> atRiskNutrition, Boolean atRiskChronicIllness, BigDecimal problemChronicAttendanceBelowPercent) {
    }

    /** An area screened on incidents of some types in the term (EMOTIONAL_BEHAVIOUR, PROTECTION). */
    public record Incidents(List<String> incidentTypes, Integer atRiskConcernFrom, Integer problemConcernFrom, Integer problemSeriousFrom) {
    }

    /** FAMILY_ECONOMY: the poverty classes of each level and the household rules. */
    public record FamilyEconomy(List<String> atRiskPoverty, List<String> problemPoverty, Boolean atRiskSingleParent, Boolean atRiskNoParents) {
    }

    public static final List<String> SUBSCALES = List.of("EMOTIONAL", "CONDUCT", "HYPERACTIVITY", "PEER", "PROSOCIAL");
    /** The subscales whose sum is the total difficulties score. */
    public static final List<String> DIFFICULTIES = List.of("EMOTIONAL", "CONDUCT", "HYPERACTIVITY", "PEER");
    public static final List<String> NUTRITION = List.of("NORMAL", "UNDERWEIGHT", "OVERWEIGHT", "STUNTED");
    public static final List<String> INCIDENT_TYPES = List.of("ABUSE", "NEGLECT", "CHILD_LABOUR", "SUBSTANCE", "VIOLENCE", "SEXUAL_RISK",
            "GAMING", "TRUANCY", "OTHER");
    public static final List<String> POVERTY = List.of("NOT_POOR", "POOR", "EXTREMELY_POOR");
    public static final int ITEMS = 25;

    /** Everything wrong with these numbers; empty when the set can be published. */
    public List<CareProblem> problems() {
        List<CareProblem> p = new ArrayList<>();
        if (sdq == null) {
            p.add(CareProblem.of("sdq", "careRules.error.required"));
        } else {
            items("sdq.reverseItems", sdq.reverseItems(), p);
            if (sdq.subscales() == null) {
                p.add(CareProblem.of("sdq.subscales", "careRules.error.required"));
            } else {
                for (String s : SUBSCALES) {
                    List<Integer> items = sdq.subscales().get(s);
                    items("sdq.subscales." + s, items, p);
                    if (items != null && items.size() != 5) {
                        p.add(CareProblem.of("sdq.subscales." + s, "careRules.error.fiveItems"));
                    }
                }
                for (String s : sdq.subscales().keySet()) {
                    if (!SUBSCALES.contains(s)) {
                        p.add(CareProblem.of("sdq.subscales." + s, "careRules.error.unknownKey"));
                    }
                }
            }
            number("sdq.maxMissingPerSubscale", sdq.maxMissingPerSubscale(), 0, 4, p);
            if (sdq.bands() == null) {
                p.add(CareProblem.of("sdq.bands", "careRules.error.required"));
            } else {
                for (SdqForm f : SdqForm.values()) {
                    Band b = sdq.bands().get(f.name());
                    String field = "sdq.bands." + f.name();
                    if (b == null) {
                        p.add(CareProblem.of(field, "careRules.error.required"));
                        continue;
                    }
                    number(field + ".atRiskFrom", b.atRiskFrom(), 0, 41, p);
                    number(field + ".problemFrom", b.problemFrom(), 0, 41, p);
                    if (b.atRiskFrom() != null && b.problemFrom() != null && b.atRiskFrom() > b.problemFrom()) {
                        p.add(CareProblem.of(field + ".problemFrom", "careRules.error.order"));
                    }
                }
            }
        }
        if (learning == null) {
            p.add(CareProblem.of("learning", "careRules.error.required"));
        } else {
            gpa("learning.atRiskGpaBelow", learning.atRiskGpaBelow(), p);
            gpa("learning.problemGpaBelow", learning.problemGpaBelow(), p);
            number("learning.atRiskFailedFrom", learning.atRiskFailedFrom(), 1, 30, p);
            number("learning.problemFailedFrom", learning.problemFailedFrom(), 1, 30, p);
        }
        if (health == null) {
            p.add(CareProblem.of("health", "careRules.error.required"));
        } else {
            names("health.atRiskNutrition", health.atRiskNutrition(), NUTRITION, p);
            if (health.atRiskChronicIllness() == null) {
                p.add(CareProblem.of("health.atRiskChronicIllness", "careRules.error.required"));
            }
            BigDecimal pct = health.problemChronicAttendanceBelowPercent();
            if (pct == null) {
                p.add(CareProblem.of("health.problemChronicAttendanceBelowPercent", "careRules.error.required"));
            } else if (pct.signum() < 0 || pct.compareTo(new BigDecimal("100")) > 0 || pct.scale() > 2) {
                p.add(CareProblem.of("health.problemChronicAttendanceBelowPercent", "careRules.error.percent"));
            }
        }
        incidents("emotionalBehaviour", emotionalBehaviour, p);
        incidents("protection", protection, p);
        if (familyEconomy == null) {
            p.add(CareProblem.of("familyEconomy", "careRules.error.required"));
        } else {
            names("familyEconomy.atRiskPoverty", familyEconomy.atRiskPoverty(), POVERTY, p);
            names("familyEconomy.problemPoverty", familyEconomy.problemPoverty(), POVERTY, p);
            if (familyEconomy.atRiskSingleParent() == null) {
                p.add(CareProblem.of("familyEconomy.atRiskSingleParent", "careRules.error.required"));
            }
            if (familyEconomy.atRiskNoParents() == null) {
                p.add(CareProblem.of("familyEconomy.atRiskNoParents", "careRules.error.required"));
            }
        }
        if (earlyWarning != null) {
            EarlyWarning w = earlyWarning;
            percent("earlyWarning.attendanceWatchBelowPercent", w.attendanceWatchBelowPercent(), p);
            percent("earlyWarning.attendanceAlertBelowPercent", w.attendanceAlertBelowPercent(), p);
            if (w.attendanceWatchBelowPercent() != null && w.attendanceAlertBelowPercent() != null
                    && w.attendanceAlertBelowPercent().compareTo(w.attendanceWatchBelowPercent()) > 0) {
                p.add(CareProblem.of("earlyWarning.attendanceAlertBelowPercent", "careRules.error.order"));
            }
            number("earlyWarning.absenceStreakFrom", w.absenceStreakFrom(), 1, 100, p);
            names("earlyWarning.transitionGrades", w.transitionGrades(), GRADES, p);
            names("earlyWarning.raisingPoverty", w.raisingPoverty(), POVERTY, p);
        }
        return p;
    }

    private static void incidents(String field, Incidents i, List<CareProblem> p) {
        if (i == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
            return;
        }
        names(field + ".incidentTypes", i.incidentTypes(), INCIDENT_TYPES, p);
        number(field + ".atRiskConcernFrom", i.atRiskConcernFrom(), 1, 100, p);
        number(field + ".problemConcernFrom", i.problemConcernFrom(), 1, 100, p);
        number(field + ".problemSeriousFrom", i.problemSeriousFrom(), 1, 100, p);
    }

    private static void items(String field, List<Integer> items, List<CareProblem> p) {
        if (items == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
            return;
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer i : items) {
            if (i == null || i < 1 || i > ITEMS || !seen.add(i)) {
                p.add(CareProblem.of(field, "careRules.error.items", ITEMS));
                return;
            }
        }
    }

    private static void names(String field, List<String> names, List<String> allowed, List<CareProblem> p) {
        if (names == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
            return;
        }
        for (String n : names) {
            if (n == null || !allowed.contains(n)) {
                p.add(CareProblem.of(field, "careRules.error.unknownName", String.valueOf(n)));
            }
        }
    }

    private static void gpa(String field, BigDecimal value, List<CareProblem> p) {
        if (value == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
        } else if (value.signum() < 0 || value.compareTo(new BigDecimal("4.01")) > 0 || value.scale() > 2) {
            p.add(CareProblem.of(field, "careRules.error.gpa"));
        }
    }

    private static void number(String field, Integer value, int min, int max, List<CareProblem> p) {
        if (value == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
        } else if (value < min || value > max) {
            p.add(CareProblem.of(field, "careRules.error.range", min, max));
        }
    }

    private static void percent(String field, BigDecimal value, List<CareProblem> p) {
        if (value == null) {
            p.add(CareProblem.of(field, "careRules.error.required"));
        } else if (value.signum() < 0 || value.compareTo(new BigDecimal("100")) > 0 || value.scale() > 2) {
            p.add(CareProblem.of(field, "careRules.error.percent"));
        }
    }
}
