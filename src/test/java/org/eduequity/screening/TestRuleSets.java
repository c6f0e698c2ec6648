package org.eduequity.screening;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Rule sets written straight to the database for tests, with a unique version, effective for one term. */
public final class TestRuleSets {

    private TestRuleSets() {
    }

    /** Inserts a rule set of the code with status DRAFT or PUBLISHED, effective for the term; returns its id. */
    public static long insert(JdbcTemplate jdbc, JsonMapper json, String code, String status, String term, RuleParameters parameters) {
        boolean draft = "DRAFT".equals(status);
        return jdbc.queryForObject("""
                INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, created_by, published_by, published_at)
                VALUES (?, ?, 'test', ?, ARRAY[?]::varchar[], ?::jsonb, 'test', ?, CASE WHEN ? THEN now() END) RETURNING id""",
                Long.class, code, "v" + System.nanoTime() % 1_000_000_000L, status, term, json.writeValueAsString(parameters),
                draft ? null : "test", !draft);
    }
}
