package org.eduequity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;

/**
 * Student care's early warning at scale (docs/benchmarks.md, "care"). Data, untimed and set-based in SQL: 200,000
 * children on the rolls of Khon Kaen's schools with the records of term 2569/2 (attendance for all, grades for half,
 * five-day absence streaks for one in twenty, a SERIOUS incident for one in fifty), and a 2569/1 roster of 52,000 of
 * them at two schools. Timed, through the real HTTP endpoints as the demo admin:
 * <ol>
 * <li>the 2569/2 roster of 50,000 of those 52,000 students ({@code POST /api/v1/rosters}, CSV): the 2,000 missing
 * get NOT_RE_ENROLLED alerts and follow-ups;</li>
 * <li>re-evaluating the province ({@code POST /api/v1/care-evaluations}): the risk of 200,000 students and their
 * warnings (follow-ups opened for the new ALERTs), then once more with nothing changed.</li>
 * </ol>
 */
final class CareBenchmark {

    private static final String PROVINCE = "40";
    private static final String TERM = "2569/2";
    private static final String PREVIOUS = "2569/1";

    private final int students;
    private final int roster;

    CareBenchmark(int students, int roster) {
        this.students = students;
        this.roster = Math.min(roster, students);
    }

    void run() throws Exception {
        int previousRoster = roster + roster / 20;
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            System.out.printf(Locale.ROOT, "care: %,d students of province %s, a roster of %,d (previous %,d); %s; cpus %d; load %.2f%n", students,
                    PROVINCE, roster, previousRoster, heap.report(), Runtime.getRuntime().availableProcessors(), ScreeningBenchmark.load());
            long t = System.nanoTime();
            StringBuilder csv = new StringBuilder(roster * 20).append("nationalId,gradeLevel\n");
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                generate(s, previousRoster);
                try (ResultSet rs = s.executeQuery("""
                        SELECT c.national_id, r.grade_level FROM bench_gen g JOIN child c ON c.id = g.child_id
                        JOIN care_roster r ON r.child_id = g.child_id AND r.term = '%s'
                        WHERE g.g %% 25 <> 0 ORDER BY g.g LIMIT %d""".formatted(PREVIOUS, roster))) {
                    while (rs.next()) {
                        csv.append(rs.getString(1)).append(',').append(rs.getString(2)).append('\n');
                    }
                }
                s.execute("VACUUM ANALYZE");
            }
            app.printStatements("generation");
            System.out.printf(Locale.ROOT, "generated in %.1f s; load %.2f%n", (System.nanoTime() - t) / 1e9, ScreeningBenchmark.load());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + BenchmarkApp.PASSWORD).getBytes(StandardCharsets.UTF_8));

            // 1. the term roster of 50,000 through the API, raising the NOT_RE_ENROLLED alerts
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/v1/rosters?term=" + TERM))
                    .header("Authorization", basic).header("Content-Type", "text/csv").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
            t = System.nanoTime();
            HttpResponse<String> imported = client.send(post, HttpResponse.BodyHandlers.ofString());
            double rosterSeconds = (System.nanoTime() - t) / 1e9;
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("roster import answered " + imported.statusCode() + ": " + imported.body().substring(0,
                        Math.min(500, imported.body().length())));
            }
            app.printStatements("roster import");
            long[] raised = raised(app);
            System.out.printf(Locale.ROOT, "roster of %,d: %.2f s (%s); NOT_RE_ENROLLED alerts %,d (transition %,d), follow-ups %,d; load %.2f%n", roster,
                    rosterSeconds, imported.body(), raised[0], raised[1], raised[2], ScreeningBenchmark.load());

            // 2. the province re-evaluated: risk and warnings of every student
            HttpRequest evaluate = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/v1/care-evaluations?term=" + TERM
                    + "&province=" + PROVINCE)).header("Authorization", basic).header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            double[] seconds = new double[2];
            String[] bodies = new String[2];
            for (int run = 0; run < 2; run++) {
                t = System.nanoTime();
                HttpResponse<String> r = client.send(evaluate, HttpResponse.BodyHandlers.ofString());
                seconds[run] = (System.nanoTime() - t) / 1e9;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("evaluation answered " + r.statusCode() + ": " + r.body());
                }
                bodies[run] = r.body();
                app.printStatements("re-evaluation run " + (run + 1));
                System.out.printf(Locale.ROOT, "re-evaluate province %s (run %d): %.2f s (%s); load %.2f%n", PROVINCE, run + 1, seconds[run], r.body(),
                        ScreeningBenchmark.load());
            }
            long[] levels = levels(app);
            System.out.println();
            System.out.println("== care benchmark ==");
            System.out.printf(Locale.ROOT, "roster of %,d students (previous term %,d), %,d NOT_RE_ENROLLED alerts raised: %.2f s (goal ≤ 30 s)%n", roster, previousRoster, raised[0],
                    rosterSeconds);
            System.out.printf(Locale.ROOT, "re-evaluate %,d students (risk + warnings): %.2f s first, %.2f s unchanged (goal ≤ 10 s); warnings WATCH %,d, "
                    + "ALERT %,d, open follow-ups %,d%n", levels[0], seconds[0], seconds[1], levels[1], levels[2], levels[3]);
            System.out.printf(Locale.ROOT, "%s; load %.2f%n", heap.report(), ScreeningBenchmark.load());
        }
    }

    private void generate(Statement s, int previousRoster) throws SQLException {
        s.execute("""
                CREATE TABLE bench_units AS
                SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, id, code FROM org_unit WHERE province_code = '%s' AND type = 'SCHOOL'"""
                .formatted(PROVINCE));
        // national ids '5' and 11 digits, with their check digit
        s.execute("""
                CREATE TABLE bench_gen AS
                SELECT g, nextval('child_id_seq') AS child_id, (g %% (SELECT count(*) FROM bench_units))::int AS k,
                       t || ((11 - (SELECT sum(substr(t, i, 1)::int * (14 - i)) FROM generate_series(1, 12) i) %% 11) %% 10) AS national_id
                FROM (SELECT g, '5' || lpad(g::text, 11, '0') AS t FROM generate_series(1, %d) g) x""".formatted(students));
        s.executeUpdate("""
                INSERT INTO child (id, national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                SELECT gen.child_id, gen.national_id, 'นักเรียน' || g, 'ทดสอบภาระ', DATE '2013-05-01' + (g %% 900),
                       CASE WHEN g %% 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, u.id, '%s', CASE WHEN g %% 10 = 0 THEN 'P6' ELSE 'P4' END
                FROM bench_gen gen JOIN bench_units u USING (k) ORDER BY g""".formatted(PROVINCE));
        s.executeUpdate("""
                INSERT INTO care_attendance (child_id, term, province_code, org_unit_id, school_days, days_absent, recorded_by, recorded_at)
                SELECT c.id, '%s', c.province_code, c.org_unit_id, 100, (g.g %% 30)::smallint, 'bench', now()
                FROM bench_gen g JOIN child c ON c.id = g.child_id""".formatted(TERM));
        s.executeUpdate("""
                INSERT INTO care_grade (child_id, term, province_code, org_unit_id, gpa, failed_subjects, recorded_by, recorded_at)
                SELECT c.id, '%s', c.province_code, c.org_unit_id, ((g.g %% 400) / 100.0)::numeric(3, 2), (g.g %% 3)::smallint, 'bench', now()
                FROM bench_gen g JOIN child c ON c.id = g.child_id WHERE g.g %% 2 = 0""".formatted(TERM));
        s.executeUpdate("""
                INSERT INTO care_absence (child_id, absent_on, term, province_code, org_unit_id, recorded_by, recorded_at)
                SELECT c.id, d::date, '%s', c.province_code, c.org_unit_id, 'bench', now()
                FROM bench_gen g JOIN child c ON c.id = g.child_id
                CROSS JOIN generate_series(DATE '2026-11-16', DATE '2026-11-23', interval '1 day') d
                WHERE g.g %% 20 = 0 AND extract(isodow FROM d) < 6""".formatted(TERM));
        s.executeUpdate("""
                INSERT INTO care_incident (child_id, term, province_code, org_unit_id, occurred_on, type, severity, note, recorded_by, recorded_at)
                SELECT c.id, '%s', c.province_code, c.org_unit_id, DATE '2026-11-10', 'VIOLENCE', 'SERIOUS', 'bench ' || g.g, 'bench', now()
                FROM bench_gen g JOIN child c ON c.id = g.child_id WHERE g.g %% 50 = 0""".formatted(TERM));
        // the previous term's roster: the first students, at the schools other than the demo teacher's (whose demo roster exists)
        s.executeUpdate("""
                INSERT INTO care_roster (child_id, term, province_code, org_unit_id, grade_level, recorded_by, recorded_at)
                SELECT c.id, '%s', c.province_code, c.org_unit_id, CASE WHEN g.g %% 13 = 0 THEN 'P6' WHEN g.g %% 17 = 0 THEN 'M3' ELSE 'P4' END,
                       'bench', now()
                FROM bench_gen g JOIN child c ON c.id = g.child_id JOIN bench_units u ON u.id = c.org_unit_id
                WHERE u.code <> '%s' AND g.g IN (SELECT g2.g FROM bench_gen g2 JOIN bench_units u2 USING (k) WHERE u2.code <> '%s'
                                                 ORDER BY g2.g LIMIT %d)""".formatted(PREVIOUS, BenchmarkApp.TEACHER_UNIT,
                BenchmarkApp.TEACHER_UNIT, previousRoster));
    }

    private static long[] raised(BenchmarkApp app) throws SQLException {
        try (Connection c = app.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*) FILTER (WHERE w.indicators @> ARRAY['NOT_RE_ENROLLED:ALERT']::varchar[]),
                       count(*) FILTER (WHERE w.indicators @> ARRAY['NOT_RE_ENROLLED:ALERT']::varchar[] AND w.transition),
                       (SELECT count(*) FROM care_follow_up f JOIN bench_gen g ON g.child_id = f.child_id WHERE f.term = '%s')
                FROM care_warning w JOIN bench_gen g ON g.child_id = w.child_id WHERE w.term = '%s'""".formatted(TERM, TERM))) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private static long[] levels(BenchmarkApp app) throws SQLException {
        try (Connection c = app.jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM child WHERE province_code = '%1$s'),
                       count(*) FILTER (WHERE level = 'WATCH'), count(*) FILTER (WHERE level = 'ALERT'),
                       (SELECT count(*) FROM care_follow_up WHERE province_code = '%1$s' AND term = '%2$s' AND resolved_at IS NULL)
                FROM care_warning WHERE province_code = '%1$s' AND term = '%2$s'""".formatted(PROVINCE, TERM))) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }
}
