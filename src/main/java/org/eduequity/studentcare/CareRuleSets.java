package org.eduequity.studentcare;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The care rule sets, with the life of the poverty rule sets: read by whoever evaluates, changed by the fund office
 * only. A draft is copied from another set, edited, simulated over a province's students beside the published set,
 * and published; a published set never changes again (the database refuses it too) and can be retired.
 */
@Service
public class CareRuleSets {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    CareRuleSets(JdbcTemplate jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CareRuleSet> all() {
        return jdbc.query("SELECT * FROM care_rule_set ORDER BY code, published_at DESC NULLS FIRST, id DESC", (rs, i) -> ruleSet(rs));
    }

    @Transactional(readOnly = true)
    public CareRuleSet get(long id) {
        return jdbc.query("SELECT * FROM care_rule_set WHERE id = ?", (rs, i) -> ruleSet(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("care rule set " + id));
    }

    @Transactional(readOnly = true)
    public Optional<CareRuleSet> byCodeAndVersion(String code, String version) {
        return jdbc.query("SELECT * FROM care_rule_set WHERE code = ? AND version = ?", (rs, i) -> ruleSet(rs), code, version).stream()
                .findFirst();
    }

    /** The published set that evaluates a term: of those effective for the term, the last published. */
    @Transactional(readOnly = true)
    public Optional<CareRuleSet> effectiveFor(String term) {
        return jdbc.query("""
                SELECT * FROM care_rule_set WHERE status = 'PUBLISHED' AND ? = ANY (effective_terms)
                ORDER BY published_at DESC, id DESC LIMIT 1""", (rs, i) -> ruleSet(rs), term).stream().findFirst();
    }

    /** A new draft with the numbers and terms of another set, under a new version. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public CareRuleSet copy(long sourceId, String newVersion) {
        CareRuleSet source = get(sourceId);
        String version = newVersion == null ? "" : newVersion.trim();
        if (!version.matches("[0-9A-Za-z][0-9A-Za-z.-]{0,19}")) {
            throw CareRefusedException.of(CareRefusedException.Reason.INVALID, "version", "careRules.error.version");
        }
        if (byCodeAndVersion(source.code(), version).isPresent()) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "version", "careRules.error.versionTaken", source.code(), version);
        }
        Long id = jdbc.queryForObject("""
                INSERT INTO care_rule_set (code, version, name, status, effective_terms, parameters, copied_from, created_by, created_at)
                VALUES (?, ?, ?, 'DRAFT', ?::varchar[], ?::jsonb, ?, ?, ?) RETURNING id""", Long.class,
                source.code(), version, source.name(), source.effectiveTerms().toArray(String[]::new), json.writeValueAsString(source.parameters()),
                source.id(), audit.who().actor(), now());
        audit.record(AuditAction.CREATE, "CareRuleSet", id, "copy of " + source.label() + " as version " + version);
        return get(id);
    }

    /** Saves a draft's name, terms and numbers (problems are shown and block publishing); a stale lock version is refused. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public CareRuleSet save(long id, long expectedLockVersion, String name, List<String> effectiveTerms, CareParameters parameters) {
        CareRuleSet current = get(id);
        if (!current.draft()) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "", "careRules.error.notDraft", current.label());
        }
        List<CareProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(CareProblem.of("name", "careRules.error.name"));
        }
        if (parameters == null) {
            problems.add(CareProblem.of("parameters", "careRules.error.required"));
        }
        List<String> terms = terms(effectiveTerms, problems);
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        int updated = jdbc.update("""
                UPDATE care_rule_set SET name = ?, effective_terms = ?::varchar[], parameters = ?::jsonb, lock_version = lock_version + 1
                WHERE id = ? AND lock_version = ? AND status = 'DRAFT'""",
                name.trim(), terms.toArray(String[]::new), json.writeValueAsString(parameters), id, expectedLockVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("CareRuleSet", id);
        }
        audit.record(AuditAction.UPDATE, "CareRuleSet", id, current.label());
        return get(id);
    }

    /** Everything that stops a set from being published. */
    public List<CareProblem> problems(CareRuleSet set) {
        List<CareProblem> problems = new ArrayList<>(set.parameters().problems());
        if (set.effectiveTerms().isEmpty()) {
            problems.add(CareProblem.of("effectiveTerms", "careRules.error.noTerms"));
        }
        return problems;
    }

    /** Publishes a valid draft: from now on it evaluates its terms, and never changes again. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public CareRuleSet publish(long id, long expectedLockVersion) {
        CareRuleSet set = get(id);
        if (!set.draft()) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "", "careRules.error.notDraft", set.label());
        }
        if (set.lockVersion() != expectedLockVersion) {
            throw new ObjectOptimisticLockingFailureException("CareRuleSet", id);
        }
        List<CareProblem> problems = problems(set);
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        int updated = jdbc.update("""
                UPDATE care_rule_set SET status = 'PUBLISHED', published_by = ?, published_at = ?, lock_version = lock_version + 1
                WHERE id = ? AND lock_version = ? AND status = 'DRAFT'""", audit.who().actor(), now(), id, expectedLockVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("CareRuleSet", id);
        }
        audit.record(AuditAction.UPDATE, "CareRuleSet", id, "published " + set.label() + " for " + String.join(", ", set.effectiveTerms()));
        return get(id);
    }

    /** Retires a published set: it evaluates no more; its results stay. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public CareRuleSet retire(long id) {
        CareRuleSet set = get(id);
        if (set.status() != CareRuleSet.Status.PUBLISHED) {
            throw CareRefusedException.of(CareRefusedException.Reason.CONFLICT, "", "careRules.error.notPublished", set.label());
        }
        jdbc.update("UPDATE care_rule_set SET status = 'RETIRED' WHERE id = ? AND status = 'PUBLISHED'", id);
        audit.record(AuditAction.UPDATE, "CareRuleSet", id, "retired " + set.label());
        return get(id);
    }

    /** Counts of students per level, of the student ({@code level}) and of each area, under one rule set. */
    public record Counts(String ruleSet, long students, Map<String, Map<RiskLevel, Long>> levels) {
    }

    /** A draft's counts over a province's students in a term, beside those of the set published for the term (if any). */
    public record Simulation(String term, String provinceCode, Counts draft, Counts published) {
    }

    /**
     * Evaluates a (draft or any) set over a province's students in a term without writing anything, beside the set
     * published for the term: the counts per level and area of each, computed in one statement each.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('FUND')")
    public Simulation simulate(long id, String term, String provinceCode) {
        CareRuleSet set = get(id);
        List<CareProblem> problems = new ArrayList<>(set.parameters().problems());
        String t = null;
        try {
            t = Term.parse(term == null ? "" : term).toString();
        } catch (InvalidValueException e) {
            problems.add(CareProblem.of("term", e.messageKey()));
        }
        if (provinceCode == null || !provinceCode.matches("[0-9]{2}")
                || jdbc.queryForObject("SELECT count(*) FROM province WHERE code = ?", Integer.class, provinceCode) == 0) {
            problems.add(CareProblem.of("province", "careRules.error.province"));
        }
        if (!problems.isEmpty()) {
            throw CareRefusedException.invalid(problems);
        }
        String forTerm = t;
        Counts draft = counts(set, forTerm, provinceCode);
        Counts published = effectiveFor(forTerm).map(p -> counts(p, forTerm, provinceCode)).orElse(null);
        return new Simulation(t, provinceCode, draft, published);
    }

    private Counts counts(CareRuleSet set, String term, String provinceCode) {
        String sql = CareSql.counts(CareSql.evaluate(set.parameters(), "c.province_code = :province"));
        MapSqlParameterSource args = new MapSqlParameterSource().addValue("term", term).addValue("province", provinceCode)
                .addValue("ruleSetId", set.id());
        return named.queryForObject(sql, args, (rs, i) -> {
            Map<String, Map<RiskLevel, Long>> levels = new LinkedHashMap<>();
            for (String c : CareSql.COUNTED) {
                Map<RiskLevel, Long> m = new LinkedHashMap<>();
                for (RiskLevel level : RiskLevel.values()) {
                    m.put(level, rs.getLong(c + "_" + level.name().toLowerCase(java.util.Locale.ROOT)));
                }
                levels.put(c.equals("level") ? "LEVEL" : c.toUpperCase(java.util.Locale.ROOT), m);
            }
            return new Counts(set.label(), rs.getLong("students"), levels);
        });
    }

    private static List<String> terms(List<String> effectiveTerms, List<CareProblem> problems) {
        List<String> terms = new ArrayList<>();
        for (String t : effectiveTerms == null ? List.<String>of() : effectiveTerms) {
            if (t == null || t.isBlank()) {
                continue;
            }
            try {
                String term = Term.parse(t.trim()).toString();
                if (!terms.contains(term)) {
                    terms.add(term);
                }
            } catch (InvalidValueException e) {
                problems.add(CareProblem.of("effectiveTerms", "careRules.error.term", t.trim()));
            }
        }
        terms.sort(null);
        return terms;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private CareRuleSet ruleSet(ResultSet rs) throws SQLException {
        java.sql.Array terms = rs.getArray("effective_terms");
        OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
        return new CareRuleSet(rs.getLong("id"), rs.getString("code"), rs.getString("version"), rs.getString("name"),
                CareRuleSet.Status.valueOf(rs.getString("status")), terms == null ? List.of() : Arrays.asList((String[]) terms.getArray()),
                json.readValue(rs.getString("parameters"), CareParameters.class), (Long) rs.getObject("copied_from"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("published_by"),
                published == null ? null : published.toInstant(), rs.getLong("lock_version"));
    }
}
