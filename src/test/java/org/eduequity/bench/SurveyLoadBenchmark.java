package org.eduequity.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Teacher submissions under load: POST /api/v1/surveys as {@code teacher} (HTTP Basic) at a fixed offered
 * rate (open loop: request n is due at start + n / rate whatever happened to earlier ones; latency is measured
 * from when a request was due, so queueing in the client counts), with at most {@code concurrency} requests in
 * flight and at most {@code rate * 10} waiting; a request that finds the queue full is counted as an error.
 * Loopback only. Each survey is a different generated household with new students.
 */
final class SurveyLoadBenchmark {

    private final double rate;
    private final int seconds;
    private final int warmupSeconds;
    private final int concurrency;

    SurveyLoadBenchmark(double rate, int seconds, int warmupSeconds, int concurrency) {
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.concurrency = concurrency;
    }

    /** Figures of one phase. */
    private static final class Phase {
        final int total;
        final AtomicLongArray latencyNanos;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
        final CountDownLatch finished;

        Phase(int total) {
            this.total = total;
            this.latencyNanos = new AtomicLongArray(total);
            this.finished = new CountDownLatch(total);
        }

        final AtomicInteger notSent = new AtomicInteger();

        void error(int n, String kind, long latency) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            latencyNanos.set(n, latency);
            finished.countDown();
        }

        /** Not sent: the client's queue was full. Has no latency; left out of the percentiles. */
        void notSent(int n) {
            notSent.incrementAndGet();
            error(n, "not sent: client queue full", -1);
        }
    }

    void run() throws Exception {
        try (HeapMonitor heap = new HeapMonitor(); BenchmarkApp app = BenchmarkApp.start()) {
            HouseholdGenerator gen = new HouseholdGenerator(SurveyImportBenchmark.SEED + 1, "15", app.places("40"));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(("teacher:" + BenchmarkApp.PASSWORD).getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create("http://127.0.0.1:" + app.port + "/api/v1/surveys");
            ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 1, TimeUnit.MINUTES,
                    new ArrayBlockingQueue<>((int) Math.max(100, rate * 10)));
            System.out.printf(Locale.ROOT, "survey-load: %.0f surveys/s for %d s (after %d s warm-up), at most %d in flight, "
                    + "app on 127.0.0.1:%d, %s%n", rate, seconds, warmupSeconds, concurrency, app.port, heap.report());
            // what one HTTP Basic authentication costs here: the account's password hash is verified on every request
            org.springframework.security.crypto.password.PasswordEncoder encoder =
                    app.context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class);
            String hash = encoder.encode(BenchmarkApp.PASSWORD);
            for (int k = 0; k < 5; k++) {
                encoder.matches(BenchmarkApp.PASSWORD, hash);
            }
            long verifyStart = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                encoder.matches(BenchmarkApp.PASSWORD, hash);
            }
            double verifyMs = (System.nanoTime() - verifyStart) / 20 / 1e6;
            System.out.printf(Locale.ROOT, "one password verification (%s): %.1f ms on one thread%n", hash.substring(0, hash.indexOf('}') + 1),
                    verifyMs);
            int[] serial = {0};
            if (warmupSeconds > 0) {
                Phase warm = phase(pool, client, uri, auth, gen, serial, (int) (rate * warmupSeconds));
                System.out.printf(Locale.ROOT, "warm-up: %d sent, %d errors, p95 %.0f ms%n", warm.total, warm.errors.get(),
                        percentile(warm, 95));
            }
            long start = System.nanoTime();
            Phase run = phase(pool, client, uri, auth, gen, serial, (int) (rate * seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.println();
            System.out.println("=== survey-load result ===");
            System.out.printf(Locale.ROOT, "offered              %.0f surveys/s for %d s = %d requests%n", rate, seconds, run.total);
            System.out.printf(Locale.ROOT, "recorded (201)       %d in %.1f s = %.1f surveys/s; errors %d (of which not sent %d)%n",
                    run.done.get(), elapsed, run.done.get() / elapsed, run.errors.get(), run.notSent.get());
            System.out.printf(Locale.ROOT, "latency from due time, over the %d requests sent: p50 %.0f ms, p95 %.0f ms (goal <= 500 ms), "
                    + "p99 %.0f ms, max %.0f ms%n", run.total - run.notSent.get(), percentile(run, 50), percentile(run, 95),
                    percentile(run, 99), percentile(run, 100));
            run.errorKinds.forEach((k, n) -> System.out.println("  errors: " + n + " x " + k));
            System.out.printf(Locale.ROOT, "password verification %.1f ms when not remembered (the API remembers verified credentials"
                    + " for 5 minutes; uncached it would allow at most ~%.0f requests/s on %d cpus)%n",
                    verifyMs, Runtime.getRuntime().availableProcessors() * 1000 / verifyMs, Runtime.getRuntime().availableProcessors());
            System.out.println("whole run            " + heap.report());
            System.out.printf(Locale.ROOT, "cpus %d, load average at end %.2f%n", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private Phase phase(ThreadPoolExecutor pool, HttpClient client, URI uri, String auth, HouseholdGenerator gen, int[] serial, int total)
            throws InterruptedException {
        Phase phase = new Phase(total);
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / rate);
        for (int n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = n;
            byte[] body = HouseholdGenerator.utf8(HouseholdGenerator.json(gen.household(serial[0]++), BenchmarkApp.TEACHER_UNIT));
            try {
                pool.execute(() -> {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                .header("Authorization", auth).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        long latency = System.nanoTime() - due;
                        if (r.statusCode() != 201) {
                            phase.error(index, "HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())), latency);
                        } else {
                            phase.latencyNanos.set(index, latency);
                            phase.done.incrementAndGet();
                            phase.finished.countDown();
                        }
                    } catch (Exception e) {
                        phase.error(index, e.getClass().getSimpleName() + ": " + e.getMessage(), System.nanoTime() - due);
                    }
                });
            } catch (RejectedExecutionException e) {
                phase.notSent(index);
            }
        }
        phase.finished.await();
        return phase;
    }

    private static double percentile(Phase phase, double p) {
        long[] values = java.util.stream.IntStream.range(0, phase.total).mapToLong(phase.latencyNanos::get).filter(v -> v >= 0).toArray();
        Arrays.sort(values);
        if (values.length == 0) {
            return 0;
        }
        int at = (int) Math.ceil(p / 100 * values.length) - 1;
        return values[Math.max(0, Math.min(values.length - 1, at))] / 1e6;
    }
}
