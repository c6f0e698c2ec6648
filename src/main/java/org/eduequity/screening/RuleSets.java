package org.eduequity.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rule sets: read by everyone who screens, changed only by the fund office. A draft is edited, validated and
 * published; a published set is immutable (the database refuses changes too) and can only be copied or retired.
 */
@Service
public class RuleSets {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    RuleSets(JdbcTemplate jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RuleSet> all() {
        return jdbc.query("SELECT * FROM rule_set ORDER BY code, published_at DESC NULLS FIRST, id DESC", (rs, i) -> ruleSet(rs));
    }

    @Transactional(readOnly = true)
    public RuleSet get(long id) {
        return jdbc.query("SELECT * FROM rule_set WHERE id = ?", (rs, i) -> ruleSet(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("rule set " + id));
    }

    @Transactional(readOnly = true)
    public Optional<RuleSet> byCodeAndVersion(String code, String version) {
        return jdbc.query("SELECT * FROM rule_set WHERE code = ? AND version = ?", (rs, i) -> ruleSet(rs), code, version).stream()
                .findFirst();
    }

    /** The published rule set that screens a term's surveys: of those effective for the term, the last published. */
    @Transactional(readOnly = true)
    public Optional<RuleSet> effectiveFor(String term) {
        return jdbc.query("""
                SELECT * FROM rule_set WHERE status = 'PUBLISHED' AND ? = ANY (effective_terms)
                ORDER BY published_at DESC, id DESC LIMIT 1""", (rs, i) -> ruleSet(rs), term).stream().findFirst();
    }

    /** The published sets, for choosing the version of a run or the comparison of a what-if. */
    @Transactional(readOnly = true)
    public List<RuleSet> published() {
        return all().stream().filter(r -> r.status() == RuleSet.Status.PUBLISHED).toList();
    }

    /** A new draft with the numbers and terms of another set, under a new version. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public RuleSet copy(long sourceId, String newVersion) {
        RuleSet source = get(sourceId);
        String version = newVersion == null ? "" : newVersion.trim();
        if (!version.matches("[0-9A-Za-z][0-9A-Za-z.-]{0,19}")) {
            throw ScreeningRefusedException.invalid(List.of(RuleProblem.of("version", "rules.error.version")));
        }
        if (byCodeAndVersion(source.code(), version).isPresent()) {
            throw ScreeningRefusedException.conflict("version", "rules.error.versionTaken", source.code(), version);
        }
        Long id = jdbc.queryForObject("""
                INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, copied_from, created_by, created_at)
                VALUES (?, ?, ?, 'DRAFT', ?::varchar[], ?::jsonb, ?, ?, ?) RETURNING id""", Long.class,
                source.code(), version, source.name(), source.effectiveTerms().toArray(String[]::new), json.writeValueAsString(source.parameters()),
                source.id(), audit.who().actor(), now());
        audit.record(AuditAction.CREATE, "RuleSet", id, "copy of " + source.label() + " as version " + version);
        return get(id);
    }

    /**
     * Saves a draft's name, terms and numbers. A draft may be saved with problems (they are shown and block
     * publishing); a set changed by someone else since it was read is refused.
     */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public RuleSet save(long id, long expectedLockVersion, String name, List<String> effectiveTerms, RuleParameters parameters) {
        RuleSet current = get(id);
        if (!current.draft()) {
            throw ScreeningRefusedException.conflict("", "rules.error.notDraft", current.label());
        }
        List<RuleProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(RuleProblem.of("name", "rules.error.name"));
        }
        List<String> terms = terms(effectiveTerms, problems);
        if (!problems.isEmpty()) {
            throw ScreeningRefusedException.invalid(problems);
        }
        int updated = jdbc.update("""
                UPDATE rule_set SET name = ?, effective_terms = ?::varchar[], parameters = ?::jsonb, lock_version = lock_version + 1
                WHERE id = ? AND lock_version = ? AND status = 'DRAFT'""",
                name.trim(), terms.toArray(String[]::new), json.writeValueAsString(parameters), id, expectedLockVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("RuleSet", id);
        }
        audit.record(AuditAction.UPDATE, "RuleSet", id, current.label());
        return get(id);
    }

    /** Everything that stops a set from being published. */
    public List<RuleProblem> problems(RuleSet set) {
        List<RuleProblem> problems = new ArrayList<>(set.parameters().problems());
        if (set.effectiveTerms().isEmpty()) {
            problems.add(RuleProblem.of("effectiveTerms", "rules.error.noTerms"));
        }
        return problems;
    }

    /** Publishes a valid draft: from now on it can screen, and never changes again. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public RuleSet publish(long id, long expectedLockVersion) {
        RuleSet set = get(id);
        if (!set.draft()) {
            throw ScreeningRefusedException.conflict("", "rules.error.notDraft", set.label());
        }
        if (set.lockVersion() != expectedLockVersion) {
            throw new ObjectOptimisticLockingFailureException("RuleSet", id);
        }
        List<RuleProblem> problems = problems(set);
        if (!problems.isEmpty()) {
            throw ScreeningRefusedException.invalid(problems);
        }
        int updated = jdbc.update("""
                UPDATE rule_set SET status = 'PUBLISHED', published_by = ?, published_at = ?, lock_version = lock_version + 1
                WHERE id = ? AND lock_version = ? AND status = 'DRAFT'""", audit.who().actor(), now(), id, expectedLockVersion);
        if (updated == 0) {
            throw new ObjectOptimisticLockingFailureException("RuleSet", id);
        }
        audit.record(AuditAction.UPDATE, "RuleSet", id, "published " + set.label() + " for " + String.join(", ", set.effectiveTerms()));
        return get(id);
    }

    /** Retires a published set: it screens no more, its results stay as they are. */
    @Transactional
    @PreAuthorize("hasRole('FUND')")
    public RuleSet retire(long id) {
        RuleSet set = get(id);
        if (set.status() != RuleSet.Status.PUBLISHED) {
            throw ScreeningRefusedException.conflict("", "rules.error.notPublished", set.label());
        }
        jdbc.update("UPDATE rule_set SET status = 'RETIRED' WHERE id = ? AND status = 'PUBLISHED'", id);
        audit.record(AuditAction.UPDATE, "RuleSet", id, "retired " + set.label());
        return get(id);
    }

    private static List<String> terms(List<String> effectiveTerms, List<RuleProblem> problems) {
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
                problems.add(RuleProblem.of("effectiveTerms", "rules.error.term", t.trim()));
            }
        }
        terms.sort(null);
        return terms;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private RuleSet ruleSet(ResultSet rs) throws SQLException {
        java.sql.Array terms = rs.getArray("effective_terms");
        OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
        return new RuleSet(rs.getLong("id"), rs.getString("code"), rs.getString("version"), rs.getString("name"),
                RuleSet.Status.valueOf(rs.getString("status")), terms == null ? List.of() : Arrays.asList((String[]) terms.getArray()),
                json.readValue(rs.getString("parameters"), RuleParameters.class), (Long) rs.getObject("copied_from"),
                rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("published_by"),
                published == null ? null : published.toInstant(), rs.getLong("lock_version"));
    }
}
