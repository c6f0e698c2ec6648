package org.eduequity.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.eduequity.shared.AdvisoryLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Screens submitted surveys and reads their results. Screening itself is {@link ScreeningSql}: one statement per
 * term however many surveys, inside the caller's transaction, so that a survey and its first result are committed
 * together. Writing a result marks the visit's earlier result as past; the visit and the term (and province) are
 * locked so that a re-screening run and a submission never both mark a result current.
 */
@Service
public class Screening {

    private static final Logger log = LoggerFactory.getLogger(Screening.class);

    /** The columns a result is written with, in {@link #insertFrom} order. */
    static final String RESULT_COLUMNS = """
            visit_id, term, province_code, rule_set_id, cause, run_id, classification, members, household_income, per_capita_income,
            hardship_score, dependants, cut_off, p_dependants, p_tenure, p_dwelling, p_farmland, p_water, p_electricity, p_vehicles,
            p_appliances, missing, students, computed_at""";

    private final JdbcTemplate jdbc;
    private final RuleSets ruleSets;
    private final Clock clock;

    Screening(JdbcTemplate jdbc, RuleSets ruleSets, Clock clock) {
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
        this.clock = clock;
    }

    /**
     * Screens these submitted visits with the rule set effective for each one's term and makes the new results
     * current. A visit whose term has no published rule set is left unscreened (and logged). Runs in the caller's
     * transaction. Returns the new results by visit (each now current), so that a caller can answer with them without
     * reading them back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<Long, ScreeningResult> screenVisits(Collection<Long> visitIds, ScreeningResult.Cause cause) {
        Map<Long, ScreeningResult> results = new HashMap<>();
        if (visitIds.isEmpty()) {
            return results;
        }
        Map<String, List<Long>> byTerm = new LinkedHashMap<>();
        SortedSet<String> lockKeys = new TreeSet<>();
        // the visits by primary key, their members by index: early in an import the statistics still describe nearly
        // empty tables, and plans made from them (sequential scans) would grow slower with every batch until the next
        // analyze, so sequential scans are ruled out for these statements
        jdbc.execute("SET LOCAL enable_seqscan = off");
        jdbc.query("SELECT id, term, province_code FROM home_visit WHERE id = ANY (?) ORDER BY id", rs -> {
            byTerm.computeIfAbsent(rs.getString(2), t -> new ArrayList<>()).add(rs.getLong(1));
            lockKeys.add(termKey(rs.getString(2)));
            lockKeys.add(provinceKey(rs.getString(2), rs.getString(3)));
        }, (Object) visitIds.toArray(Long[]::new));
        AdvisoryLocks.shared(jdbc, lockKeys);
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        for (Map.Entry<String, List<Long>> term : byTerm.entrySet()) {
            RuleSet set = ruleSets.effectiveFor(term.getKey()).orElse(null);
            if (set == null) {
                log.warn("No published rule set is effective for term {}: {} visits left unscreened", term.getKey(), term.getValue().size());
                continue;
            }
            Long[] ids = term.getValue().toArray(Long[]::new);
            // the results as written, with their rule set's code and version, current (as result(rs) reads them)
            jdbc.query("WITH ins AS (" + insertFrom("(" + ScreeningSql.select(List.of(set.parameters()), "v.id = ANY (?)", true) + ") s")
                    + " RETURNING *),\n"
                    + "cur AS (" + MAKE_CURRENT + ")\n"
                    + "SELECT ins.*, ?::text AS rule_set_code, ?::text AS rule_set_version, true AS current FROM ins", rs -> {
                        ScreeningResult r = result(rs);
                        results.put(r.visitId(), r);
                    }, set.id(), cause.name(), null, now, ids, set.code(), set.version());
        }
        jdbc.execute("SET LOCAL enable_seqscan = on");
        return results;
    }

    /** What an insert of results returns for {@link #MAKE_CURRENT}. */
    static final String CURRENT_FROM_INSERT = "id, visit_id, term, province_code, classification, students, hardship_score, per_capita_income";

    /** Makes the results of a CTE {@code ins} ({@link #CURRENT_FROM_INSERT}) their visits' current ones. */
    static final String MAKE_CURRENT = """
            INSERT INTO screening_current (visit_id, result_id, term, province_code, classification, students, hardship_score,
                                           per_capita_income)
            SELECT visit_id, id, term, province_code, classification, students, hardship_score, per_capita_income FROM ins
            ON CONFLICT (visit_id) DO UPDATE SET result_id = excluded.result_id, term = excluded.term,
                province_code = excluded.province_code, classification = excluded.classification, students = excluded.students,
                hardship_score = excluded.hardship_score, per_capita_income = excluded.per_capita_income""";

    /**
     * {@code INSERT INTO screening_result … SELECT} from a source (alias {@code s}) with the columns of
     * {@link ScreeningSql#select} for one rule set. Parameters: rule set id, cause, run id, computed at, then the source's.
     */
    static String insertFrom(String source) {
        return "INSERT INTO screening_result (" + RESULT_COLUMNS + ")\n" + """
                SELECT s.visit_id, s.term, s.province_code, ?, ?, ?, s.class_0, s.members,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.household_income END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.per_capita_income END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.score_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.dependants_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.cut_off_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_dependants_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_tenure_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_dwelling_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_farmland_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_water_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_electricity_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_vehicles_0 END,
                       CASE WHEN s.class_0 <> 'INCOMPLETE' THEN s.p_appliances_0 END,
                       s.missing, s.students, ?
                FROM """ + " " + source;
    }

    /** The current result of each of these visits that has one. */
    @Transactional(readOnly = true)
    public Map<Long, ScreeningResult> currentOfVisits(Collection<Long> visitIds) {
        Map<Long, ScreeningResult> results = new HashMap<>();
        if (!visitIds.isEmpty()) {
            jdbc.query(SELECT + " WHERE c.result_id = r.id AND r.visit_id = ANY (?)", rs -> {
                ScreeningResult r = result(rs);
                results.put(r.visitId(), r);
            }, (Object) visitIds.toArray(Long[]::new));
        }
        return results;
    }

    /**
     * Every result of a child's visits, oldest first (the child's area is the caller's to check): the results of
     * submissions and of re-screening runs that succeeded. A run appends its results before it makes them current
     * (ScreeningRuns); the results of a run that failed, or is still running, never were current and are not history.
     */
    @Transactional(readOnly = true)
    public List<ScreeningResult> historyOfChild(long childId) {
        return jdbc.query(SELECT + " JOIN visit_student vs ON vs.visit_id = r.visit_id WHERE vs.child_id = ? AND " + BELONGS + " ORDER BY r.id",
                (rs, i) -> result(rs), childId);
    }

    /** A result (alias {@code r}) that belongs to a visit's history: not one of a run that did not (yet) succeed. */
    static final String BELONGS = "(r.run_id IS NULL OR EXISTS (SELECT 1 FROM screening_run sr WHERE sr.id = r.run_id AND sr.status = 'SUCCEEDED'))";

    /** A child's current result for a term (the child's area is the caller's to check). */
    @Transactional(readOnly = true)
    public java.util.Optional<ScreeningResult> currentOfChild(long childId, String term) {
        return jdbc.query(SELECT + " JOIN visit_student vs ON vs.visit_id = r.visit_id WHERE vs.child_id = ? AND vs.term = ? AND c.result_id = r.id",
                (rs, i) -> result(rs), childId, term).stream().findFirst();
    }

    static final String SELECT = """
            SELECT r.*, rs.code AS rule_set_code, rs.version AS rule_set_version, COALESCE(c.result_id = r.id, false) AS current
            FROM screening_result r JOIN rule_set rs ON rs.id = r.rule_set_id LEFT JOIN screening_current c ON c.visit_id = r.visit_id""";

    static ScreeningResult result(ResultSet rs) throws SQLException {
        Map<Area, Integer> areas = null;
        if (rs.getObject("p_dependants") != null) {
            areas = new EnumMap<>(Area.class);
            for (Area a : Area.values()) {
                areas.put(a, rs.getInt("p_" + a.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        java.sql.Array missing = rs.getArray("missing");
        return new ScreeningResult(rs.getLong("id"), rs.getLong("visit_id"), rs.getString("term"), rs.getString("province_code"),
                Classification.valueOf(rs.getString("classification")), rs.getInt("members"), rs.getBigDecimal("household_income"),
                rs.getBigDecimal("per_capita_income"), (Integer) rs.getObject("hardship_score"), integer(rs, "dependants"),
                (Integer) rs.getObject("cut_off"), areas, missing == null ? List.of() : Arrays.asList((String[]) missing.getArray()),
                rs.getString("rule_set_code"), rs.getString("rule_set_version"), ScreeningResult.Cause.valueOf(rs.getString("cause")),
                (Long) rs.getObject("run_id"), rs.getBoolean("current"), rs.getObject("computed_at", OffsetDateTime.class).toInstant());
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).intValue();
    }

    static String termKey(String term) {
        return "screening:" + term;
    }

    static String provinceKey(String term, String provinceCode) {
        return "screening:" + term + ":" + provinceCode;
    }

}
