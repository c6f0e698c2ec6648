package org.eduequity.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.ZipEntry;

import org.eduequity.support.WebSession;
import org.postgresql.PGConnection;

/**
 * The fund office's payments at scale (docs/benchmarks.md, "disbursement"). Data, untimed and set-based in SQL: 1,000,000
 * children on the rolls of Khon Kaen's schools, the first 200,000 with a submitted home visit (the child and a guardian
 * with a 13-digit national id) and certified as one list version; a round of 1,000,000 lines (programme COVID_RELIEF,
 * one line per child, every status) written straight into {@code payment_line}, as the tables hold a round after its
 * bank results. Timed, through the real HTTP endpoints:
 * <ol>
 * <li>planning a round of the 200,000 certified children ({@code POST /api/v1/payment-rounds}, CCT_IN_SCHOOL);</li>
 * <li>the 1,000,000 lines as CSV ({@code GET /disbursement/rounds/{id}/lines.csv}, read to the last byte, rows counted),
 * and in the same run {@code COPY (the same rows) TO STDOUT} on a connection of its own, for the ratio;</li>
 * <li>the 1,000,000 lines as XLSX ({@code GET …/lines.xlsx}, saved, then its rows counted in the sheet's XML).</li>
 * </ol>
 * Heap: the whole benchmark JVM (application and client), run it with {@code -Dbenchmark.jvm=-Xmx256m}.
 */
final class DisbursementBenchmark {

    private static final String TERM = "2569/1";
    /** The term of the generated 1,000,000-line round and of the list certifying its children. */
    private static final String BIG_ROUND_TERM = "2569/2";
    private static final String PROVINCE = "40";

    private final int lines;
    private final int certified;
    private final Path dir = Path.of("target", "benchmark");

    DisbursementBenchmark(int lines, int certified) {
        this.lines = lines;
        this.certified = Math.min(certified, lines);
    }

    void run() throws Exception {
        Files.createDirectories(dir);
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            System.out.printf(Locale.ROOT, "disbursement: %,d children, %,d certified, a round of %,d lines; %s; cpus %d; load %.2f%n", lines,
                    certified, lines, heap.report(), Runtime.getRuntime().availableProcessors(), ScreeningBenchmark.load());
            long t = System.nanoTime();
            long cert;
            long bigRound;
            try (Connection c = app.jdbc()) {
                cert = generate(c);
                bigRound = bigRound(c, cert);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE");
                }
            }
            System.out.printf(Locale.ROOT, "generated in %.1f s (certification %d, round %d); load %.2f%n", (System.nanoTime() - t) / 1e9, cert,
                    bigRound, ScreeningBenchmark.load());

            // 1. planning a round of the certified children through the API
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String basic = "Basic " + Base64.getEncoder().encodeToString(("fund:" + BenchmarkApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpRequest plan = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/v1/payment-rounds"))
                    .header("Authorization", basic).header("Content-Type", "application/json").header("Accept-Language", "en")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"programme": "CCT_IN_SCHOOL", "term": "%s", "certifications": [%d]}""".formatted(TERM, cert))).build();
            t = System.nanoTime();
            HttpResponse<String> planned = client.send(plan, HttpResponse.BodyHandlers.ofString());
            double planSeconds = (System.nanoTime() - t) / 1e9;
            if (planned.statusCode() != 201) {
                throw new IllegalStateException("planning answered " + planned.statusCode() + ": " + planned.body());
            }
            String head = planned.body().substring(0, Math.min(120, planned.body().length()));
            long plannedLines;
            try (Connection c = app.jdbc(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT line_count FROM payment_round WHERE programme_code = 'CCT_IN_SCHOOL' AND term = '" + TERM
                         + "' ORDER BY id DESC LIMIT 1")) {
                rs.next();
                plannedLines = rs.getLong(1);
            }
            System.out.printf(Locale.ROOT, "plan a round of %,d certified children: %.2f s, %,d lines (%s…); load %.2f%n", certified, planSeconds,
                    plannedLines, head, ScreeningBenchmark.load());

            if ("plan".equals(System.getProperty("benchmark.only"))) {
                System.out.printf(Locale.ROOT, "%s; load %.2f%n", heap.report(), ScreeningBenchmark.load());
                return;
            }
            WebSession fund = new WebSession(app.port);
            fund.login("fund", BenchmarkApp.PASSWORD);
            String cookie = "SESSION=" + fund.cookie("SESSION").orElseThrow();
            String base = "http://127.0.0.1:" + app.port + "/disbursement/rounds/" + bigRound;

            // 2. the lines as CSV through the endpoint, then COPY of the same rows in the same run
            long[] csv;
            double csvSeconds;
            String csvHeap;
            try (HeapMonitor phase = new HeapMonitor()) {
                t = System.nanoTime();
                csv = download(client, base + "/lines.csv", cookie, null);
                csvSeconds = (System.nanoTime() - t) / 1e9;
                csvHeap = phase.report();
            }
            System.out.printf(Locale.ROOT, "lines.csv: %.2f s, %,d bytes, %,d rows (with the header); %s; load %.2f%n", csvSeconds, csv[0], csv[1],
                    csvHeap, ScreeningBenchmark.load());
            long[] copy = {0, 0};
            t = System.nanoTime();
            try (Connection c = app.jdbc(); OutputStream counter = new Counter(copy)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                        COPY (SELECT 'R' || l.round_id || '-' || l.id, l.national_id, c.first_name, c.last_name, l.province_code, u.code,
                                     l.classification, l.payee_type, l.payee_name, l.payee_account, l.amount, l.status
                              FROM payment_line l JOIN child c ON c.id = l.child_id JOIN org_unit u ON u.id = l.org_unit_id
                              WHERE l.round_id = %d ORDER BY l.id) TO STDOUT WITH (FORMAT csv, HEADER)""".formatted(bigRound), counter);
            }
            double copySeconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "COPY (same rows) TO STDOUT: %.2f s, %,d bytes, %,d rows; ratio COPY/endpoint %.1f %%; load %.2f%n",
                    copySeconds, copy[0], copy[1], 100 * copySeconds / csvSeconds, ScreeningBenchmark.load());

            // 3. the lines as XLSX through the endpoint (saved), then its rows counted
            Path xlsxFile = dir.resolve("disbursement-lines.xlsx");
            long[] xlsx;
            double xlsxSeconds;
            String xlsxHeap;
            try (HeapMonitor phase = new HeapMonitor()) {
                t = System.nanoTime();
                xlsx = download(client, base + "/lines.xlsx", cookie, xlsxFile);
                xlsxSeconds = (System.nanoTime() - t) / 1e9;
                xlsxHeap = phase.report();
            }
            long xlsxRows = sheetRows(xlsxFile);
            System.out.printf(Locale.ROOT, "lines.xlsx: %.2f s, %,d bytes, %,d rows in its sheets (with the header); %s; load %.2f%n", xlsxSeconds,
                    xlsx[0], xlsxRows, xlsxHeap, ScreeningBenchmark.load());

            System.out.println();
            System.out.println("== disbursement benchmark ==");
            System.out.printf(Locale.ROOT, "plan a round of %,d children: %.2f s (goal ≤ 10 s)%n", plannedLines, planSeconds);
            System.out.printf(Locale.ROOT, "lines.csv of %,d lines: %.2f s (goal ≤ 10 s), %.1f MB; COPY of the same rows %.2f s: ratio %.1f %% (goal ≥ 50 %%)%n",
                    csv[1] - 1, csvSeconds, csv[0] / 1e6, copySeconds, 100 * copySeconds / csvSeconds);
            System.out.printf(Locale.ROOT, "lines.xlsx of %,d lines: %.2f s (goal ≤ 40 s), %.1f MB%n", xlsxRows - 1, xlsxSeconds, xlsx[0] / 1e6);
            System.out.printf(Locale.ROOT, "%s; load %.2f%n", heap.report(), ScreeningBenchmark.load());
        }
    }

    /** Counts bytes and lines of an output stream. */
    private static final class Counter extends OutputStream {
        private final long[] counts;

        Counter(long[] counts) {
            this.counts = counts;
        }

        @Override
        public void write(int b) {
            counts[0]++;
            if (b == '\n') {
                counts[1]++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            counts[0] += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    counts[1]++;
                }
            }
        }
    }

    /** Downloads to the last byte (into the file, when given): bytes and newlines. */
    private static long[] download(HttpClient client, String url, String cookie, Path file) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        long[] counts = {0, 0};
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = r.body(); OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file);
             Counter counter = new Counter(counts)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                counter.write(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return counts;
    }

    /** The number of {@code <row} elements in the workbook's sheets. */
    private static long sheetRows(Path xlsx) throws IOException {
        long rows = 0;
        byte[] needle = "<row ".getBytes(StandardCharsets.US_ASCII);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(xlsx.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().startsWith("xl/worksheets/sheet")) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 64 * 1024)) {
                    int matched = 0;
                    int b;
                    while ((b = in.read()) != -1) {
                        matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
                        if (matched == needle.length) {
                            rows++;
                            matched = 0;
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Children, visits, guardians and one certified list version, set-based; returns the certification's id. */
    private long generate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE units AS
                    SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, id, code, subdistrict_code FROM org_unit
                    WHERE province_code = '%s' AND type = 'SCHOOL'""".formatted(PROVINCE));
            s.execute("""
                    CREATE TEMP TABLE gen AS
                    SELECT g, nextval('child_id_seq') AS child_id,
                           CASE WHEN g <= %2$d THEN nextval('household_id_seq') END AS household_id,
                           CASE WHEN g <= %2$d THEN nextval('home_visit_id_seq') END AS visit_id,
                           (g %% (SELECT count(*) FROM units))::int AS k,
                           '3' || lpad(g::text, 12, '0') AS national_id, '4' || lpad(g::text, 12, '0') AS guardian_id
                    FROM generate_series(1, %1$d) g""".formatted(lines, certified));
            s.executeUpdate("""
                    INSERT INTO child (id, national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                    SELECT gen.child_id, gen.national_id, 'เด็กชาย' || g, 'ใจดีมีสุข', DATE '2015-05-01' + (g %% 900),
                           CASE WHEN g %% 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, u.id, '%s', 'P4'
                    FROM gen JOIN units u USING (k) ORDER BY g""".formatted(PROVINCE));
            s.executeUpdate("""
                    INSERT INTO household (id, subdistrict_code)
                    SELECT gen.household_id, u.subdistrict_code FROM gen JOIN units u USING (k) WHERE gen.visit_id IS NOT NULL ORDER BY g""");
            s.executeUpdate("""
                    INSERT INTO home_visit (id, household_id, term, visited_on, org_unit_id, province_code, status, submitted_at)
                    SELECT gen.visit_id, gen.household_id, '%s', DATE '2026-06-20', u.id, '%s', 'SUBMITTED', now()
                    FROM gen JOIN units u USING (k) WHERE gen.visit_id IS NOT NULL ORDER BY g""".formatted(TERM, PROVINCE));
            s.executeUpdate("""
                    INSERT INTO household_member (visit_id, position, relationship, child_id, national_id, first_name, last_name, age, studying)
                    SELECT visit_id, 0, 'STUDENT', child_id, national_id, 'เด็กชาย' || g, 'ใจดีมีสุข', 10, TRUE
                    FROM gen WHERE visit_id IS NOT NULL ORDER BY g""");
            s.executeUpdate("""
                    INSERT INTO household_member (visit_id, position, relationship, national_id, first_name, last_name, age, guardian)
                    SELECT visit_id, 1, 'MOTHER', guardian_id, 'นางสมหญิง' || g, 'ใจดีมีสุข', 38, TRUE
                    FROM gen WHERE visit_id IS NOT NULL ORDER BY g""");
            s.executeUpdate("""
                    INSERT INTO visit_student (visit_id, child_id, term) SELECT visit_id, child_id, '%s' FROM gen WHERE visit_id IS NOT NULL ORDER BY g"""
                    .formatted(TERM));
            long cert;
            try (ResultSet rs = s.executeQuery("""
                    INSERT INTO certification (province_code, term, version, reason, certified_by, certified_at, rule_sets, counts, entries)
                    SELECT '%1$s', '%2$s', COALESCE(max(version), 0) + 1, CASE WHEN max(version) IS NOT NULL THEN 'benchmark' END, 'province', now(),
                           '{}', '{"EXTREMELY_POOR": %3$d}'::jsonb, %3$d
                    FROM certification WHERE province_code = '%1$s' AND term = '%2$s' RETURNING id""".formatted(PROVINCE, TERM, certified))) {
                rs.next();
                cert = rs.getLong(1);
            }
            s.executeUpdate("""
                    INSERT INTO certification_entry (certification_id, child_id, national_id, org_unit_id, org_unit_code, classification, visit_id, result_id)
                    SELECT %d, gen.child_id, gen.national_id, u.id, u.code, CASE WHEN g %% 3 = 0 THEN 'POOR' ELSE 'EXTREMELY_POOR' END, gen.visit_id, 0
                    FROM gen JOIN units u USING (k) WHERE gen.visit_id IS NOT NULL ORDER BY g""".formatted(cert));
            s.executeUpdate("""
                    INSERT INTO programme_budget (programme_code, province_code, term, amount) VALUES ('CCT_IN_SCHOOL', '%1$s', '%2$s', 1000000000),
                           ('COVID_RELIEF', '%1$s', '%2$s', 1000000000)
                    ON CONFLICT (programme_code, province_code, term) DO UPDATE SET amount = EXCLUDED.amount""".formatted(PROVINCE, TERM));
            return cert;
        }
    }

    /**
     * A round of one line per generated child (COVID_RELIEF), exported, its lines paid, failed or awaiting a result. Every
     * line pays an entry of a certified list (payment_line_entry_fkey): the round has a list of its own certifying every
     * generated child, in another term, so that the planned round's list stays its province's newest of its term.
     */
    private long bigRound(Connection c, long plannedCert) throws SQLException {
        try (Statement s = c.createStatement()) {
            long cert;
            try (ResultSet rs = s.executeQuery("""
                    INSERT INTO certification (province_code, term, version, reason, certified_by, certified_at, rule_sets, counts, entries)
                    SELECT '%1$s', '%2$s', COALESCE(max(version), 0) + 1, CASE WHEN max(version) IS NOT NULL THEN 'benchmark' END, 'province', now(),
                           '{}', '{"EXTREMELY_POOR": %3$d}'::jsonb, %3$d
                    FROM certification WHERE province_code = '%1$s' AND term = '%2$s' RETURNING id""".formatted(PROVINCE, BIG_ROUND_TERM, lines))) {
                rs.next();
                cert = rs.getLong(1);
            }
            s.executeUpdate("""
                    INSERT INTO certification_entry (certification_id, child_id, national_id, org_unit_id, org_unit_code, classification, visit_id, result_id)
                    SELECT %d, gen.child_id, gen.national_id, u.id, u.code, CASE WHEN g %% 3 = 0 THEN 'POOR' ELSE 'EXTREMELY_POOR' END,
                           COALESCE(gen.visit_id, 0), 0
                    FROM gen JOIN units u USING (k) ORDER BY g""".formatted(cert));
            long round;
            try (ResultSet rs = s.executeQuery("""
                    INSERT INTO payment_round (programme_code, term, status, certification_ids, province_codes, line_count, total, created_by,
                                               created_at, approved_by, approved_at, exported_by, exported_at)
                    VALUES ('COVID_RELIEF', '%s', 'EXPORTED', ARRAY[%d]::bigint[], '{%s}', %d, %d, 'fund', now(), 'fund2', now(), 'fund', now())
                    RETURNING id""".formatted(BIG_ROUND_TERM, cert, PROVINCE, lines, 600L * lines))) {
                rs.next();
                round = rs.getLong(1);
            }
            s.executeUpdate("""
                    INSERT INTO payment_line (round_id, programme_code, term, child_id, national_id, province_code, org_unit_id, certification_id,
                                              classification, payee_type, payee_name, payee_account, amount, status)
                    SELECT %d, 'COVID_RELIEF', '%s', gen.child_id, gen.national_id, '%s', u.id, %d,
                           CASE WHEN g %% 3 = 0 THEN 'POOR' ELSE 'EXTREMELY_POOR' END, 'GUARDIAN', 'นางสมหญิง' || g || ' ใจดีมีสุข', gen.guardian_id, 600,
                           CASE WHEN g %% 10 = 0 THEN 'FAILED' WHEN g %% 2 = 0 THEN 'PAID' ELSE 'APPROVED' END
                    FROM gen JOIN units u USING (k) ORDER BY g""".formatted(round, BIG_ROUND_TERM, PROVINCE, cert));
            return round;
        }
    }
}
