package org.eduequity.bench;

import java.io.BufferedWriter;
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
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * NDJSON import of generated households through the real endpoint (POST /api/v1/surveys/import, one HTTP
 * connection, results read while the body is still being sent), then a raw PostgreSQL COPY of the same rows
 * into the same tables (emptied first) on the same server in the same run; prints households per second of
 * both, their ratio and the heap of this JVM. Run with -Xmx512m (the Maven profile does).
 */
final class SurveyImportBenchmark {

    static final long SEED = 20261122L;

    private final int households;
    private final Path dir = Path.of("target", "benchmark");

    SurveyImportBenchmark(int households) {
        this.households = households;
    }

    void run() throws Exception {
        Files.createDirectories(dir);
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            HouseholdGenerator gen = new HouseholdGenerator(SEED, "17", app.places("40"));
            System.out.printf(Locale.ROOT, "survey-import: %,d households, app on 127.0.0.1:%d, %s%n", households, app.port, heap.report());

            // 1. the NDJSON body, written to a file before timing (so that generating it is not measured)
            Path ndjson = dir.resolve("import.ndjson");
            long genStart = System.nanoTime();
            long members = 0;
            long students = 0;
            try (BufferedWriter w = Files.newBufferedWriter(ndjson, StandardCharsets.UTF_8)) {
                for (int i = 0; i < households; i++) {
                    HouseholdGenerator.Household h = gen.household(i);
                    members += h.members().size();
                    students += h.members().stream().filter(m -> m.nationalId() != null).count();
                    w.write(HouseholdGenerator.json(h, BenchmarkApp.TEACHER_UNIT));
                    w.write('\n');
                }
            }
            System.out.printf(Locale.ROOT, "generated %,d households (%,d members, %,d students), %,d MB NDJSON in %.1f s%n",
                    households, members, students, Files.size(ndjson) >> 20, (System.nanoTime() - genStart) / 1e9);

            // 2. the import through the endpoint
            AtomicLong ok = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            List<String> firstErrors = new ArrayList<>();
            long start = System.nanoTime();
            long[] lastReport = {start, 0};
            double[] fastestWindow = {0};
            int status = ChunkedNdjsonClient.post(app.port, "/api/v1/surveys/import", "teacher", BenchmarkApp.PASSWORD, ndjson, line -> {
                if (line.contains("\"result\":\"ok\"")) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (firstErrors.size() < 5) {
                        firstErrors.add(line);
                    }
                }
                long done = ok.get() + errors.get();
                long now = System.nanoTime();
                if (now - lastReport[0] > 10_000_000_000L) {
                    double window = (done - lastReport[1]) / ((now - lastReport[0]) / 1e9);
                    fastestWindow[0] = Math.max(fastestWindow[0], window);
                    lastReport[0] = now;
                    lastReport[1] = done;
                    System.out.printf(Locale.ROOT, "  %,d lines after %.0f s (%.0f households/s, last 10 s %.0f/s), %s%n", done,
                            (now - start) / 1e9, done / ((now - start) / 1e9), window, heap.report());
                }
            });
            double importSeconds = (System.nanoTime() - start) / 1e9;
            double importRate = ok.get() / importSeconds;
            System.out.printf(Locale.ROOT, "import: HTTP %d, %,d ok, %,d errors in %.1f s = %.0f households/s%n", status, ok.get(),
                    errors.get(), importSeconds, importRate);
            firstErrors.forEach(e -> System.out.println("  error: " + e));
            long[] imported;
            try (Connection c = app.jdbc()) {
                imported = counts(c);
            }
            System.out.printf(Locale.ROOT, "rows after import: household %,d, home_visit %,d, household_member %,d, visit_student %,d, "
                    + "child %,d (incl. 198 demo children), audit_log %,d%n", imported[0], imported[1], imported[2], imported[3],
                    imported[4], imported[5]);
            String heapAfterImport = heap.report();
            app.printStatements("import");

            // 3. the COPY baseline: the same rows, rendered to files before timing, into the emptied tables
            CopyFiles files = copyFiles(app, gen);
            // the screening results the import wrote (one per household), renumbered to the baseline's visit ids (1…n in line order)
            Path results = dir.resolve("copy-screening_result.tsv");
            Path current = dir.resolve("copy-screening_current.tsv");
            long screened;
            try (Connection c = app.jdbc(); java.io.OutputStream out = Files.newOutputStream(results);
                 java.io.OutputStream currentOut = Files.newOutputStream(current)) {
                String importedResults = " FROM screening_result r WHERE r.visit_id > (SELECT max(id) FROM home_visit) - " + households;
                screened = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT row_number() OVER (ORDER BY r.visit_id), "
                        + SCREENING_COLUMNS.replace("visit_id, ", "") + importedResults + ") TO STDOUT", out);
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT row_number() OVER (ORDER BY r.visit_id), "
                        + "row_number() OVER (ORDER BY r.visit_id), term, province_code, classification, students" + importedResults + ") TO STDOUT",
                        currentOut);
            }
            double copySeconds;
            long[] copied;
            try (Connection c = app.jdbc()) {
                try (Statement s = c.createStatement()) {
                    // results are append-only (their triggers refuse TRUNCATE): the benchmark empties them as a replica would
                    s.execute("SET session_replication_role = replica");
                    s.execute("TRUNCATE screening_current, screening_result, visit_student, household_member, home_visit, household, child "
                            + "RESTART IDENTITY CASCADE");
                    s.execute("SET session_replication_role = DEFAULT");
                    s.execute("VACUUM ANALYZE screening_current, screening_result, visit_student, household_member, home_visit, household, child");
                    s.execute("CHECKPOINT");
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                c.setAutoCommit(false);
                long copyStart = System.nanoTime();
                for (int t = 0; t < CopyFiles.TABLES.length; t++) {
                    try (InputStream in = Files.newInputStream(files.paths[t])) {
                        copy.copyIn("COPY " + CopyFiles.TABLES[t] + " FROM STDIN", in, 64 * 1024);
                    }
                }
                try (InputStream in = Files.newInputStream(results)) {
                    copy.copyIn("COPY screening_result (" + SCREENING_COLUMNS + ") FROM STDIN", in, 64 * 1024);
                }
                try (InputStream in = Files.newInputStream(current)) {
                    copy.copyIn("COPY screening_current (visit_id, result_id, term, province_code, classification, students) FROM STDIN",
                            in, 64 * 1024);
                }
                c.commit();
                copySeconds = (System.nanoTime() - copyStart) / 1e9;
                c.setAutoCommit(true);
                copied = counts(c);
            }
            double copyRate = households / copySeconds;
            app.printStatements("COPY baseline");
            System.out.printf(Locale.ROOT, "COPY: %,d households (household %,d, home_visit %,d, household_member %,d, visit_student %,d, "
                    + "child %,d, screening_result %,d rows) in %.1f s = %.0f households/s%n", households, copied[0], copied[1], copied[2],
                    copied[3], copied[4], screened, copySeconds, copyRate);
            System.out.println();
            System.out.println("=== survey-import result ===");
            System.out.printf(Locale.ROOT, "households           %,d (%,d members, %,d students)%n", households, members, students);
            System.out.printf(Locale.ROOT, "import (endpoint)    %.1f s, %.0f households/s, %,d ok, %,d errors%n", importSeconds, importRate,
                    ok.get(), errors.get());
            System.out.printf(Locale.ROOT, "import, fastest 10 s %.0f households/s%n", fastestWindow[0]);
            System.out.printf(Locale.ROOT, "COPY (same rows)     %.1f s, %.0f households/s%n", copySeconds, copyRate);
            System.out.printf(Locale.ROOT, "ratio import/COPY    %.1f %% (goal >= 50 %%); fastest 10 s of the import: %.1f %%%n",
                    100 * importRate / copyRate, 100 * fastestWindow[0] / copyRate);
            System.out.println("after import         " + heapAfterImport);
            System.out.println("whole run            " + heap.report() + " (goal <= 512 MB)");
            System.out.printf(Locale.ROOT, "cpus %d, load average at end %.2f%n", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (errors.get() > 0 || ok.get() != households) {
                throw new IllegalStateException("the import did not record every household");
            }
        }
    }

    /** The columns of a screening result as the import writes them (id from the sequence). */
    private static final String SCREENING_COLUMNS = "visit_id, term, province_code, rule_set_id, cause, run_id, classification, members, "
            + "household_income, per_capita_income, hardship_score, dependants, cut_off, p_dependants, p_tenure, p_dwelling, p_farmland, "
            + "p_water, p_electricity, p_vehicles, p_appliances, missing, students, computed_at";

    private static long[] counts(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT count(*) FROM household), (SELECT count(*) FROM home_visit), (SELECT count(*) FROM household_member),
                       (SELECT count(*) FROM visit_student), (SELECT count(*) FROM child), (SELECT count(*) FROM audit_log)""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
        }
    }

    /** The five tables' rows in COPY text format, in dependency order. */
    record CopyFiles(Path[] paths) {
        static final String[] TABLES = {
            "child (id, national_id, first_name, last_name, birth_date, sex, nationality, org_unit_id, province_code, grade_level, "
                    + "created_at, updated_at)",
            "household (id, house_no, village_no, subdistrict_code, postcode, latitude, longitude, created_at, updated_at)",
            "home_visit (id, external_id, household_id, term, visited_on, org_unit_id, province_code, recorded_by, status, single_parent, "
                    + "housing_tenure, housing_floor, housing_walls, housing_roof, has_toilet, farmland, drinking_water, electricity, "
                    + "car_up_to_15y, car_over_15y, pickup_up_to_15y, pickup_over_15y, tractor_up_to_15y, tractor_over_15y, "
                    + "motorcycle_or_boat, has_computer, has_air_conditioner, has_flat_screen_tv, has_washing_machine, has_refrigerator, "
                    + "journey_distance_km, journey_minutes, journey_mode, income_certifier_name, income_certifier_position, "
                    + "consent_given, consent_given_by, consent_given_on, consent_scopes, submitted_at, created_at, updated_at)",
            "household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name, birth_date, age, sex, "
                    + "grade_level, disabled, chronically_ill, unemployed, studying, guardian, income_wages, income_farming, "
                    + "income_business, income_welfare, income_other)",
            "visit_student (visit_id, child_id, term)"};
    }

    private CopyFiles copyFiles(BenchmarkApp app, HouseholdGenerator gen) throws SQLException, IOException {
        long unitId;
        long teacherId;
        String province;
        try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, province_code FROM org_unit WHERE code = '" + BenchmarkApp.TEACHER_UNIT + "'")) {
                rs.next();
                unitId = rs.getLong(1);
                province = rs.getString(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM user_account WHERE username = 'teacher'")) {
                rs.next();
                teacherId = rs.getLong(1);
            }
        }
        Path[] paths = new Path[CopyFiles.TABLES.length];
        BufferedWriter[] w = new BufferedWriter[paths.length];
        String[] names = {"child", "household", "home_visit", "household_member", "visit_student"};
        for (int t = 0; t < paths.length; t++) {
            paths[t] = dir.resolve("copy-" + names[t] + ".tsv");
            w[t] = Files.newBufferedWriter(paths[t], StandardCharsets.UTF_8);
        }
        String now = "2026-11-22 12:00:00+00";
        long childId = 0;
        StringBuilder b = new StringBuilder(512);
        try {
            for (int i = 0; i < households; i++) {
                HouseholdGenerator.Household h = gen.household(i);
                long id = i + 1L;
                List<Long> childIds = new ArrayList<>();
                for (HouseholdGenerator.Member m : h.members()) {
                    if (m.nationalId() == null) {
                        childIds.add(null);
                        continue;
                    }
                    childId++;
                    childIds.add(childId);
                    row(w[0], b, childId, m.nationalId(), m.firstName(), m.lastName(), m.birthDate(), "F".equals(m.sex()) ? "FEMALE" : "MALE",
                            "THA", unitId, province, m.gradeLevel(), now, now);
                }
                row(w[1], b, id, h.houseNo(), h.villageNo(), h.place().code(), h.place().postcode(), h.lat(), h.lon(), now, now);
                int[] v = h.vehicles();
                boolean[] a = h.appliances();
                row(w[2], b, id, h.externalId(), id, HouseholdGenerator.TERM, h.visitedOn(), unitId, province, teacherId, "SUBMITTED",
                        h.singleParent(), h.tenure(), h.floor(), h.walls(), h.roof(), h.toilet(), h.farmland(), h.water(), h.electricity(),
                        v[0], v[1], v[2], v[3], v[4], v[5], v[6], a[0], a[1], a[2], a[3], a[4], h.distanceKm(), h.minutes(), h.mode(),
                        h.certifierName(), h.certifierPosition(), true, "GUARDIAN", h.visitedOn(),
                        "{" + String.join(",", h.consentScopes()) + "}", now, now, now);
                for (int p = 0; p < h.members().size(); p++) {
                    HouseholdGenerator.Member m = h.members().get(p);
                    row(w[3], b, id, p, m.relationship(), childIds.get(p), m.nationalId(), m.firstName(), m.lastName(), m.birthDate(),
                            m.age(), "F".equals(m.sex()) ? "FEMALE" : "MALE", m.gradeLevel(), m.disabled(), m.chronicallyIll(),
                            m.unemployed(), m.studying(), m.guardian(), m.wages() + ".00", m.farming() + ".00", m.business() + ".00",
                            m.welfare() + ".00", m.other() + ".00");
                }
                for (Long c : childIds) {
                    if (c != null) {
                        row(w[4], b, id, c, HouseholdGenerator.TERM);
                    }
                }
            }
        } finally {
            for (BufferedWriter x : w) {
                x.close();
            }
        }
        return new CopyFiles(paths);
    }

    /** One row in COPY text format (tab-separated, \N for null; the generated values hold no tab, newline or backslash). */
    private static void row(BufferedWriter w, StringBuilder b, Object... values) throws IOException {
        b.setLength(0);
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                b.append('\t');
            }
            Object v = values[k];
            if (v == null) {
                b.append("\\N");
            } else if (v instanceof java.math.BigDecimal d) {
                b.append(d.toPlainString());
            } else {
                b.append(v);
            }
        }
        b.append('\n');
        w.write(b.toString());
    }
}
