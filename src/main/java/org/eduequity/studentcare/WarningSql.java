package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The early-warning indicators of student-care.md as one set-based statement built from a care rule set's
 * {@link CareParameters.EarlyWarning} numbers (literals from a validated set, as {@link CareSql} does). It reads the
 * term's attendance and daily absences, the student's current risk result (areas and poverty) and the rosters of the
 * term and the term before, and yields per student {@code child_id, province_code, org_unit_id, level} (NONE, WATCH,
 * ALERT), {@code indicators} ({@code CODE:LEVEL}), {@code attendance_rate, absence_streak, previous_grade,
 * transition, poverty} and {@code digest}. Binds {@code :term}, {@code :prev} (the term before) and
 * {@code :prevStart} (its first day).
 *
 * <p>School days, for streaks, are Monday to Friday: a student absent on Friday and the Monday after is absent on two
 * consecutive school days; holidays are not known (ADR 0009).
 */
final class WarningSql {

    private WarningSql() {
    }

    /** Indicator codes; each has its message {@code care.warning.indicator.<code>}. */
    static final List<String> INDICATORS = List.of("ATTENDANCE", "ABSENCE_STREAK", "COURSE_PERFORMANCE", "BEHAVIOUR", "POVERTY", "NOT_RE_ENROLLED");

    /** A Monday before every term a test or the programme may use (Term.MIN_BE_YEAR 2300 is 1757 CE). */
    static final String MONDAY = "DATE '1700-01-04'";

    static String evaluate(CareParameters p, String childFilter) {
        CareParameters.EarlyWarning w = p.warnings();
        String watch = decimal(w.attendanceWatchBelowPercent());
        String alert = decimal(w.attendanceAlertBelowPercent());
        String transition = in("x.previous_grade", w.transitionGrades(), CareParameters.GRADES);
        String raising = in("i.poverty", w.raisingPoverty(), CareParameters.POVERTY);
        return """
                WITH k AS (
                  SELECT c.id AS child_id, c.province_code, c.org_unit_id FROM child c WHERE %s
                ), ab AS (
                  -- the longest run of consecutive school days absent, per student (gaps and islands over a weekday index)
                  SELECT s.child_id, max(s.n)::smallint AS streak FROM (
                    SELECT q.child_id, count(*) AS n FROM (
                      SELECT b.child_id, ((b.absent_on - %s) / 7) * 5 + (b.absent_on - %s) %% 7
                               - row_number() OVER (PARTITION BY b.child_id ORDER BY b.absent_on) AS island
                      FROM care_absence b JOIN k ON k.child_id = b.child_id
                      WHERE b.term = :term AND extract(isodow FROM b.absent_on) < 6
                    ) q GROUP BY q.child_id, q.island
                  ) s GROUP BY s.child_id
                ), x AS (
                  SELECT k.child_id, k.province_code, k.org_unit_id, a.school_days, a.days_absent,
                         CASE WHEN a.child_id IS NOT NULL THEN round((a.school_days - a.days_absent) * 100.0 / a.school_days, 2) END
                           AS attendance_rate,
                         cc.learning, cc.emotional_behaviour, cc.protection, r.poverty, st.streak,
                         pr.grade_level AS previous_grade,
                         (pr.child_id IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM care_roster n WHERE n.child_id = k.child_id AND n.term = :term)
                          AND EXISTS (SELECT 1 FROM care_roster u WHERE u.org_unit_id = pr.org_unit_id AND u.term = :term)
                          AND NOT EXISTS (SELECT 1 FROM care_transfer t WHERE t.child_id = k.child_id AND t.transferred_on >= :prevStart))
                           AS not_re_enrolled
                  FROM k
                  LEFT JOIN care_attendance a ON a.child_id = k.child_id AND a.term = :term
                  LEFT JOIN care_current cc ON cc.child_id = k.child_id AND cc.term = :term
                  LEFT JOIN care_result r ON r.id = cc.result_id
                  LEFT JOIN care_roster pr ON pr.child_id = k.child_id AND pr.term = :prev
                  LEFT JOIN ab st ON st.child_id = k.child_id
                  OFFSET 0
                ), i AS (
                  SELECT x.*,
                         CASE WHEN x.school_days IS NULL THEN NULL
                              WHEN (x.school_days - x.days_absent) * 100 < %s * x.school_days THEN 'ALERT'
                              WHEN (x.school_days - x.days_absent) * 100 < %s * x.school_days THEN 'WATCH' END AS attendance_l,
                         CASE WHEN x.streak >= %d THEN 'ALERT' END AS streak_l,
                         CASE x.learning WHEN 'PROBLEM' THEN 'ALERT' WHEN 'AT_RISK' THEN 'WATCH' END AS course_l,
                         CASE WHEN 'PROBLEM' IN (x.emotional_behaviour, x.protection) THEN 'ALERT' END AS behaviour_l,
                         CASE WHEN x.not_re_enrolled THEN 'ALERT' END AS nre_l
                  FROM x
                ), b AS (
                  SELECT i.*,
                         CASE WHEN 'ALERT' IN (i.attendance_l, i.streak_l, i.course_l, i.behaviour_l, i.nre_l) THEN 'ALERT'
                              WHEN 'WATCH' IN (i.attendance_l, i.streak_l, i.course_l, i.behaviour_l, i.nre_l) THEN 'WATCH'
                              ELSE 'NONE' END AS base,
                         COALESCE(%s, FALSE) AS raising
                  FROM i
                ), v AS (
                  SELECT b.child_id, b.province_code, b.org_unit_id,
                         CASE WHEN b.base = 'WATCH' AND b.raising THEN 'ALERT' ELSE b.base END AS level,
                         array_remove(ARRAY['ATTENDANCE:' || b.attendance_l, 'ABSENCE_STREAK:' || b.streak_l,
                                            'COURSE_PERFORMANCE:' || b.course_l, 'BEHAVIOUR:' || b.behaviour_l,
                                            CASE WHEN b.base = 'WATCH' AND b.raising THEN 'POVERTY:ALERT' END,
                                            'NOT_RE_ENROLLED:' || b.nre_l]::varchar[], NULL) AS indicators,
                         b.attendance_rate, COALESCE(b.streak, 0)::smallint AS absence_streak,
                         CASE WHEN b.nre_l IS NOT NULL THEN b.previous_grade END AS previous_grade,
                         (b.nre_l IS NOT NULL AND COALESCE(%s, FALSE)) AS transition,
                         b.poverty
                  FROM b
                )
                SELECT v.*, md5(ROW(v.level, v.indicators, v.attendance_rate, v.absence_streak, v.previous_grade, v.transition, v.poverty,
                                    v.org_unit_id)::text)::uuid AS digest
                FROM v""".formatted(childFilter, MONDAY, MONDAY, alert, watch, w.absenceStreakFrom(), raising,
                transition.replace("x.previous_grade", "b.previous_grade"));
    }

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
        check(value != null && value.signum() >= 0 && value.compareTo(new BigDecimal("100")) <= 0);
        return value.toPlainString();
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("early-warning parameters not validated");
        }
    }
}
