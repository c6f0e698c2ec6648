package org.eduequity.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.eduequity.screening.RuleSet;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.ScreeningBenchmarkStatements;
import org.eduequity.screening.ScreeningRun;
import org.eduequity.screening.ScreeningRuns;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Re-screening of a whole term through {@link ScreeningRuns#startRescreen} against one hand-written SQL statement
 * computing the same classification, and a what-if through {@link ScreeningRuns#startWhatIf}, over households
 * generated in the database with set-based SQL (untimed). Prints the times, their ratio, the class counts of both,
 * the heap of this JVM, and writes EXPLAIN (ANALYZE, BUFFERS) of one slice of each statement to
 * target/benchmark/screening-explain.txt.
 */
final class ScreeningBenchmark {

    static final String TERM = "2569/1";
    /** Org units the benchmark adds (schools, code prefix 19) per province, in the province's first subdistricts. */
    static final int UNITS_PER_PROVINCE = 40;

    private final int households;
    private final String focusProvince;
    private final double focusShare;
    private final Path dir = Path.of("target", "benchmark");

    ScreeningBenchmark(int households) {
        this(households, null, 0);
    }

    /** Generates households of which {@code focusShare} are in {@code focusProvince} (the rest spread evenly). */
    ScreeningBenchmark(int households, String focusProvince, double focusShare) {
        this.households = households;
        this.focusProvince = focusProvince;
        this.focusShare = focusProvince == null ? 0 : focusShare;
    }

    void run() throws Exception {
        Files.createDirectories(dir);
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            System.out.printf(Locale.ROOT, "screening: %,d households, term %s, %s, load %.2f%n", households, TERM, heap.report(), load());
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("fund", null,
                    List.of(new SimpleGrantedAuthority("ROLE_FUND"))));
            ScreeningRuns runs = app.context.getBean(ScreeningRuns.class);
            RuleSets ruleSets = app.context.getBean(RuleSets.class);
            RuleSet published = ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow();

            // 1. data, untimed
            long genStart = System.nanoTime();
            try (Connection c = app.jdbc()) {
                generate(c);
            }
            long[] rows;
            try (Connection c = app.jdbc()) {
                rows = counts(c);
            }
            System.out.printf(Locale.ROOT, "generated in %.1f s: term %s has %,d submitted visits (households), %,d members (%.2f per household), "
                    + "%,d visit_student rows (%.2f per household); tables: household %,d, home_visit %,d, household_member %,d, child %,d; "
                    + "%d org units in %d provinces; load %.2f%n", (System.nanoTime() - genStart) / 1e9, TERM, rows[0], rows[1],
                    rows[1] / (double) rows[0], rows[2], rows[2] / (double) rows[0], rows[3], rows[4], rows[5], rows[6], rows[7], rows[8], load());

            // the first current results: one re-screen run, untimed
            ScreeningRun first = await(runs, runs.startRescreen(TERM, null, published.id()));
            System.out.printf(Locale.ROOT, "first results (untimed re-screen run %d): %s in %.1f s, %s%n", first.id(), first.status(),
                    seconds(first), byClass(first));
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                long t = System.nanoTime();
                s.execute("VACUUM ANALYZE household, home_visit, household_member, child, visit_student, screening_result, screening_run_count");
                s.execute("CHECKPOINT");
                System.out.printf(Locale.ROOT, "VACUUM ANALYZE and CHECKPOINT in %.1f s; database %s; load %.2f%n", (System.nanoTime() - t) / 1e9,
                        one(c, "SELECT pg_size_pretty(pg_database_size(current_database()))"), load());
            }
            String heapBefore = heap.report();

            // 2. timed: the re-screening run, from request to SUCCEEDED
            long wallStart = System.nanoTime();
            ScreeningRun run = await(runs, runs.startRescreen(TERM, null, published.id()));
            double runWall = (System.nanoTime() - wallStart) / 1e9;
            double runSeconds = seconds(run);
            double loadAfterRun = load();
            System.out.printf(Locale.ROOT, "re-screen run %d: %s, %,d households, requested→finished %.2f s, wall clock %.2f s, load %.2f%n",
                    run.id(), run.status(), run.householdsTotal(), runSeconds, runWall, loadAfterRun);
            if (run.status() != ScreeningRun.Status.SUCCEEDED) {
                throw new IllegalStateException("re-screen run failed: " + run.error());
            }

            // 3. timed: the baseline, one hand-written statement
            double baselineSeconds;
            Map<String, Long> baselineCounts;
            long mismatches;
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_baseline");
                long t = System.nanoTime();
                s.execute("CREATE UNLOGGED TABLE bench_baseline AS " + BASELINE);
                baselineSeconds = (System.nanoTime() - t) / 1e9;
                baselineCounts = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT classification, count(*) FROM bench_baseline GROUP BY 1")) {
                    while (rs.next()) {
                        baselineCounts.put(rs.getString(1), rs.getLong(2));
                    }
                }
                // untimed: the same class for every visit as the run's current result
                mismatches = Long.parseLong(one(c, """
                        SELECT count(*) FROM bench_baseline b FULL JOIN (SELECT visit_id, classification FROM screening_current
                        WHERE term = '%s') r ON r.visit_id = b.visit_id
                        WHERE b.classification IS DISTINCT FROM r.classification""".formatted(TERM)));
            }
            double loadAfterBaseline = load();
            Map<String, Long> runCounts = byClass(run);
            System.out.printf(Locale.ROOT, "baseline (one hand-written statement): %.2f s, load %.2f; counts %s; run counts %s; visits whose class differs: %,d%n",
                    baselineSeconds, loadAfterBaseline, baselineCounts, runCounts, mismatches);

            // 4. timed: a what-if, a draft (cut-off 18, income ceiling 3,200.00) against the published set
            long draftId;
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM rule_set WHERE code = 'cct-pmt-default' AND version = '2569.1-bench'");
                draftId = Long.parseLong(one(c, """
                        INSERT INTO rule_set (code, version, name, status, effective_terms, parameters, copied_from, created_by)
                        SELECT code, '2569.1-bench', 'Benchmark draft: cut-off 18, income ceiling 3,200.00', 'DRAFT', '{}',
                               jsonb_set(jsonb_set(parameters, '{cutOff}', '18'), '{incomeCeiling}', '"3200.00"'), id, 'benchmark'
                        FROM rule_set WHERE id = %d RETURNING id""".formatted(published.id())));
            }
            long whatIfWallStart = System.nanoTime();
            ScreeningRun whatIf = await(runs, runs.startWhatIf(TERM, null, draftId, published.id(), new BigDecimal("400.00"),
                    List.of("EXTREMELY_POOR")));
            double whatIfWall = (System.nanoTime() - whatIfWallStart) / 1e9;
            double whatIfSeconds = seconds(whatIf);
            double loadAfterWhatIf = load();
            if (whatIf.status() != ScreeningRun.Status.SUCCEEDED) {
                throw new IllegalStateException("what-if failed: " + whatIf.error());
            }
            Map<String, Long> published0 = new TreeMap<>();
            Map<String, Long> draft1 = new TreeMap<>();
            long fundedPublished = 0;
            long fundedDraft = 0;
            for (ScreeningRun.Count k : whatIf.counts()) {
                published0.merge(k.fromClass(), (long) k.households(), Long::sum);
                draft1.merge(k.toClass(), (long) k.households(), Long::sum);
                fundedPublished += "EXTREMELY_POOR".equals(k.fromClass()) ? k.students() : 0;
                fundedDraft += "EXTREMELY_POOR".equals(k.toClass()) ? k.students() : 0;
            }
            System.out.printf(Locale.ROOT, "what-if %d: %s, requested→finished %.2f s, wall clock %.2f s, load %.2f; published %s, draft %s%n",
                    whatIf.id(), whatIf.status(), whatIfSeconds, whatIfWall, loadAfterWhatIf, published0, draft1);
            String heapAfter = heap.report();


            // 5. untimed: EXPLAIN (ANALYZE, BUFFERS) of one slice of each statement (rolled back) and of the baseline
            Path explain = dir.resolve("screening-explain.txt");
            String settings = explain(app, explain, published, ruleSets.get(draftId), run.id(), whatIf.id());

            System.out.println();
            System.out.println("=== screening result ===");
            System.out.printf(Locale.ROOT, "households           %,d submitted visits of %s (%,d members, %,d students)%n", rows[0], TERM, rows[1], rows[2]);
            System.out.printf(Locale.ROOT, "re-screen run        %.2f s requested→finished (wall clock %.2f s), %,d households, %.0f households/s "
                    + "(goal <= 15 s: %s)%n", runSeconds, runWall, run.householdsTotal(), run.householdsTotal() / runSeconds, runSeconds <= 15 ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "baseline, one SQL    %.2f s (CREATE UNLOGGED TABLE … AS SELECT visit_id, classification)%n", baselineSeconds);
            System.out.printf(Locale.ROOT, "ratio baseline/run   %.1f %% (goal >= 40 %%: %s)%n", 100 * baselineSeconds / runSeconds,
                    baselineSeconds / runSeconds >= 0.40 ? "met" : "MISSED");
            System.out.printf(Locale.ROOT, "classes, run         %s%n", runCounts);
            System.out.printf(Locale.ROOT, "classes, baseline    %s (%s; %,d visits differ)%n", baselineCounts,
                    baselineCounts.equals(runCounts) && mismatches == 0 ? "equal" : "DIFFERENT", mismatches);
            System.out.printf(Locale.ROOT, "what-if              %.2f s requested→finished (wall clock %.2f s) (goal <= 20 s: %s); "
                    + "funded students (EXTREMELY_POOR × 400.00): published %,d, draft %,d%n", whatIfSeconds, whatIfWall,
                    whatIfSeconds <= 20 ? "met" : "MISSED", fundedPublished, fundedDraft);
            System.out.println("before the timed part " + heapBefore);
            System.out.println("after the timed part  " + heapAfter);
            System.out.println("whole run            " + heap.report());
            System.out.printf(Locale.ROOT, "cpus %d, load average after run %.2f / baseline %.2f / what-if %.2f, at end %.2f%n",
                    Runtime.getRuntime().availableProcessors(), loadAfterRun, loadAfterBaseline, loadAfterWhatIf, load());
            System.out.println("server settings      " + settings);
            System.out.println("EXPLAIN output       " + explain);
            if (!baselineCounts.equals(runCounts) || mismatches != 0) {
                throw new IllegalStateException("the baseline does not classify like the run");
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The baseline: the rule of screening.md with the default set's numbers as literals, written by hand.

    static final String BASELINE = """
            SELECT v.id AS visit_id,
                   CASE
                     WHEN v.housing_tenure IS NULL OR v.housing_floor IS NULL OR v.housing_walls IS NULL OR v.housing_roof IS NULL
                       OR v.has_toilet IS NULL OR v.farmland IS NULL OR v.drinking_water IS NULL OR v.electricity IS NULL
                       OR v.car_up_to_15y IS NULL OR v.car_over_15y IS NULL OR v.pickup_up_to_15y IS NULL OR v.pickup_over_15y IS NULL
                       OR v.tractor_up_to_15y IS NULL OR v.tractor_over_15y IS NULL OR v.motorcycle_or_boat IS NULL
                       OR v.has_computer IS NULL OR v.has_air_conditioner IS NULL OR v.has_flat_screen_tv IS NULL
                       OR v.has_washing_machine IS NULL OR v.has_refrigerator IS NULL THEN 'INCOMPLETE'
                     WHEN round(sum(m.income_wages + m.income_farming + m.income_business + m.income_welfare + m.income_other) / count(*), 2)
                          > 3000.00 THEN 'NOT_POOR'
                     WHEN 5 * LEAST(4, count(*) FILTER (WHERE m.disabled OR m.chronically_ill
                              OR COALESCE(m.age, date_part('year', age(v.visited_on, m.birth_date))) >= 60
                              OR (COALESCE(m.age, date_part('year', age(v.visited_on, m.birth_date))) BETWEEN 15 AND 65
                                  AND m.unemployed AND NOT m.studying)))
                          + CASE WHEN v.single_parent THEN 5 ELSE 0 END
                          + CASE v.housing_tenure WHEN 'OWN' THEN 0 WHEN 'RENT' THEN 4 WHEN 'DORMITORY' THEN 4 ELSE 6 END
                          + CASE v.housing_floor WHEN 'TILE' THEN 0 WHEN 'PARQUET' THEN 0 WHEN 'CEMENT' THEN 1 WHEN 'VINYL' THEN 1
                                 WHEN 'WOOD_PLANK' THEN 2 WHEN 'OTHER' THEN 3 WHEN 'BAMBOO' THEN 4 ELSE 5 END
                          + CASE v.housing_walls WHEN 'CEMENT_RENDERED' THEN 0 WHEN 'BRICK_BLOCK' THEN 1 WHEN 'FIBRE_CEMENT' THEN 1
                                 WHEN 'WOOD_PLANK' THEN 2 WHEN 'ZINC' THEN 3 WHEN 'PLYWOOD' THEN 3 WHEN 'OTHER' THEN 4 ELSE 5 END
                          + CASE v.housing_roof WHEN 'TILE' THEN 0 WHEN 'METAL' THEN 1 WHEN 'WOOD_PLANK' THEN 2 WHEN 'OTHER' THEN 3 ELSE 5 END
                          + CASE WHEN v.has_toilet THEN 0 ELSE 4 END
                          + CASE v.farmland WHEN 'OVER_5_RAI' THEN 0 WHEN 'RAI_1_TO_5' THEN 1 WHEN 'UNDER_1_RAI' THEN 2 ELSE 3 END
                          + CASE v.drinking_water WHEN 'TAP' THEN 0 WHEN 'BOTTLED' THEN 1 WHEN 'WELL' THEN 3 ELSE 5 END
                          + CASE v.electricity WHEN 'METER' THEN 0 WHEN 'NONE' THEN 8 ELSE 5 END
                          + CASE WHEN v.car_up_to_15y + v.car_over_15y + v.pickup_up_to_15y + v.pickup_over_15y + v.tractor_up_to_15y
                                      + v.tractor_over_15y + v.motorcycle_or_boat = 0 THEN 3
                                 ELSE GREATEST(-20, -10 * v.car_up_to_15y - 4 * v.car_over_15y - 8 * v.pickup_up_to_15y - 3 * v.pickup_over_15y
                                               - 8 * v.tractor_up_to_15y - 3 * v.tractor_over_15y) END
                          - CASE WHEN v.has_computer THEN 2 ELSE 0 END - CASE WHEN v.has_air_conditioner THEN 4 ELSE 0 END
                          - CASE WHEN v.has_flat_screen_tv THEN 1 ELSE 0 END - CASE WHEN v.has_washing_machine THEN 1 ELSE 0 END
                          - CASE WHEN v.has_refrigerator THEN 1 ELSE 0 END
                          >= 20 THEN 'EXTREMELY_POOR'
                     ELSE 'POOR'
                   END AS classification
            FROM home_visit v JOIN household_member m ON m.visit_id = v.id
            WHERE v.term = '2569/1' AND v.status = 'SUBMITTED'
            GROUP BY v.id""";

    // ---------------------------------------------------------------------------------------------------------------
    // Generation, set-based, untimed

    /** Generates the term's households, members, children and their submitted visits (set-based SQL, untimed). */
    void generate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            step(s, "org units", """
                    INSERT INTO org_unit (code, name_th, name_en, type, affiliation, subdistrict_code, district_code, province_code)
                    SELECT '19' || lpad(row_number() OVER (ORDER BY x.code)::text, 8, '0'), 'โรงเรียนทดสอบ ' || x.name_th,
                           'Benchmark school ' || x.code, 'SCHOOL', 'OBEC', x.code, x.district_code, x.province_code
                    FROM (SELECT s.*, row_number() OVER (PARTITION BY s.province_code ORDER BY s.code) AS rn FROM subdistrict s) x
                    WHERE x.rn <= %d
                    ON CONFLICT (code) DO NOTHING""".formatted(UNITS_PER_PROVINCE));
            step(s, "unit list", """
                    CREATE TEMP TABLE bench_unit AS
                    SELECT (row_number() OVER (ORDER BY o.province_code = %s DESC, o.id) - 1)::int AS k, o.id, o.province_code,
                           o.subdistrict_code, sd.postcode, sd.latitude, sd.longitude
                    FROM org_unit o JOIN subdistrict sd ON sd.code = o.subdistrict_code WHERE o.code LIKE '19%%'""".formatted(
                    focusProvince == null ? "NULL" : "'" + focusProvince.replaceAll("[^0-9]", "") + "'"));
            // the focus province's units come first (k < n); a household falls in it with the focus share
            long n = 0;
            long all;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE province_code = " + (focusProvince == null ? "NULL"
                    : "'" + focusProvince.replaceAll("[^0-9]", "") + "'") + "), count(*) FROM bench_unit")) {
                rs.next();
                n = rs.getLong(1);
                all = rs.getLong(2);
            }
            String unitOf = String.format(Locale.ROOT, "CASE WHEN r3 < %1$.6f THEN floor(r3 / %1$.6f * %2$d) ELSE %2$d + floor((r3 - %1$.6f) / (1 - %1$.6f) * %3$d) END",
                    n == 0 ? 0.0 : focusShare, n, all - n);
            s.execute("SELECT setseed(0.20261122)");
            // one row per household: its unit, size, number of students, visit day, and the first id of its children
            step(s, "household plan", """
                    CREATE TEMP TABLE bench_hh AS
                    SELECT r.g, h0.id + r.g AS household_id, v0.id + r.g AS visit_id, u.id AS unit_id, u.province_code, u.subdistrict_code,
                           u.postcode, u.latitude, u.longitude, r.size, r.students, r.visited_on, r.single_parent, r.miss, r.miss_which,
                           r.jlat, r.jlon, c0.id + sum(r.students) OVER (ORDER BY r.g) - r.students AS child_base
                    FROM (SELECT g,
                                 CASE WHEN r1 < .03 THEN 1 WHEN r1 < .12 THEN 2 WHEN r1 < .31 THEN 3 WHEN r1 < .55 THEN 4 WHEN r1 < .75 THEN 5
                                      WHEN r1 < .88 THEN 6 WHEN r1 < .95 THEN 7 ELSE 8 END AS size,
                                 LEAST(CASE WHEN r1 < .03 THEN 1 WHEN r1 < .12 THEN 2 ELSE 3 END,
                                       CASE WHEN r2 < .75 THEN 1 WHEN r2 < .95 THEN 2 ELSE 3 END) AS students,
                                 (%s)::int AS k,
                                 date '2026-05-16' + floor(r4 * 169)::int AS visited_on, r5 < .12 AS single_parent,
                                 r6 < .015 AS miss, floor(r7 * 4)::int AS miss_which, (r8 - .5) * .02 AS jlat, (r9 - .5) * .02 AS jlon
                          FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7,
                                       random() r8, random() r9
                                FROM generate_series(1, %d) g) x) r
                    JOIN bench_unit u ON u.k = r.k
                    CROSS JOIN (SELECT COALESCE(max(id), 0) AS id FROM household) h0
                    CROSS JOIN (SELECT COALESCE(max(id), 0) AS id FROM home_visit) v0
                    CROSS JOIN (SELECT COALESCE(max(id), 0) AS id FROM child) c0""".formatted(unitOf, households));
            // one row per student: the child's id, a valid national id (prefix 18, check digit), age and birth date
            step(s, "student plan", """
                    CREATE TEMP TABLE bench_student AS
                    SELECT y.*, y.p || ((11 - (SELECT sum(substr(y.p, i, 1)::int * (14 - i)) FROM generate_series(1, 12) i) %% 11) %% 10)::text
                                  AS national_id,
                           (y.visited_on - make_interval(years => y.age, days => floor(y.rd * 360)::int))::date AS birth_date,
                           CASE WHEN y.age <= 5 THEN 'K' || GREATEST(1, y.age - 2) WHEN y.age <= 11 THEN 'P' || (y.age - 5)
                                WHEN y.age <= 17 THEN 'M' || (y.age - 11) ELSE 'M6' END AS grade_level
                    FROM (SELECT h.visit_id, h.visited_on, h.unit_id, h.province_code, st AS pos, h.child_base + st + 1 AS child_id,
                                 '18' || lpad((h.child_base + st + 1)::text, 10, '0') AS p, 4 + floor(random() * 14)::int AS age,
                                 random() AS rd, random() < .5 AS female, random() < .5 AS age_given, %s AS first_name, %s AS last_name
                          FROM bench_hh h CROSS JOIN LATERAL generate_series(0, h.students - 1) st) y""".formatted(
                    pick("เด็กชายสมชาย:1,เด็กหญิงสมหญิง:1,เด็กชายอนันต์:1,เด็กหญิงมะลิ:1,เด็กชายวีระ:1,เด็กหญิงพรทิพย์:1,เด็กชายกิตติ:1,เด็กหญิงนภา:1"),
                    pick("ใจดี:1,ศรีสุข:1,บุญมา:1,แก้วใส:1,ทองคำ:1,พรหมมา:1,สายทอง:1,คำแก้ว:1")));
            step(s, "index plan", "CREATE INDEX ON bench_student (visit_id, pos); ANALYZE bench_hh; ANALYZE bench_student");
            step(s, "household", """
                    INSERT INTO household (id, house_no, village_no, subdistrict_code, postcode, latitude, longitude)
                    SELECT household_id, (1 + floor(random() * 300))::int || '/' || (1 + floor(random() * 20))::int, 1 + floor(random() * 15)::int,
                           subdistrict_code, postcode,
                           CASE WHEN latitude IS NOT NULL THEN LEAST(20.5, GREATEST(5.5, latitude + jlat::numeric))::numeric(9, 6) END,
                           CASE WHEN longitude IS NOT NULL THEN LEAST(105.7, GREATEST(97.3, longitude + jlon::numeric))::numeric(9, 6) END
                    FROM bench_hh ORDER BY g""");
            step(s, "home_visit", """
                    INSERT INTO home_visit (id, external_id, household_id, term, visited_on, org_unit_id, province_code, status, single_parent,
                        housing_tenure, housing_floor, housing_walls, housing_roof, has_toilet, farmland, drinking_water, electricity,
                        car_up_to_15y, car_over_15y, pickup_up_to_15y, pickup_over_15y, tractor_up_to_15y, tractor_over_15y, motorcycle_or_boat,
                        has_computer, has_air_conditioner, has_flat_screen_tv, has_washing_machine, has_refrigerator,
                        journey_distance_km, journey_minutes, journey_mode, consent_given, consent_given_by, consent_given_on, consent_scopes,
                        submitted_at)
                    SELECT visit_id, gen_random_uuid(), household_id, '%s', visited_on, unit_id, province_code, 'SUBMITTED', single_parent,
                           %s,
                           CASE WHEN miss AND miss_which = 0 THEN NULL ELSE %s END,
                           %s, %s,
                           CASE WHEN miss AND miss_which = 1 THEN NULL ELSE random() < .93 END,
                           CASE WHEN miss AND miss_which = 2 THEN NULL ELSE %s END,
                           %s, %s,
                           CASE WHEN miss AND miss_which = 3 THEN NULL ELSE %s END, %s, %s, %s, %s, %s, %s,
                           random() < .15, random() < .12, random() < .55, random() < .45, random() < .75,
                           round((random() * 15)::numeric, 2), 5 + floor(random() * 55)::int, %s,
                           true, 'GUARDIAN', visited_on, '{SCREENING,FUND_DISBURSEMENT}', visited_on + time '18:00'
                    FROM bench_hh ORDER BY g""".formatted(TERM,
                    pick("OWN:14,RENT:3,DORMITORY:1,LIVE_WITH_OTHERS:2"),
                    pick("TILE:4,PARQUET:1,CEMENT:7,VINYL:1,WOOD_PLANK:4,OTHER:1,BAMBOO:1,EARTH:1"),
                    pick("CEMENT_RENDERED:6,BRICK_BLOCK:4,FIBRE_CEMENT:1,WOOD_PLANK:5,ZINC:1,PLYWOOD:1,OTHER:1,BAMBOO_SCRAP:1"),
                    pick("TILE:4,METAL:11,WOOD_PLANK:1,OTHER:1,LEAVES:1,SHEET:2"),
                    pick("OVER_5_RAI:5,RAI_1_TO_5:6,UNDER_1_RAI:3,NONE:6"),
                    pick("TAP:7,BOTTLED:8,WELL:3,RAIN_OR_STREAM:2"),
                    pick("METER:16,SHARED_OR_BATTERY:2,GENERATOR_OR_SOLAR:1,NONE:1"),
                    pickInt("0:18,1:2"), pickInt("0:19,1:1"), pickInt("0:17,1:3"), pickInt("0:17,1:3"), pickInt("0:19,1:1"), pickInt("0:19,1:1"),
                    pickInt("0:4,1:9,2:5,3:2"),
                    pick("WALK:3,BICYCLE:3,MOTORCYCLE:8,SCHOOL_BUS:3,PUBLIC_TRANSPORT:1,CAR:1,BOAT:1")));
            step(s, "child", """
                    INSERT INTO child (id, national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                    SELECT child_id, national_id, first_name, last_name, birth_date, CASE WHEN female THEN 'FEMALE' ELSE 'MALE' END, unit_id,
                           province_code, grade_level
                    FROM bench_student ORDER BY child_id""");
            // members: the students first (positions 0 …), then mother, father (or a grandparent for a single parent), grandparents,
            // siblings and relatives; age given (70 %) or a birth date; incomes by source in whole baht
            step(s, "household_member", """
                    INSERT INTO household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name, birth_date, age,
                        sex, grade_level, disabled, chronically_ill, unemployed, studying, guardian, income_wages, income_farming, income_business,
                        income_welfare, income_other)
                    SELECT visit_id, pos, rel, child_id, national_id, first_name, last_name,
                           CASE WHEN NOT age_given THEN (visited_on - make_interval(years => age, days => floor(rd * 360)::int))::date END,
                           CASE WHEN age_given THEN age END,
                           sex, grade_level, disabled, chronically_ill, unemployed, studying, guardian,
                           CASE WHEN rel <> 'STUDENT' AND age BETWEEN 18 AND 64 AND NOT unemployed AND rw < .6
                                THEN 1000 + floor(rw2 * rw2 * 11000) ELSE 0 END,
                           CASE WHEN rel <> 'STUDENT' AND age BETWEEN 18 AND 75 AND rf < .35 THEN floor(rf2 * 5000) ELSE 0 END,
                           CASE WHEN rel <> 'STUDENT' AND age BETWEEN 20 AND 64 AND rb < .06 THEN 2000 + floor(rb2 * 15000) ELSE 0 END,
                           CASE WHEN age >= 60 THEN 600 + 100 * floor(ro * 5) WHEN disabled THEN 800 ELSE 0 END,
                           CASE WHEN rel <> 'STUDENT' AND age >= 15 AND ro2 < .08 THEN floor(ro * 2000) ELSE 0 END
                    FROM (SELECT y.*, y.rz < .02 AS disabled, y.rc < CASE WHEN y.age >= 60 THEN .2 ELSE .03 END AS chronically_ill,
                                 y.rel <> 'STUDENT' AND y.age BETWEEN 15 AND 65 AND y.ru < .1 AS unemployed,
                                 y.rel = 'STUDENT' OR (y.age BETWEEN 6 AND 22 AND y.ru < .8) AS studying
                          FROM (SELECT x.*,
                                       COALESCE(x.st_age, CASE x.rel WHEN 'MOTHER' THEN 22 + floor(x.ra * 35) WHEN 'FATHER' THEN 24 + floor(x.ra * 40)
                                           WHEN 'GRANDPARENT' THEN 55 + floor(x.ra * 31) WHEN 'SIBLING' THEN floor(x.ra * 25)
                                           ELSE 15 + floor(x.ra * 60) END)::int AS age,
                                       CASE WHEN x.child_id IS NOT NULL THEN x.st_age_given ELSE x.rg >= .3 END AS age_given,
                                       COALESCE(x.st_rd, x.ra) AS rd,
                                       CASE WHEN x.child_id IS NOT NULL THEN CASE WHEN x.st_female THEN 'FEMALE' ELSE 'MALE' END
                                            WHEN x.rel = 'MOTHER' THEN 'FEMALE' WHEN x.rel = 'FATHER' THEN 'MALE'
                                            WHEN x.rs < .5 THEN 'FEMALE' ELSE 'MALE' END AS sex
                                FROM (SELECT h.visit_id, h.visited_on, p.pos, p.pos = h.students AS guardian,
                                             CASE WHEN st.child_id IS NOT NULL THEN 'STUDENT'
                                                  WHEN p.pos - h.students = 0 THEN 'MOTHER'
                                                  WHEN p.pos - h.students = 1 THEN CASE WHEN h.single_parent THEN 'GRANDPARENT' ELSE 'FATHER' END
                                                  WHEN p.pos - h.students IN (2, 3) THEN 'GRANDPARENT'
                                                  WHEN (p.pos + h.g) %% 3 = 0 THEN 'RELATIVE' ELSE 'SIBLING' END AS rel,
                                             st.child_id, st.national_id, COALESCE(st.first_name, %s) AS first_name,
                                             COALESCE(st.last_name, %s) AS last_name, st.grade_level, st.age AS st_age,
                                             st.age_given AS st_age_given, st.rd AS st_rd, st.female AS st_female,
                                             random() AS ra, random() AS rg, random() AS rs,
                                             random() AS rz, random() AS rc, random() AS ru, random() AS rw, random() AS rw2, random() AS rf,
                                             random() AS rf2, random() AS rb, random() AS rb2, random() AS ro, random() AS ro2
                                      FROM bench_hh h
                                      CROSS JOIN LATERAL generate_series(0, h.size - 1) p(pos)
                                      LEFT JOIN bench_student st ON st.visit_id = h.visit_id AND st.pos = p.pos) x) y) m
                    ORDER BY visit_id, pos""".formatted(
                    pick("สมศักดิ์:1,สมพร:1,บุญเรือน:1,ประยูร:1,มาลี:1,สุนทร:1,จันทร์เพ็ญ:1,ทองใบ:1"),
                    pick("ใจดี:1,ศรีสุข:1,บุญมา:1,แก้วใส:1,ทองคำ:1,พรหมมา:1,สายทอง:1,คำแก้ว:1")));
            step(s, "visit_student", "INSERT INTO visit_student (visit_id, child_id, term) SELECT visit_id, child_id, '" + TERM
                    + "' FROM bench_student ORDER BY visit_id, child_id");
            step(s, "sequences", """
                    SELECT setval(pg_get_serial_sequence('household', 'id'), (SELECT max(id) FROM household)),
                           setval(pg_get_serial_sequence('home_visit', 'id'), (SELECT max(id) FROM home_visit)),
                           setval(pg_get_serial_sequence('child', 'id'), (SELECT max(id) FROM child))""");
            step(s, "drop plan", "DROP TABLE bench_student; DROP TABLE bench_hh; DROP TABLE bench_unit");
            step(s, "VACUUM ANALYZE", "VACUUM ANALYZE org_unit, household, home_visit, household_member, child, visit_student");
        }
    }

    private static void step(Statement s, String name, String sql) throws SQLException {
        long t = System.nanoTime();
        s.execute(sql);
        int n = s.getUpdateCount();
        System.out.printf(Locale.ROOT, "  %-16s %s%.1f s%n", name, n > 0 ? String.format(Locale.ROOT, "%,d rows, ", n) : "", (System.nanoTime() - t) / 1e9);
    }

    /** {@code (ARRAY['A','A','B'])[1 + floor(random() * 3)]} from "A:2,B:1": one random() per row, weighted by repetition. */
    static String pick(String weighted) {
        return pick(weighted, true);
    }

    static String pickInt(String weighted) {
        return pick(weighted, false);
    }

    private static String pick(String weighted, boolean text) {
        StringJoiner items = new StringJoiner(",", "(ARRAY[", "");
        int n = 0;
        for (String part : weighted.split(",")) {
            String[] kv = part.split(":");
            for (int k = 0; k < Integer.parseInt(kv[1]); k++) {
                items.add(text ? "'" + kv[0] + "'" : kv[0]);
                n++;
            }
        }
        return items + (text ? "]::varchar[]" : "]::int[]") + ")[1 + floor(random() * " + n + ")::int]";
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static long[] counts(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM home_visit WHERE term = '%1$s' AND status = 'SUBMITTED'),
                       (SELECT count(*) FROM household_member m JOIN home_visit v ON v.id = m.visit_id WHERE v.term = '%1$s' AND v.status = 'SUBMITTED'),
                       (SELECT count(*) FROM visit_student WHERE term = '%1$s'),
                       (SELECT count(*) FROM household), (SELECT count(*) FROM home_visit), (SELECT count(*) FROM household_member),
                       (SELECT count(*) FROM child), (SELECT count(*) FROM org_unit),
                       (SELECT count(DISTINCT province_code) FROM home_visit WHERE term = '%1$s')""".formatted(TERM))) {
            rs.next();
            long[] r = new long[9];
            for (int i = 0; i < r.length; i++) {
                r[i] = rs.getLong(i + 1);
            }
            return r;
        }
    }

    private static ScreeningRun await(ScreeningRuns runs, ScreeningRun started) throws InterruptedException {
        ScreeningRun run = started;
        while (run.running()) {
            Thread.sleep(20);
            run = runs.get(started.id());
        }
        return run;
    }

    private static double seconds(ScreeningRun run) {
        return Duration.between(run.requestedAt(), run.finishedAt()).toNanos() / 1e9;
    }

    /** Households by the class a run gave them (to_class), over all provinces. */
    private static Map<String, Long> byClass(ScreeningRun run) {
        Map<String, Long> m = new TreeMap<>();
        run.counts().forEach(k -> m.merge(k.toClass(), (long) k.households(), Long::sum));
        return m;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of the middle slice of the re-screen and the what-if statements (each in a transaction
     * rolled back), of the screening query alone over that slice, and of the baseline over the whole term. Returns the
     * server settings that matter.
     */
    private String explain(BenchmarkApp app, Path file, RuleSet published, RuleSet draft, long runId, long whatIfId)
            throws SQLException, IOException {
        StringBuilder out = new StringBuilder();
        String settings;
        try (Connection c = app.jdbc()) {
            settings = one(c, """
                    SELECT string_agg(name || '=' || setting || COALESCE(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN
                    ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'fsync', 'synchronous_commit', 'full_page_writes',
                     'effective_cache_size', 'max_wal_size', 'checkpoint_timeout', 'maintenance_work_mem')""");
            out.append("settings: ").append(settings).append("\n\n");
            long lo;
            long hi;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT min(id), max(id) + 1, count(*) FROM home_visit WHERE term = '" + TERM + "' AND status = 'SUBMITTED'")) {
                rs.next();
                long min = rs.getLong(1);
                long max = rs.getLong(2);
                int slices = (int) Math.max(1, Math.min(50, (rs.getLong(3) + 200_000 - 1) / 200_000));
                long step = (max - min + slices - 1) / slices;
                lo = min + step * (slices / 2);
                hi = Math.min(max, lo + step);
            }
            c.setAutoCommit(false);
            Object[] slice = {TERM, null, null, lo, hi, lo, hi};
            Timestamp now = Timestamp.from(Instant.now());
            // the slice as a worker appends it, then (same transaction, rolled back after) as the run's transaction makes it current
            long before = Long.parseLong(one(c, "SELECT COALESCE(max(id), 0) FROM screening_result"));
            explainOne(c, out, "re-screen, one slice appended by a worker (visit ids " + lo + "–" + hi + ")",
                    ScreeningBenchmarkStatements.rescreenSlice(published.parameters()),
                    concat(concat(new Object[] {published.id(), "RUN", runId, now}, slice), lo, hi), false);
            explainOne(c, out, "re-screen, the same slice made current (the run's transaction)", ScreeningBenchmarkStatements.moveCurrent(),
                    new Object[] {before + 1, Long.MAX_VALUE, runId, lo, hi}, true);
            explainOne(c, out, "screening query alone, same slice", ScreeningBenchmarkStatements.selectSlice(published.parameters()), slice, true);
            explainOne(c, out, "what-if, same slice", ScreeningBenchmarkStatements.whatIfSlice(published.parameters(), draft.parameters()),
                    slice, true);
            explainOne(c, out, "baseline, whole term", "CREATE UNLOGGED TABLE bench_baseline_explain AS " + BASELINE, new Object[0], true);
            c.setAutoCommit(true);
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return settings;
    }

    private static Object[] concat(Object[] a, Object... b) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void explainOne(Connection c, StringBuilder out, String title, String sql, Object[] params, boolean rollback)
            throws SQLException {
        out.append("=== ").append(title).append(" ===\n");
        long t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, VERBOSE OFF) " + sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        } finally {
            if (rollback) {
                c.rollback();
            }
        }
        out.append(String.format(Locale.ROOT, "(%.2f s with EXPLAIN ANALYZE overhead)%n%n", (System.nanoTime() - t) / 1e9));
    }
}
