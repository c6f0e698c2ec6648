package org.eduequity.studentcare;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import org.eduequity.shared.Term;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates the early-warning indicators ({@link WarningSql}) of a set of students or a whole province and term, in
 * the caller's transaction, and keeps one current warning per student and term ({@code care_warning}), written only
 * where its digest changed. A warning that reaches ALERT (from none, NONE or WATCH) opens a follow-up for the homeroom
 * teachers in the same statement; the partial unique index on open follow-ups makes a retry or a concurrent
 * evaluation a no-op, never a second follow-up.
 */
@Service
public class CareWarnings {

    private static final Logger log = LoggerFactory.getLogger(CareWarnings.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final CareRuleSets ruleSets;
    private final Clock clock;

    CareWarnings(JdbcTemplate jdbc, CareRuleSets ruleSets, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    /** What an evaluation wrote: warnings changed and follow-ups opened. */
    public record Run(int changed, int opened) {
        public static final Run NOTHING = new Run(0, 0);
    }

    /** Evaluates the warnings of these students in the term (the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Run evaluateChildren(Collection<Long> childIds, String term) {
        if (childIds.isEmpty()) {
            return Run.NOTHING;
        }
        return write(term, "c.id = ANY (:ids)", new MapSqlParameterSource("ids", childIds.toArray(Long[]::new)));
    }

    /** Evaluates the warnings of every student of a province in the term (the caller's transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Run evaluateProvince(String term, String provinceCode) {
        return write(term, "c.province_code = :province", new MapSqlParameterSource("province", provinceCode));
    }

    /** The term before, if there is one. */
    static Optional<Term> previous(Term t) {
        try {
            return Optional.of(t.previous());
        } catch (org.eduequity.shared.InvalidValueException e) {
            return Optional.empty();
        }
    }

    private Run write(String term, String filter, MapSqlParameterSource args) {
        Optional<CareRuleSet> set = ruleSets.effectiveFor(term);
        if (set.isEmpty()) {
            log.warn("No published care rule set is effective for term {}: warnings not evaluated", term);
            return Run.NOTHING;
        }
        Term t = Term.parse(term);
        Optional<Term> prev = previous(t);
        // the first term there can be has no roster before it: NOT_RE_ENROLLED never fires (no roster has term '0000/0')
        args.addValue("term", term).addValue("prev", prev.map(Term::toString).orElse("0000/0"))
                .addValue("prevStart", prev.map(Term::startDate).orElse(t.startDate()))
                .addValue("now", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC));
        String sql = """
                WITH e AS (
                %s
                ), d AS (
                  SELECT e.*, w.level AS old_level FROM e LEFT JOIN care_warning w ON w.child_id = e.child_id AND w.term = :term
                  WHERE (w.child_id IS NULL AND e.level <> 'NONE') OR (w.child_id IS NOT NULL AND w.digest <> e.digest)
                ), up AS (
                  INSERT INTO care_warning (child_id, term, province_code, org_unit_id, level, indicators, attendance_rate, absence_streak,
                                            previous_grade, transition, poverty, digest, changed_at)
                  SELECT child_id, :term, province_code, org_unit_id, level, indicators, attendance_rate, absence_streak, previous_grade,
                         transition, poverty, digest, :now FROM d
                  ON CONFLICT (child_id, term) DO UPDATE SET province_code = excluded.province_code, org_unit_id = excluded.org_unit_id,
                      level = excluded.level, indicators = excluded.indicators, attendance_rate = excluded.attendance_rate,
                      absence_streak = excluded.absence_streak, previous_grade = excluded.previous_grade, transition = excluded.transition,
                      poverty = excluded.poverty, digest = excluded.digest, changed_at = excluded.changed_at
                  RETURNING child_id
                ), opened AS (
                  INSERT INTO care_follow_up (child_id, term, province_code, org_unit_id, indicators, opened_at)
                  SELECT child_id, :term, province_code, org_unit_id, indicators, :now FROM d
                  WHERE d.level = 'ALERT' AND d.old_level IS DISTINCT FROM 'ALERT'
                  ON CONFLICT (child_id, term) WHERE resolved_at IS NULL DO NOTHING
                  RETURNING id
                )
                SELECT (SELECT count(*) FROM up) AS changed, (SELECT count(*) FROM opened) AS opened""".formatted(
                WarningSql.evaluate(set.get().parameters(), filter));
        return named.queryForObject(sql, args, (rs, i) -> new Run(rs.getInt("changed"), rs.getInt("opened")));
    }
}
