package org.eduequity.studentcare;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.eduequity.shared.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates students' risk with {@link CareSql} under the care rule set effective for the term and keeps the results:
 * the students just written (in the writing transaction, so that data and result commit together) or a whole province
 * (one statement). A result is appended only where it differs from the current one (its digest), so evaluating
 * unchanged data again writes nothing. Evaluations of a province and term serialise on an advisory lock, so results
 * become current in the order they were computed.
 */
@Service
public class RiskEvaluation {

    private static final Logger log = LoggerFactory.getLogger(RiskEvaluation.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final CareRuleSets ruleSets;
    private final Clock clock;
    private final CareWarnings warnings;

    RiskEvaluation(JdbcTemplate jdbc, CareRuleSets ruleSets, Clock clock, CareWarnings warnings) {
        this.warnings = warnings;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    /** Why a result was written: a write of the student's data, or a re-evaluation of a province. */
    enum Cause { WRITE, RUN }

    /**
     * Evaluates these students for the term in the caller's transaction; returns how many results were appended (0
     * when nothing changed or no published rule set is effective for the term).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int evaluateChildren(Collection<Long> childIds, String term) {
        if (childIds.isEmpty()) {
            return 0;
        }
        Optional<CareRuleSet> set = ruleSets.effectiveFor(term);
        if (set.isEmpty()) {
            log.warn("No published care rule set is effective for term {}: {} students not evaluated", term, childIds.size());
            return 0;
        }
        Long[] ids = childIds.toArray(Long[]::new);
        TreeSet<String> keys = new TreeSet<>();
        jdbc.query("SELECT DISTINCT province_code FROM child WHERE id = ANY (?)", rs -> {
            keys.add(lockKey(term, rs.getString(1)));
        }, (Object) ids);
        AdvisoryLocks.exclusive(jdbc, keys);
        int written = write(set.get(), "c.id = ANY (:ids)", new MapSqlParameterSource("ids", ids).addValue("term", term), Cause.WRITE);
        // early warning (ADR 0009): the same students' warnings, after their risk
        warnings.evaluateChildren(childIds, term);
        return written;
    }

    /** What evaluating a province did. */
    public record ProvinceRun(String term, String provinceCode, String ruleSet, int changed) {
    }

    /** Evaluates every student of a province for the term in one statement; returns how many results changed. */
    @Transactional
    public ProvinceRun evaluateProvince(String term, String provinceCode) {
        CareRuleSet set = ruleSets.effectiveFor(term)
                .orElseThrow(() -> CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "term", "care.error.noRuleSet", term));
        AdvisoryLocks.exclusive(jdbc, new TreeSet<>(List.of(lockKey(term, provinceCode))));
        long started = System.nanoTime();
        int changed = write(set, "c.province_code = :province",
                new MapSqlParameterSource("province", provinceCode).addValue("term", term), Cause.RUN);
        long risked = System.nanoTime();
        // early warning (ADR 0009): the province's warnings, after its risk
        CareWarnings.Run w = warnings.evaluateProvince(term, provinceCode);
        log.info("Care evaluation of province {} term {}: risk {} ms ({} changed), warnings {} ms ({} changed, {} follow-ups opened)", provinceCode,
                term, (risked - started) / 1_000_000, changed, (System.nanoTime() - risked) / 1_000_000, w.changed(), w.opened());
        return new ProvinceRun(term, provinceCode, set.label(), changed);
    }

    private int write(CareRuleSet set, String filter, MapSqlParameterSource args, Cause cause) {
        args.addValue("ruleSetId", set.id()).addValue("cause", cause.name())
                .addValue("now", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC));
        String sql = """
                WITH e AS (
                %s
                ), ins AS (
                  INSERT INTO care_result (child_id, term, province_code, org_unit_id, rule_set_id, cause, level, learning, health,
                      emotional_behaviour, family_economy, protection, fired, gpa, failed_subjects, nutrition, chronic_illness, school_days,
                      days_absent, sdq_id, sdq_form, sdq_total, sdq_band, sdq_subscales, eb_concern, eb_serious, protection_concern,
                      protection_serious, visit_id, single_parent, no_parents, poverty, digest, computed_at)
                  SELECT e.child_id, :term, e.province_code, e.org_unit_id, :ruleSetId, :cause, e.level, e.learning, e.health,
                      e.emotional_behaviour, e.family_economy, e.protection, e.fired, e.gpa, e.failed_subjects, e.nutrition, e.chronic_illness,
                      e.school_days, e.days_absent, e.sdq_id, e.sdq_form, e.sdq_total, e.sdq_band, e.sdq_subscales, e.eb_concern, e.eb_serious,
                      e.protection_concern, e.protection_serious, e.visit_id, e.single_parent, e.no_parents, e.poverty, e.digest, :now
                  FROM e LEFT JOIN care_current cc ON cc.child_id = e.child_id AND cc.term = :term
                  WHERE cc.digest IS DISTINCT FROM e.digest
                  RETURNING id, child_id, term, province_code, org_unit_id, level, learning, health, emotional_behaviour, family_economy,
                            protection, digest
                ), cur AS (
                  INSERT INTO care_current (child_id, term, result_id, province_code, org_unit_id, level, learning, health,
                      emotional_behaviour, family_economy, protection, digest)
                  SELECT child_id, term, id, province_code, org_unit_id, level, learning, health, emotional_behaviour, family_economy,
                      protection, digest FROM ins
                  ON CONFLICT (child_id, term) DO UPDATE SET result_id = excluded.result_id, province_code = excluded.province_code,
                      org_unit_id = excluded.org_unit_id, level = excluded.level, learning = excluded.learning, health = excluded.health,
                      emotional_behaviour = excluded.emotional_behaviour, family_economy = excluded.family_economy,
                      protection = excluded.protection, digest = excluded.digest
                )
                SELECT count(*) FROM ins""".formatted(CareSql.evaluate(set.parameters(), filter));
        Integer n = named.queryForObject(sql, args, Integer.class);
        return n == null ? 0 : n;
    }

    /** A student's current result for a term (the student's area is the caller's to check). */
    @Transactional(readOnly = true)
    public Optional<RiskResult> current(long childId, String term) {
        return jdbc.query("""
                SELECT r.*, rs.code AS rule_set_code, rs.version AS rule_set_version
                FROM care_current c JOIN care_result r ON r.id = c.result_id JOIN care_rule_set rs ON rs.id = r.rule_set_id
                WHERE c.child_id = ? AND c.term = ?""", (rs, i) -> result(rs, true), childId, term).stream().findFirst();
    }

    /**
     * The student's current result, or when there is none an evaluation under the effective rule set that is not
     * stored; empty when no published care rule set is effective for the term.
     */
    @Transactional(readOnly = true)
    public Optional<RiskResult> currentOrEvaluated(long childId, String term) {
        Optional<RiskResult> current = current(childId, term);
        if (current.isPresent()) {
            return current;
        }
        return ruleSets.effectiveFor(term).map(set -> evaluated(set, childId, term));
    }

    /** Evaluates one student under a set without storing anything (also the tests' way to reach the SQL). */
    RiskResult evaluated(CareRuleSet set, long childId, String term) {
        MapSqlParameterSource args = new MapSqlParameterSource("ids", new Long[] {childId}).addValue("term", term)
                .addValue("ruleSetId", set.id()).addValue("setCode", set.code()).addValue("setVersion", set.version());
        return named.query("SELECT e.*, NULL::bigint AS id, :term AS term, :ruleSetId AS rule_set_id, :setCode AS rule_set_code, "
                        + ":setVersion AS rule_set_version, now() AS computed_at FROM (" + CareSql.evaluate(set.parameters(), "c.id = ANY (:ids)")
                        + ") e", args, (rs, i) -> result(rs, false)).stream().findFirst()
                .orElseThrow(() -> new org.eduequity.shared.web.NotFoundException("child " + childId));
    }

    /** Evaluations of many students under a set, nothing stored (for tests comparing the SQL with a reference). */
    Map<Long, RiskResult> evaluatedAll(CareRuleSet set, Collection<Long> childIds, String term) {
        MapSqlParameterSource args = new MapSqlParameterSource("ids", childIds.toArray(Long[]::new)).addValue("term", term)
                .addValue("ruleSetId", set.id()).addValue("setCode", set.code()).addValue("setVersion", set.version());
        Map<Long, RiskResult> results = new LinkedHashMap<>();
        named.query("SELECT e.*, NULL::bigint AS id, :term AS term, :ruleSetId AS rule_set_id, :setCode AS rule_set_code, "
                + ":setVersion AS rule_set_version, now() AS computed_at FROM (" + CareSql.evaluate(set.parameters(), "c.id = ANY (:ids)")
                + ") e", args, rs -> {
                    RiskResult r = result(rs, false);
                    results.put(r.childId(), r);
                });
        return results;
    }

    static RiskResult result(ResultSet rs, boolean stored) throws SQLException {
        Map<CareArea, RiskLevel> areas = new EnumMap<>(CareArea.class);
        for (CareArea a : CareArea.values()) {
            areas.put(a, RiskLevel.valueOf(rs.getString(a.column)));
        }
        java.sql.Array fired = rs.getArray("fired");
        java.sql.Array subscales = rs.getArray("sdq_subscales");
        Map<String, Integer> sdq = null;
        if (subscales != null) {
            Object[] values = (Object[]) subscales.getArray();
            sdq = new LinkedHashMap<>();
            for (int i = 0; i < CareParameters.SUBSCALES.size(); i++) {
                sdq.put(CareParameters.SUBSCALES.get(i), values[i] == null ? null : ((Number) values[i]).intValue());
            }
        }
        RiskResult.Inputs inputs = new RiskResult.Inputs(rs.getBigDecimal("gpa"), integer(rs, "failed_subjects"), rs.getString("nutrition"),
                (Boolean) rs.getObject("chronic_illness"), integer(rs, "school_days"), integer(rs, "days_absent"),
                (Long) rs.getObject("sdq_id"), rs.getString("sdq_form"), integer(rs, "sdq_total"), rs.getString("sdq_band"), sdq,
                rs.getInt("eb_concern"), rs.getInt("eb_serious"), rs.getInt("protection_concern"), rs.getInt("protection_serious"),
                (Long) rs.getObject("visit_id"), (Boolean) rs.getObject("single_parent"), (Boolean) rs.getObject("no_parents"),
                rs.getString("poverty"));
        Object id = rs.getObject("id");
        return new RiskResult(stored && id != null ? ((Number) id).longValue() : null, rs.getLong("child_id"), rs.getString("term"),
                rs.getLong("rule_set_id"), rs.getString("rule_set_code"), rs.getString("rule_set_version"), RiskLevel.valueOf(rs.getString("level")),
                areas, fired == null ? List.of() : Arrays.asList((String[]) fired.getArray()), inputs,
                rs.getObject("computed_at", OffsetDateTime.class).toInstant());
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).intValue();
    }

    static String lockKey(String term, String provinceCode) {
        return "care:" + term + ":" + provinceCode;
    }
}
