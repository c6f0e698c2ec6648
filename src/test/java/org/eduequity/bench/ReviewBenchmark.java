package org.eduequity.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eduequity.review.Certifications;
import org.eduequity.review.ReviewList;
import org.eduequity.review.Reviews;
import org.eduequity.screening.RuleSet;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.ScreeningRun;
import org.eduequity.screening.ScreeningRuns;
import org.eduequity.support.WebSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The provincial review at scale (docs/benchmarks.md, "review"): about 1,000,000 children in the term, about 205,000
 * of them in Khon Kaen (40), generated set-based and screened by a re-screening run (untimed). Timed: the bulk
 * approval of a confirmed selection of about 50,000 children (those whose visits have their photos), certifying
 * 200,000 approved children, and the review list page under 32 concurrent users (wrk against loopback, one session and connection each, a warm-up
 * first), its latency percentiles printed by wrk's Lua {@code done} hook.
 */
final class ReviewBenchmark {

    private static final String TERM = ScreeningBenchmark.TERM;
    private static final String PROVINCE = "40";
    private static final long CERTIFIED = 200_000;

    private final int households;
    private final double share;
    private final int seconds;
    private final int connections;
    private final Path dir = Path.of("target", "benchmark");

    ReviewBenchmark(int households, double share, int seconds, int connections) {
        this.households = households;
        this.share = share;
        this.seconds = seconds;
        this.connections = connections;
    }

    void run() throws Exception {
        Files.createDirectories(dir);
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            System.out.printf(Locale.ROOT, "review: %,d households (%.1f %% in province %s), term %s, %s, load %.2f%n", households,
                    share * 100, PROVINCE, TERM, heap.report(), ScreeningBenchmark.load());
            UserDetailsService users = app.context.getBean(UserDetailsService.class);

            // 1. data, untimed: households (the province's made poor, a quarter of its visits with their photos), screened
            long genStart = System.nanoTime();
            try (Connection c = app.jdbc()) {
                new ScreeningBenchmark(households, PROVINCE, share).generate(c);
                prepare(c);
            }
            actAs(users, "fund");
            RuleSet published = app.context.getBean(RuleSets.class).byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow();
            ScreeningRuns runs = app.context.getBean(ScreeningRuns.class);
            ScreeningRun run = runs.startRescreen(TERM, null, published.id());
            while (run.running()) {
                Thread.sleep(50);
                run = runs.get(run.id());
            }
            if (run.status() != ScreeningRun.Status.SUCCEEDED) {
                throw new IllegalStateException("screening run " + run.status() + ": " + run.error());
            }
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
                System.out.printf(Locale.ROOT, "generated and screened in %.1f s: %s children in the term, %s in province %s, of them %s poor or "
                        + "extremely poor; %s photos; load %.2f%n", (System.nanoTime() - genStart) / 1e9,
                        one(s, "SELECT count(*) FROM visit_student WHERE term = '" + TERM + "'"),
                        one(s, "SELECT count(*) FROM visit_student vs JOIN home_visit v ON v.id = vs.visit_id WHERE vs.term = '" + TERM
                                + "' AND v.province_code = '" + PROVINCE + "'"),
                        PROVINCE, one(s, "SELECT sum(students) FROM screening_current WHERE term = '" + TERM + "' AND province_code = '" + PROVINCE
                                + "' AND classification IN ('POOR', 'EXTREMELY_POOR')"),
                        one(s, "SELECT count(*) FROM visit_photo"), ScreeningBenchmark.load());
            }

            // 2. timed: bulk approval of the whole list's approvable children (the visits with their photos)
            actAs(users, "province");
            Reviews reviews = app.context.getBean(Reviews.class);
            ReviewList.Filter whole = ReviewList.Filter.of(TERM, PROVINCE);
            long t = System.nanoTime();
            Reviews.BulkPreview preview = reviews.previewBulkApproval(whole);
            double previewSeconds = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            Reviews.BulkResult bulk = reviews.approveAll(whole, preview.approvable());
            double bulkSeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "bulk approval: preview %.2f s (%,d approvable, %,d flagged); approval of %,d children %.2f s; load %.2f%n",
                    previewSeconds, preview.approvable(), preview.flaggedSkipped(), bulk.approved(), bulkSeconds, ScreeningBenchmark.load());

            // 3. timed: the review list page in the middle of the review (a quarter approved), 32 users (each a session of its
            // own, signed in as the province user, each its own wrk
            // thread and connection: a closed loop), after a warm-up
            List<String> cookies = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                WebSession user = new WebSession(app.port);
                user.login("province", BenchmarkApp.PASSWORD);
                user.get("/review?term=" + TERM + "&province=" + PROVINCE);
                cookies.add(user.cookie("SESSION").orElseThrow());
            }
            Path script = dir.resolve("review-list.lua");
            Files.writeString(script, LUA.replace("COOKIES", String.join(",", cookies.stream().map(x -> "\"SESSION=" + x + "\"").toList())),
                    StandardCharsets.UTF_8);
            String base = "http://127.0.0.1:" + app.port;
            wrk(base, script, Math.min(4, connections), 10);
            // one user alone: the service time of a page without waiting for the CPUs
            WebSession alone = new WebSession(app.port);
            alone.login("province", BenchmarkApp.PASSWORD);
            List<Double> single = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String page = "/review?term=" + TERM + "&province=" + PROVINCE + (i % 2 == 0 ? "" : "&classification=POOR") + "&page=" + (i % 20);
                long s0 = System.nanoTime();
                int status = alone.get(page).statusCode();
                single.add((System.nanoTime() - s0) / 1e6);
                if (status != 200) {
                    throw new IllegalStateException(page + " answered " + status);
                }
            }
            single.sort(null);
            String alonePages = String.format(Locale.ROOT, "one user alone, 40 pages: p50 %.1f ms, p90 %.1f ms, max %.1f ms", single.get(20),
                    single.get(36), single.get(39));
            System.out.println(alonePages);
            app.printStatements("before the list under load (reset)");
            String[] result = wrk(base, script, connections, seconds);
            app.printStatements("the list under load");
            // 4. timed: certifying 200,000 approved children (the rest approved untimed, set-based)
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO review (child_id, term, visit_id, province_code, status, result_id, classification, decided_by, decided_at, version)
                        SELECT vs.child_id, r.term, r.visit_id, r.province_code, 'APPROVED', r.result_id, r.classification, 'province', now(), 1
                        FROM screening_current r JOIN visit_student vs ON vs.visit_id = r.visit_id
                        WHERE r.province_code = '%s' AND r.term = '%s' AND r.classification IN ('POOR', 'EXTREMELY_POOR')
                          AND NOT EXISTS (SELECT 1 FROM review rv WHERE rv.child_id = vs.child_id AND rv.term = r.term)
                        ORDER BY r.visit_id LIMIT %d""".formatted(PROVINCE, TERM, CERTIFIED - bulk.approved()));
                s.execute("ANALYZE review");
            }
            Certifications certifications = app.context.getBean(Certifications.class);
            t = System.nanoTime();
            Certifications.Version v = certifications.certify(PROVINCE, TERM, null);
            double certifySeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "certification: version %d with %,d children %.2f s; load %.2f%n", v.version(), v.entries(),
                    certifySeconds, ScreeningBenchmark.load());

            SecurityContextHolder.clearContext();
            System.out.println();
            System.out.println("== review benchmark ==");
            System.out.printf(Locale.ROOT, "list page, %d users, %d s: %s%n", connections, seconds, result[0]);
            System.out.println(alonePages);
            System.out.printf(Locale.ROOT, "bulk approval of %,d children: %.2f s (goal ≤ 5 s)%n", bulk.approved(), bulkSeconds);
            System.out.printf(Locale.ROOT, "certifying %,d children: %.2f s (goal ≤ 10 s)%n", v.entries(), certifySeconds);
            System.out.printf(Locale.ROOT, "%s; cpus %d; load %.2f%n", heap.report(), Runtime.getRuntime().availableProcessors(),
                    ScreeningBenchmark.load());
            Files.writeString(dir.resolve("review-wrk.txt"), result[1], StandardCharsets.UTF_8);
        }
    }

    /**
     * The requests: the list as a reviewer pages and filters it — the first 20 pages of the whole list, of each class
     * and of the pending children, picked at random per request; non-2xx answers are counted by wrk.
     */
    private static final String LUA = """
            local cookies = {COOKIES}
            local counter = 0
            setup = function(thread)
              counter = counter + 1
              thread:set("cookie", cookies[(counter - 1) %% #cookies + 1])
              thread:set("id", counter)
            end
            init = function(args)
              wrk.headers["Cookie"] = cookie
              math.randomseed(20261123 + id)
            end
            local paths = {}
            local base = "/review?term=%s&province=%s"
            for page = 0, 19 do
              table.insert(paths, base .. "&page=" .. page)
              table.insert(paths, base .. "&classification=EXTREMELY_POOR&page=" .. page)
              table.insert(paths, base .. "&classification=POOR&page=" .. page)
              table.insert(paths, base .. "&status=PENDING&page=" .. page)
            end
            request = function()
              return wrk.format("GET", paths[math.random(#paths)])
            end
            done = function(summary, latency, requests)
              io.write(string.format("RESULT requests=%%d rps=%%.1f p50=%%.1fms p90=%%.1fms p95=%%.1fms p99=%%.1fms max=%%.1fms non2xx=%%d errors=%%d\\n",
                summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
                summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
            end
            """.formatted(TERM, PROVINCE);

    /** Runs wrk and returns the RESULT line (without its prefix) and wrk's whole output. */
    private static String[] wrk(String base, Path script, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", Integer.toString(connections), "-c", Integer.toString(connections),
                "-d", seconds + "s", "--timeout", "10s", "--latency", "-s", script.toAbsolutePath().toString(), base));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed (is it installed? apt-get install wrk):\n" + output);
        }
        Matcher m = Pattern.compile("RESULT (.*)").matcher(output);
        return new String[] {m.find() ? m.group(1) : "no result line", output};
    }

    /** The province's households made poor (incomes a tenth), and a quarter of its visits with their two house photos. */
    private static void prepare(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("""
                    UPDATE household_member m SET income_wages = round(income_wages / 10, 2), income_farming = round(income_farming / 10, 2),
                           income_business = round(income_business / 10, 2), income_other = round(income_other / 10, 2)
                    FROM home_visit v WHERE v.id = m.visit_id AND v.province_code = '%s' AND v.term = '%s'""".formatted(PROVINCE, TERM));
            s.executeUpdate("""
                    INSERT INTO visit_photo (visit_id, kind, sha256, media_type, width, height)
                    SELECT v.id, k.kind, encode(sha256((v.id || k.kind)::bytea), 'hex'), 'image/jpeg', 1600, 1200
                    FROM home_visit v CROSS JOIN (VALUES ('EXTERIOR'), ('INTERIOR')) k(kind)
                    WHERE v.province_code = '%s' AND v.term = '%s' AND v.id %% 4 = 0""".formatted(PROVINCE, TERM));
        }
    }

    private static void actAs(UserDetailsService users, String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return String.format(Locale.ROOT, "%,d", rs.getLong(1));
        }
    }
}
