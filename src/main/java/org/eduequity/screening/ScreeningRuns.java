package org.eduequity.screening;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.AdvisoryLocks;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-screening runs and what-if simulations: requested by the fund office, executed in the background as a few
 * set-based statements (one per slice of visit ids, so that progress can be shown).
 *
 * <p>A re-screening run screens every submitted visit of the term (and province) with a published rule set. Its
 * slices are screened by {@code eduequity.screening.run-workers} workers at once (both CPUs of a small server), each
 * slice appending its results in a transaction of its own; the run's own transaction makes them current, writes the
 * counts and SUCCEEDED, and commits once: if the run fails, none of its results becomes current, the previous results
 * remain current, and the results it appended are never shown (a child's history leaves out results of runs that did
 * not succeed). While it runs, the term (or term and province) is locked by the run's transaction, so submissions in
 * that scope wait for it, and a second overlapping run is refused. A what-if screens the same visits under a draft and
 * a published set at once and stores only the counts.
 */
@Service
public class ScreeningRuns {

    private static final Logger log = LoggerFactory.getLogger(ScreeningRuns.class);

    /** A run that has not reported progress for this long is taken as abandoned (its server stopped). */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final RuleSets ruleSets;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate separate;
    private volatile int slice;
    /** The run's own {@code work_mem}: its aggregates and the materialised slice stay in memory instead of spilling. */
    private final String workMem;
    private final Executor executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screening-run");
        t.setDaemon(true);
        return t;
    });

    /** The workers that screen a run's slices, each slice on a connection and in a transaction of its own. */
    private final ExecutorService workers;

    ScreeningRuns(JdbcTemplate jdbc, RuleSets ruleSets, AuditLog audit, Clock clock, PlatformTransactionManager transactions,
                  @Value("${eduequity.screening.run-slice:200000}") int slice,
                  @Value("${eduequity.screening.run-work-mem:64MB}") String workMem,
                  @Value("${eduequity.screening.run-workers:2}") int workers) {
        if (workers < 1 || workers > 16) {
            throw new IllegalArgumentException("eduequity.screening.run-workers must be 1–16: " + workers);
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "screening-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.slice = slice;
        if (!workMem.matches("[0-9]{1,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("eduequity.screening.run-work-mem must look like 64MB: " + workMem);
        }
        this.workMem = workMem;
    }

    /** How many visits one statement of a run screens (tests use small slices to run several). */
    void sliceSize(int visits) {
        this.slice = visits;
    }

    /** Starts re-screening a term (one province, or all when {@code provinceCode} is null) with a published rule set. */
    @PreAuthorize("hasRole('FUND')")
    public ScreeningRun startRescreen(String term, String provinceCode, long ruleSetId) {
        List<RuleProblem> problems = new ArrayList<>();
        String theTerm = term(term, problems);
        String province = province(provinceCode, problems);
        RuleSet set = ruleSet(ruleSetId, "ruleSet", problems);
        if (set != null && set.status() != RuleSet.Status.PUBLISHED) {
            problems.add(RuleProblem.of("ruleSet", "runs.error.notPublished", set.label()));
        }
        if (!problems.isEmpty()) {
            throw ScreeningRefusedException.invalid(problems);
        }
        long id = tx.execute(s -> {
            AdvisoryLocks.exclusive(jdbc, new TreeSet<>(Set.of("screening-run-start")));
            abandonStale();
            List<Map<String, Object>> overlapping = jdbc.queryForList("""
                    SELECT id, province_code FROM screening_run WHERE kind = 'RESCREEN' AND status = 'RUNNING' AND term = ?
                    AND (CAST(? AS VARCHAR) IS NULL OR province_code IS NULL OR province_code = ?)""", theTerm, province, province);
            if (!overlapping.isEmpty()) {
                throw ScreeningRefusedException.conflict("province", "runs.error.overlap", overlapping.get(0).get("id"), theTerm);
            }
            return insert(ScreeningRun.Kind.RESCREEN, theTerm, province, set.id(), null, null, List.of());
        });
        audit.record(AuditAction.CREATE, "ScreeningRun", id, "re-screen " + theTerm + " " + (province == null ? "all provinces" : province)
                + " with " + set.label());
        executor.execute(() -> execute(id));
        return load(id);
    }

    /**
     * Starts a what-if: the term's visits screened under a draft (or any) rule set and a published one side by side;
     * current results are not touched.
     */
    @PreAuthorize("hasRole('FUND')")
    public ScreeningRun startWhatIf(String term, String provinceCode, long ruleSetId, long compareRuleSetId, BigDecimal amountPerChild,
                                    List<String> fundedClasses) {
        List<RuleProblem> problems = new ArrayList<>();
        String theTerm = term(term, problems);
        String province = province(provinceCode, problems);
        RuleSet set = ruleSet(ruleSetId, "ruleSet", problems);
        RuleSet compare = ruleSet(compareRuleSetId, "compareRuleSet", problems);
        if (set != null) {
            set.parameters().problems().forEach(p -> problems.add(RuleProblem.of("ruleSet", "runs.error.invalidRuleSet", set.label())));
        }
        if (compare != null && compare.status() != RuleSet.Status.PUBLISHED) {
            problems.add(RuleProblem.of("compareRuleSet", "runs.error.notPublished", compare.label()));
        }
        if (amountPerChild == null || amountPerChild.signum() < 0 || amountPerChild.scale() > 2
                || amountPerChild.compareTo(new BigDecimal("1000000")) > 0) {
            problems.add(RuleProblem.of("amountPerChild", "runs.error.amount"));
        }
        List<String> funded = fundedClasses == null ? List.of() : fundedClasses.stream().distinct().toList();
        if (funded.isEmpty() || funded.stream().anyMatch(c -> Arrays.stream(Classification.values()).noneMatch(k -> k.name().equals(c)))) {
            problems.add(RuleProblem.of("fundedClasses", "runs.error.fundedClasses"));
        }
        List<RuleProblem> distinct = problems.stream().distinct().toList();
        if (!distinct.isEmpty()) {
            throw ScreeningRefusedException.invalid(distinct);
        }
        long id = tx.execute(s -> insert(ScreeningRun.Kind.WHAT_IF, theTerm, province, set.id(), compare.id(), amountPerChild, funded));
        audit.record(AuditAction.CREATE, "ScreeningRun", id, "what-if " + theTerm + " " + (province == null ? "all provinces" : province)
                + ": " + set.label() + " against " + compare.label());
        executor.execute(() -> execute(id));
        return load(id);
    }

    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    public ScreeningRun get(long id) {
        return load(id);
    }

    private ScreeningRun load(long id) {
        ScreeningRun run = jdbc.query(SELECT + " WHERE r.id = ?", (rs, i) -> run(rs, List.of()), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("screening run " + id));
        List<ScreeningRun.Count> counts = jdbc.query("""
                SELECT province_code, from_class, to_class, households, students FROM screening_run_count WHERE run_id = ?
                ORDER BY province_code, from_class, to_class""",
                (rs, i) -> new ScreeningRun.Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)), id);
        return withCounts(run, counts);
    }

    /** The newest runs, newest first (without their counts). */
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    public List<ScreeningRun> recent(int limit) {
        return jdbc.query(SELECT + " ORDER BY r.id DESC LIMIT ?", (rs, i) -> run(rs, List.of()), limit);
    }

    private long insert(ScreeningRun.Kind kind, String term, String province, long ruleSetId, Long compareId, BigDecimal amount,
                        List<String> funded) {
        OffsetDateTime now = now();
        return jdbc.queryForObject("""
                INSERT INTO screening_run (kind, term, province_code, rule_set_id, compare_rule_set_id, amount_per_child, funded_classes,
                                           status, requested_by, requested_at, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::varchar[], 'RUNNING', ?, ?, ?) RETURNING id""", Long.class,
                kind.name(), term, province, ruleSetId, compareId, amount, funded.toArray(String[]::new), audit.who().actor(), now, now);
    }

    /** Executes a run; whatever happens, the run ends SUCCEEDED or FAILED. */
    void execute(long id) {
        ScreeningRun run = load(id);
        try {
            if (run.kind() == ScreeningRun.Kind.RESCREEN) {
                tx.executeWithoutResult(s -> rescreen(run));
            } else {
                tx.executeWithoutResult(s -> whatIf(run));
            }
            log.info("Screening run {} ({} {} {}) succeeded in {}", id, run.kind(), run.term(), run.provinceCode() == null ? "all" : run.provinceCode(),
                    load(id).duration(Instant.now(clock)));
        } catch (RuntimeException e) {
            log.error("Screening run {} failed", id, e);
            Throwable cause = org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e);
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            separate.executeWithoutResult(s -> jdbc.update(
                    "UPDATE screening_run SET status = 'FAILED', finished_at = ?, heartbeat_at = ?, error = ? WHERE id = ?",
                    now(), now(), message.length() > 2000 ? message.substring(0, 2000) : message, id));
        }
    }

    /**
     * A re-screening run. The run's transaction (this thread's) takes the scope's locks first, so that no submission
     * in the scope and no other run changes what is current while it runs. The workers then screen the slices, each
     * slice appending its results in a transaction of its own (results are append-only; none of them is current yet)
     * and counting the moves from the current results, which cannot change under the run's locks. As each slice is
     * appended, the run's transaction makes its results current; at the end it writes the counts and SUCCEEDED and
     * commits: the run's results become current all together, or none does. Results of a run that did not succeed
     * stay in the table, never current, and are left out of every history ({@link Screening#historyOfChild}).
     */
    private void rescreen(ScreeningRun run) {
        tune();
        if (run.provinceCode() == null) {
            AdvisoryLocks.exclusive(jdbc, new TreeSet<>(Set.of(Screening.termKey(run.term()))));
        } else {
            AdvisoryLocks.shared(jdbc, new TreeSet<>(Set.of(Screening.termKey(run.term()))));
            AdvisoryLocks.exclusive(jdbc, new TreeSet<>(Set.of(Screening.provinceKey(run.term(), run.provinceCode()))));
        }
        RuleSet set = ruleSets.get(run.ruleSetId());
        OffsetDateTime now = now();
        String append = appendStatement(set.parameters());
        Map<List<String>, int[]> counts = new TreeMap<>(COUNT_ORDER);
        forEachSlice(run, (lo, hi) -> tx.execute(s -> {
            tune();
            return jdbc.query(append, APPENDED, set.id(), ScreeningResult.Cause.RUN.name(), run.id(), now,
                    run.term(), run.provinceCode(), run.provinceCode(), lo, hi, lo, hi, lo, hi);
        }), slice -> {
            int moved = jdbc.update(MOVE_CURRENT, slice.firstId(), slice.lastId(), run.id(), slice.from(), slice.to());
            if (moved != slice.households()) {
                throw new IllegalStateException("slice " + slice.from() + "–" + slice.to() + " of run " + run.id() + ": " + slice.households()
                        + " results appended, " + moved + " made current");
            }
            slice.counts().forEach(c -> add(counts, c));
        });
        succeed(run, counts);
    }

    /**
     * One slice of a re-screening run, in a transaction of its own: screen and append the new results, and count the
     * moves from the current results (read by the slice's range of visit ids) to the new ones. Returns the counts per
     * province and pair of classes with the smallest and largest id appended in each. Parameters: rule set id, cause,
     * run id, computed at, the {@link #SLICE} filter's, first visit id, end of the slice (exclusive).
     */
    static String appendStatement(RuleParameters parameters) {
        return "WITH ins AS (" + Screening.insertFrom("(" + ScreeningSql.select(List.of(parameters), SLICE) + ") s")
                + " RETURNING id, visit_id, province_code, classification, students)\n"
                + "SELECT ins.province_code, COALESCE(c.classification, 'NONE') AS from_class, ins.classification AS to_class, count(*) AS households, "
                + "sum(ins.students) AS students, min(ins.id) AS first_id, max(ins.id) AS last_id\n"
                + "FROM ins LEFT JOIN screening_current c ON c.visit_id = ins.visit_id AND c.visit_id >= ? AND c.visit_id < ?\n"
                + "GROUP BY ins.province_code, COALESCE(c.classification, 'NONE'), ins.classification";
    }

    /**
     * Makes a slice's appended results current, in the run's transaction: the run's results with ids from the slice's
     * smallest to its largest (the other worker's appended meanwhile lie in between) and visits in the slice's range.
     * Parameters: first id, last id, run id, first visit id, end of the slice (exclusive).
     */
    static final String MOVE_CURRENT = """
            INSERT INTO screening_current (visit_id, result_id, term, province_code, classification, students, hardship_score,
                                           per_capita_income)
            SELECT visit_id, id, term, province_code, classification, students, hardship_score, per_capita_income FROM screening_result
            WHERE id >= ? AND id <= ? AND run_id = ? AND visit_id >= ? AND visit_id < ?
            ON CONFLICT (visit_id) DO UPDATE SET result_id = excluded.result_id, term = excluded.term,
                province_code = excluded.province_code, classification = excluded.classification, students = excluded.students,
                hardship_score = excluded.hardship_score, per_capita_income = excluded.per_capita_income""";

    /** One slice of a what-if: counts per province and pair of classes. Parameters: the {@link #SLICE} filter's. */
    static String whatIfStatement(RuleParameters compare, RuleParameters draft) {
        return "SELECT e.province_code, e.class_0 AS from_class, e.class_1 AS to_class, count(*) AS households, sum(e.students) AS students, "
                + "0 AS first_id, 0 AS last_id FROM ("
                + ScreeningSql.select(List.of(compare, draft), SLICE)
                + ") e GROUP BY e.province_code, e.class_0, e.class_1";
    }

    /** The visits of a run's slice: its term, province (null: all) and id range, for the visits and their members. */
    static final String SLICE = "v.term = ? AND v.status = 'SUBMITTED' AND (CAST(? AS VARCHAR) IS NULL OR v.province_code = ?) "
            + "AND v.id >= ? AND v.id < ? AND hm.visit_id >= ? AND hm.visit_id < ?";

    /**
     * A what-if: the workers screen the slices under both rule sets (reading only); the run's transaction writes the
     * counts and SUCCEEDED at the end.
     */
    private void whatIf(ScreeningRun run) {
        RuleSet compare = ruleSets.get(run.compareRuleSetId());
        RuleSet set = ruleSets.get(run.ruleSetId());
        String sql = whatIfStatement(compare.parameters(), set.parameters());
        Map<List<String>, int[]> counts = new TreeMap<>(COUNT_ORDER);
        forEachSlice(run, (lo, hi) -> tx.execute(s -> {
            tune();
            return jdbc.query(sql, APPENDED, run.term(), run.provinceCode(), run.provinceCode(), lo, hi, lo, hi);
        }), slice -> slice.counts().forEach(c -> add(counts, c)));
        succeed(run, counts);
    }

    private static final java.util.Comparator<List<String>> COUNT_ORDER = (a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b));

    private static void add(Map<List<String>, int[]> counts, ScreeningRun.Count c) {
        int[] sum = counts.computeIfAbsent(List.of(c.provinceCode(), c.fromClass(), c.toClass()), k -> new int[2]);
        sum[0] += c.households();
        sum[1] += c.students();
    }

    /** The run's counts and its end, in the run's transaction: they commit with what the run made current. */
    private void succeed(ScreeningRun run, Map<List<String>, int[]> counts) {
        List<Object[]> rows = new ArrayList<>();
        counts.forEach((k, v) -> rows.add(new Object[] {run.id(), k.get(0), k.get(1), k.get(2), v[0], v[1]}));
        jdbc.batchUpdate("INSERT INTO screening_run_count (run_id, province_code, from_class, to_class, households, students) VALUES (?, ?, ?, ?, ?, ?)",
                rows);
        int updated = jdbc.update("""
                UPDATE screening_run SET status = 'SUCCEEDED', finished_at = ?, heartbeat_at = ?, households_done = households_total
                WHERE id = ? AND status = 'RUNNING'""", now(), now(), run.id());
        if (updated != 1) {
            throw new IllegalStateException("run " + run.id() + " is no longer running (abandoned?)");
        }
    }

    /** What a worker did with one slice: the visit id range, the households appended (or counted), the counts. */
    record SliceDone(long from, long to, long firstId, long lastId, int households, List<ScreeningRun.Count> counts) {
    }

    private static final org.springframework.jdbc.core.ResultSetExtractor<List<Object[]>> APPENDED = ScreeningRuns::appended;

    private static List<Object[]> appended(ResultSet rs) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(new Object[] {new ScreeningRun.Count(rs.getString("province_code"), rs.getString("from_class"), rs.getString("to_class"),
                    rs.getInt("households"), rs.getInt("students")), rs.getLong("first_id"), rs.getLong("last_id")});
        }
        return rows;
    }

    private interface SliceWork {
        /** Rows of {@link #appended}. */
        List<Object[]> run(long fromId, long toIdExclusive);
    }

    private interface SliceDoneHandler {
        void accept(SliceDone slice);
    }

    /**
     * Splits the run's visits into slices of ids and hands them to the workers; as each is done, {@code done} handles it
     * on this thread (in the run's transaction) and the progress is reported (in a transaction of its own). If a slice
     * or its handling fails, the slices not yet started are skipped, the ones under way are awaited, and the failure is
     * thrown.
     */
    private void forEachSlice(ScreeningRun run, SliceWork work, SliceDoneHandler done) {
        Map<String, Object> bounds = jdbc.queryForMap("""
                SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM home_visit v WHERE v.term = ? AND v.status = 'SUBMITTED'
                AND (CAST(? AS VARCHAR) IS NULL OR v.province_code = ?)""", run.term(), run.provinceCode(), run.provinceCode());
        long total = ((Number) bounds.get("n")).longValue();
        separate.executeWithoutResult(s -> jdbc.update("UPDATE screening_run SET households_total = ?, heartbeat_at = ? WHERE id = ?",
                total, now(), run.id()));
        if (total == 0) {
            return;
        }
        long lo = ((Number) bounds.get("lo")).longValue();
        long hi = ((Number) bounds.get("hi")).longValue() + 1;
        int slices = (int) Math.max(1, Math.min(50, (total + slice - 1) / slice));
        long step = (hi - lo + slices - 1) / slices;
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorCompletionService<SliceDone> completion = new ExecutorCompletionService<>(workers);
        List<Future<SliceDone>> futures = new ArrayList<>();
        for (long from = lo; from < hi; from += step) {
            long a = from;
            long b = Math.min(hi, from + step);
            futures.add(completion.submit(() -> {
                if (stop.get()) {
                    return null;
                }
                List<Object[]> rows = work.run(a, b);
                List<ScreeningRun.Count> counts = rows.stream().map(r -> (ScreeningRun.Count) r[0]).toList();
                return new SliceDone(a, b, rows.stream().mapToLong(r -> (Long) r[1]).min().orElse(0),
                        rows.stream().mapToLong(r -> (Long) r[2]).max().orElse(-1), counts.stream().mapToInt(ScreeningRun.Count::households).sum(),
                        counts);
            }));
        }
        try {
            long households = 0;
            for (int i = 0; i < futures.size(); i++) {
                SliceDone slice = completion.take().get();
                done.accept(slice);
                households += slice.households();
                long soFar = households;
                separate.executeWithoutResult(s -> jdbc.update("UPDATE screening_run SET households_done = ?, heartbeat_at = ? WHERE id = ?",
                        soFar, now(), run.id()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | RuntimeException e) {
            stop.set(true);
            for (Future<SliceDone> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException ignored) {
                    // the first failure is the one reported
                }
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Marks runs whose server stopped reporting as failed, so that they no longer block new runs. */
    private void abandonStale() {
        jdbc.update("""
                UPDATE screening_run SET status = 'FAILED', finished_at = ?, error = 'abandoned: no progress reported'
                WHERE status = 'RUNNING' AND heartbeat_at < ?""", now(), now().minus(ABANDONED_AFTER));
    }

    /**
     * The run's own settings for its transaction: its work_mem, and a plan made for each slice's bounds (a generic plan,
     * which PostgreSQL may switch to after a prepared statement's fifth run, could not use the id range).
     */
    private void tune() {
        jdbc.execute("SET LOCAL work_mem = '" + workMem + "'");
        jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }

    private String term(String term, List<RuleProblem> problems) {
        try {
            return Term.parse(term == null ? "" : term.trim()).toString();
        } catch (InvalidValueException e) {
            problems.add(RuleProblem.of("term", "runs.error.term"));
            return null;
        }
    }

    private String province(String code, List<RuleProblem> problems) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.trim();
        if (jdbc.queryForObject("SELECT count(*) FROM province WHERE code = ?", Integer.class, c) == 0) {
            problems.add(RuleProblem.of("province", "runs.error.province"));
            return null;
        }
        return c;
    }

    private RuleSet ruleSet(long id, String field, List<RuleProblem> problems) {
        try {
            return ruleSets.get(id);
        } catch (NotFoundException e) {
            problems.add(RuleProblem.of(field, "runs.error.ruleSet"));
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }

    private static final String SELECT = """
            SELECT r.*, rs.code || ' ' || rs.version AS rule_set_label, cs.code || ' ' || cs.version AS compare_label
            FROM screening_run r JOIN rule_set rs ON rs.id = r.rule_set_id LEFT JOIN rule_set cs ON cs.id = r.compare_rule_set_id""";

    private static ScreeningRun run(ResultSet rs, List<ScreeningRun.Count> counts) throws SQLException {
        java.sql.Array funded = rs.getArray("funded_classes");
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new ScreeningRun(rs.getLong("id"), ScreeningRun.Kind.valueOf(rs.getString("kind")), rs.getString("term"),
                rs.getString("province_code"), rs.getLong("rule_set_id"), rs.getString("rule_set_label"), (Long) rs.getObject("compare_rule_set_id"),
                rs.getString("compare_label"), rs.getBigDecimal("amount_per_child"),
                funded == null ? List.of() : Arrays.asList((String[]) funded.getArray()), ScreeningRun.Status.valueOf(rs.getString("status")),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), (Integer) rs.getObject("households_total"), rs.getInt("households_done"),
                rs.getString("error"), counts);
    }

    private static ScreeningRun withCounts(ScreeningRun r, List<ScreeningRun.Count> counts) {
        return new ScreeningRun(r.id(), r.kind(), r.term(), r.provinceCode(), r.ruleSetId(), r.ruleSetLabel(), r.compareRuleSetId(),
                r.compareRuleSetLabel(), r.amountPerChild(), r.fundedClasses(), r.status(), r.requestedBy(), r.requestedAt(), r.finishedAt(),
                r.householdsTotal(), r.householdsDone(), r.error(), List.copyOf(counts));
    }
}
