package org.eduequity.shared;

import java.util.SortedSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Transaction-scoped PostgreSQL advisory locks on text keys, held until the caller's transaction ends. Several keys
 * are taken in one round trip in their sorted order, so writers taking overlapping sets cannot deadlock; works
 * across every instance of the application.
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Exclusive locks on the keys. */
    public static void exclusive(JdbcTemplate jdbc, SortedSet<String> keys) {
        take(jdbc, "pg_advisory_xact_lock", keys);
    }

    /** Shared locks on the keys: any number of holders, none while someone holds one exclusively. */
    public static void shared(JdbcTemplate jdbc, SortedSet<String> keys) {
        take(jdbc, "pg_advisory_xact_lock_shared", keys);
    }

    private static void take(JdbcTemplate jdbc, String function, SortedSet<String> keys) {
        if (!keys.isEmpty()) {
            // unnest yields the sorted keys in array order and the locks are taken in that order
            jdbc.queryForList("SELECT " + function + "(hashtextextended(k, 0)) FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n",
                    (Object) keys.toArray(String[]::new));
        }
    }
}
