package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SDQ scoring and the risk screening of student-care.md as set-based SQL built from a care rule set's numbers
 * (as ADR 0003 does for poverty): one statement evaluates every student a filter selects — a province's 200,000 or the
 * one student just written — by PostgreSQL, in one pass.
 *
 * <p>Numbers and names are written into the SQL as literals: they come only from a validated {@link CareParameters}
 * (integers, decimals and names from fixed lists, checked again here). Filter values are bound as named parameters:
 * {@code :term} always, and those of the caller's filter.
 *
 * <p>The evaluation's columns: {@code child_id, province_code, org_unit_id}, the inputs ({@code gpa, failed_subjects,
 * nutrition, chronic_illness, school_days, days_absent, sdq_id, sdq_form, sdq_total, sdq_band, sdq_subscales,
 * eb_concern, eb_serious, protection_concern, protection_serious, visit_id, single_parent, no_parents, poverty}), the
 * five areas' levels ({@code learning, health, emotional_behaviour, family_economy, protection}), {@code level},
 * {@code fired} (the codes of the rules that decided each area's level) and {@code digest} (of all of these and the
 * rule set id {@code :ruleSetId}).
 */
final class CareSql {

    private CareSql() {
    }

    /** Rule codes, as {@code fired} holds them; each has its message {@code care.rule.<code>}. */
    static final List<String> RULES = List.of("LEARNING.GPA_AT_RISK", "LEARNING.FAILED_AT_RISK", "LEARNING.GPA_PROBLEM",
            "LEARNING.FAILED_PROBLEM", "HEALTH.NUTRITION", "HEALTH.CHRONIC_ILLNESS", "HEALTH.CHRONIC_LOW_ATTENDANCE",
            "EMOTIONAL_BEHAVIOUR.SDQ_AT_RISK", "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK", "EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM",
            "EMOTIONAL_BEHAVIOUR.SERIOUS", "EMOTIONAL_BEHAVIOUR.CONCERN_PROBLEM", "FAMILY_ECONOMY.POVERTY_AT_RISK",
            "FAMILY_ECONOMY.SINGLE_PARENT", "FAMILY_ECONOMY.NO_PARENTS", "FAMILY_ECONOMY.POVERTY_PROBLEM", "PROTECTION.CONCERN_AT_RISK",
            "PROTECTION.SERIOUS", "PROTECTION.CONCERN_PROBLEM");

    /**
     * Scores SDQ forms ({@code care_sdq} alias {@code s}) that {@code where} selects: {@code id, child_id, term, form, items,
     * recorded_at, emotional, conduct, hyperactivity, peer, prosocial} (null when INCOMPLETE), {@code total} (null when
     * INCOMPLETE) and {@code band} (NORMAL, AT_RISK, PROBLEM or INCOMPLETE).
     */
    static String sdq(CareParameters p, String where) {
        CareParameters.Sdq sdq = p.sdq();
        int minAnswered = 5 - sdq.maxMissingPerSubscale();
        StringJoiner subscales = new StringJoiner(",\n           ");
        for (String name : CareParameters.SUBSCALES) {
            StringJoiner answered = new StringJoiner(" + ");
            StringJoiner sum = new StringJoiner(" + ");
            for (int item : sdq.subscales().get(name)) {
                check(item >= 1 && item <= CareParameters.ITEMS);
                String value = sdq.reverseItems().contains(item) ? "(2 - s.items[" + item + "])" : "s.items[" + item + "]";
                answered.add("(s.items[" + item + "] IS NOT NULL)::int");
                sum.add("COALESCE(" + value + ", 0)");
            }
            // the mean of the answered items × 5, rounded half-up (round() of a positive numeric rounds halves up)
            subscales.add("(SELECT CASE WHEN n >= " + minAnswered + " THEN round((" + sum + ") * 5.0 / n)::int END FROM (SELECT "
                    + answered + " AS n) c) AS " + name.toLowerCase(java.util.Locale.ROOT));
        }
        StringJoiner total = new StringJoiner(" + ");
        for (String name : CareParameters.DIFFICULTIES) {
            total.add("q." + name.toLowerCase(java.util.Locale.ROOT));
        }
        StringJoiner band = new StringJoiner(" ", "CASE WHEN t.total IS NULL THEN 'INCOMPLETE' ", " END");
        for (SdqForm f : SdqForm.values()) {
            CareParameters.Band b = sdq.bands().get(f.name());
            band.add("WHEN t.form = '" + f.name() + "' THEN CASE WHEN t.total >= " + b.problemFrom() + " THEN 'PROBLEM' WHEN t.total >= "
                    + b.atRiskFrom() + " THEN 'AT_RISK' ELSE 'NORMAL' END");
        }
        return """
                SELECT t.* FROM (
                  SELECT t.*, %s AS band FROM (
                    SELECT q.*, %s AS total FROM (
                      SELECT s.id, s.child_id, s.term, s.form, s.items, s.recorded_at,
                             %s
                      FROM care_sdq s WHERE %s
                    ) q
                  ) t
                ) t""".formatted(band, total, subscales, where);
    }

    /**
     * The evaluation of the students ({@code child} alias {@code c}) that {@code childFilter} selects, for the term
     * {@code :term}, under the rule set's numbers.
     */
    static String evaluate(CareParameters p, String childFilter) {
        CareParameters.Learning l = p.learning();
        CareParameters.Health h = p.health();
        CareParameters.Incidents eb = p.emotionalBehaviour();
        CareParameters.Incidents pr = p.protection();
        CareParameters.FamilyEconomy f = p.familyEconomy();
        String lowAttendance = "(x.school_days IS NOT NULL AND (x.school_days - x.days_absent) * 100 < " + decimal(h.problemChronicAttendanceBelowPercent())
                + " * x.school_days)";
        String learningA = rules(rule("x.gpa < " + decimal(l.atRiskGpaBelow()), "LEARNING.GPA_AT_RISK"),
                rule("x.failed_subjects >= " + l.atRiskFailedFrom(), "LEARNING.FAILED_AT_RISK"));
        String learningP = rules(rule("x.gpa < " + decimal(l.problemGpaBelow()), "LEARNING.GPA_PROBLEM"),
                rule("x.failed_subjects >= " + l.problemFailedFrom(), "LEARNING.FAILED_PROBLEM"));
        String healthA = rules(rule(in("x.nutrition", h.atRiskNutrition(), CareParameters.NUTRITION), "HEALTH.NUTRITION"),
                rule(Boolean.TRUE.equals(h.atRiskChronicIllness()) ? "x.chronic_illness" : "FALSE", "HEALTH.CHRONIC_ILLNESS"));
        String healthP = rules(rule("x.chronic_illness AND " + lowAttendance, "HEALTH.CHRONIC_LOW_ATTENDANCE"));
        String ebA = rules(rule("x.sdq_band = 'AT_RISK'", "EMOTIONAL_BEHAVIOUR.SDQ_AT_RISK"),
                rule("x.eb_concern >= " + eb.atRiskConcernFrom(), "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK"));
        String ebP = rules(rule("x.sdq_band = 'PROBLEM'", "EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM"),
                rule("x.eb_serious >= " + eb.problemSeriousFrom(), "EMOTIONAL_BEHAVIOUR.SERIOUS"),
                rule("x.eb_concern >= " + eb.problemConcernFrom(), "EMOTIONAL_BEHAVIOUR.CONCERN_PROBLEM"));
        String famA = rules(rule(in("x.poverty", f.atRiskPoverty(), CareParameters.POVERTY), "FAMILY_ECONOMY.POVERTY_AT_RISK"),
                rule(Boolean.TRUE.equals(f.atRiskSingleParent()) ? "x.single_parent" : "FALSE", "FAMILY_ECONOMY.SINGLE_PARENT"),
                rule(Boolean.TRUE.equals(f.atRiskNoParents()) ? "x.no_parents" : "FALSE", "FAMILY_ECONOMY.NO_PARENTS"));
        String famP = rules(rule(in("x.poverty", f.problemPoverty(), CareParameters.POVERTY), "FAMILY_ECONOMY.POVERTY_PROBLEM"));
        String prA = rules(rule("x.protection_concern >= " + pr.atRiskConcernFrom(), "PROTECTION.CONCERN_AT_RISK"));
        String prP = rules(rule("x.protection_serious >= " + pr.problemSeriousFrom(), "PROTECTION.SERIOUS"),
                rule("x.protection_concern >= " + pr.problemConcernFrom(), "PROTECTION.CONCERN_PROBLEM"));
        String ebTypes = in("i.type", eb.incidentTypes(), CareParameters.INCIDENT_TYPES);
        String prTypes = in("i.type", pr.incidentTypes(), CareParameters.INCIDENT_TYPES);
        String sdq = sdq(p, "s.child_id = k.child_id AND s.term = :term");
        return """
                WITH k AS (
                  SELECT c.id AS child_id, c.province_code, c.org_unit_id FROM child c WHERE %s
                ), x AS (
                  SELECT k.child_id, k.province_code, k.org_unit_id,
                         g.child_id IS NOT NULL AS has_grade, g.gpa, g.failed_subjects,
                         hr.child_id IS NOT NULL AS has_health, hr.nutrition, hr.chronic_illness,
                         a.school_days, a.days_absent,
                         q.id AS sdq_id, q.form AS sdq_form, q.total::smallint AS sdq_total, q.band AS sdq_band,
                         CASE WHEN q.id IS NOT NULL THEN ARRAY[q.emotional, q.conduct, q.hyperactivity, q.peer, q.prosocial]::smallint[] END
                           AS sdq_subscales,
                         i.eb_concern, i.eb_serious, i.protection_concern, i.protection_serious,
                         fv.visit_id, fv.single_parent, fv.no_parents, fv.poverty
                  FROM k
                  LEFT JOIN care_grade g ON g.child_id = k.child_id AND g.term = :term
                  LEFT JOIN care_health hr ON hr.child_id = k.child_id AND hr.term = :term
                  LEFT JOIN care_attendance a ON a.child_id = k.child_id AND a.term = :term
                  LEFT JOIN LATERAL (
                    %s
                    ORDER BY (t.total IS NOT NULL) DESC,
                             CASE t.band WHEN 'PROBLEM' THEN 3 WHEN 'AT_RISK' THEN 2 WHEN 'NORMAL' THEN 1 ELSE 0 END DESC,
                             t.recorded_at DESC, t.id DESC
                    LIMIT 1
                  ) q ON TRUE
                  CROSS JOIN LATERAL (
                    SELECT (count(*) FILTER (WHERE %s AND i.severity = 'CONCERN'))::smallint AS eb_concern,
                           (count(*) FILTER (WHERE %s AND i.severity = 'SERIOUS'))::smallint AS eb_serious,
                           (count(*) FILTER (WHERE %s AND i.severity = 'CONCERN'))::smallint AS protection_concern,
                           (count(*) FILTER (WHERE %s AND i.severity = 'SERIOUS'))::smallint AS protection_serious
                    FROM care_incident i WHERE i.child_id = k.child_id AND i.term = :term
                  ) i
                  LEFT JOIN LATERAL (
                    SELECT v.id AS visit_id, v.single_parent,
                           NOT EXISTS (SELECT 1 FROM household_member hm WHERE hm.visit_id = v.id AND hm.relationship IN ('FATHER', 'MOTHER'))
                             AS no_parents,
                           sc.classification AS poverty
                    FROM visit_student vs JOIN home_visit v ON v.id = vs.visit_id
                    LEFT JOIN screening_current sc ON sc.visit_id = v.id
                    WHERE vs.child_id = k.child_id AND vs.term = :term AND v.status <> 'DRAFT'
                  ) fv ON TRUE
                  OFFSET 0
                ), r AS (
                  SELECT x.*,
                         %s AS learning_a, %s AS learning_p,
                         %s AS health_a, %s AS health_p,
                         %s AS eb_a, %s AS eb_p,
                         %s AS fam_a, %s AS fam_p,
                         %s AS pr_a, %s AS pr_p,
                         x.has_grade AS learning_known,
                         x.has_health AS health_known,
                         (x.sdq_total IS NOT NULL OR x.eb_concern + x.eb_serious > 0) AS eb_known,
                         x.visit_id IS NOT NULL AS fam_known,
                         TRUE AS pr_known
                  FROM x
                  OFFSET 0
                ), s AS (
                  SELECT r.*,
                         %s AS learning, %s AS health, %s AS emotional_behaviour, %s AS family_economy, %s AS protection
                  FROM r
                ), v AS (
                  SELECT s.*,
                         CASE WHEN 'PROBLEM' IN (s.learning, s.health, s.emotional_behaviour, s.family_economy, s.protection) THEN 'PROBLEM'
                              WHEN 'AT_RISK' IN (s.learning, s.health, s.emotional_behaviour, s.family_economy, s.protection) THEN 'AT_RISK'
                              WHEN 'NORMAL' IN (s.learning, s.health, s.emotional_behaviour, s.family_economy, s.protection) THEN 'NORMAL'
                              ELSE 'UNKNOWN' END AS level,
                         (%s || %s || %s || %s || %s)::varchar[] AS fired
                  FROM s
                )
                SELECT v.child_id, v.province_code, v.org_unit_id, v.gpa, v.failed_subjects, v.nutrition, v.chronic_illness, v.school_days,
                       v.days_absent, v.sdq_id, v.sdq_form, v.sdq_total, v.sdq_band, v.sdq_subscales, v.eb_concern, v.eb_serious,
                       v.protection_concern, v.protection_serious, v.visit_id, v.single_parent, v.no_parents, v.poverty,
                       v.learning, v.health, v.emotional_behaviour, v.family_economy, v.protection, v.level, v.fired,
                       md5(ROW(:ruleSetId::bigint, v.level, v.learning, v.health, v.emotional_behaviour, v.family_economy, v.protection, v.fired,
                               v.gpa, v.failed_subjects, v.nutrition, v.chronic_illness, v.school_days, v.days_absent, v.sdq_id, v.sdq_form,
                               v.sdq_total, v.sdq_band, v.sdq_subscales, v.eb_concern, v.eb_serious, v.protection_concern,
                               v.protection_serious, v.visit_id, v.single_parent, v.no_parents, v.poverty, v.org_unit_id)::text)::uuid AS digest
                FROM v""".formatted(childFilter, sdq, ebTypes, ebTypes, prTypes, prTypes,
                learningA, learningP, healthA, healthP, ebA, ebP, famA, famP, prA, prP,
                area("learning"), area("health"), area("eb"), area("fam"), area("pr"),
                firedOf("learning", "learning"), firedOf("health", "health"), firedOf("emotional_behaviour", "eb"),
                firedOf("family_economy", "fam"), firedOf("protection", "pr"));
    }

    private static String area(String prefix) {
        return "CASE WHEN NOT r." + prefix + "_known THEN 'UNKNOWN' WHEN cardinality(r." + prefix + "_p) > 0 THEN 'PROBLEM' WHEN cardinality(r."
                + prefix + "_a) > 0 THEN 'AT_RISK' ELSE 'NORMAL' END";
    }

    private static String firedOf(String column, String prefix) {
        return "CASE s." + column + " WHEN 'PROBLEM' THEN s." + prefix + "_p WHEN 'AT_RISK' THEN s." + prefix + "_a ELSE '{}'::text[] END";
    }

    private static String rule(String condition, String code) {
        check(RULES.contains(code));
        return "CASE WHEN " + condition + " THEN '" + code + "' END";
    }

    private static String rules(String... rules) {
        return "array_remove(ARRAY[" + String.join(", ", rules) + "]::text[], NULL)";
    }

    /** {@code column IN (…)} over names from a fixed list; FALSE for none. */
    private static String in(String column, List<String> names, List<String> allowed) {
        if (names.isEmpty()) {
            return "FALSE";
        }
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            check(allowed.contains(n));
            quoted.add("'" + n + "'");
        }
        return "(" + column + " IN (" + String.join(", ", quoted) + "))";
    }

    private static String decimal(BigDecimal value) {
        return value.toPlainString() + "::numeric";
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("care rule set not valid");
        }
    }

    /** The levels of {@link #counts}: a student's level, then each area's, as column name prefixes. */
    static final List<String> COUNTED = List.of("level", "learning", "health", "emotional_behaviour", "family_economy", "protection");

    /** Counts per level of the student and of each area ({@code <column>_<LEVEL>}) over an evaluation. */
    static String counts(String evaluation) {
        StringJoiner columns = new StringJoiner(", ");
        for (String c : COUNTED) {
            for (RiskLevel level : RiskLevel.values()) {
                columns.add("count(*) FILTER (WHERE e." + c + " = '" + level.name() + "') AS " + c + "_" + level.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return "SELECT count(*) AS students, " + columns + " FROM (" + evaluation + ") e";
    }
}
