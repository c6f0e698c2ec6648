package org.eduequity.bench;

import java.util.Locale;

/**
 * Entry point of the benchmarks of docs/benchmarks.md, run by the Maven profile {@code benchmark} in a JVM of
 * its own (-Xmx512m), never by {@code ./mvnw verify}: {@code survey-import}, {@code survey-load}, {@code screening}, {@code review}
 * or {@code disbursement}.
 *
 * <p>Options (system properties): {@code benchmark.households} (import, default 200000; screening, default 1000000),
 * {@code benchmark.rate} (load, surveys per second, default 100), {@code benchmark.seconds} (load, default 120),
 * {@code benchmark.warmup-seconds} (load, default 10), {@code benchmark.concurrency} (load, default 16); disbursement:
 * {@code benchmark.lines} (the exported round's lines and the children, default 1000000), {@code benchmark.households}
 * (the certified children planned as a round, default 200000).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0].trim().toLowerCase(Locale.ROOT);
        int exit = 0;
        try {
            switch (which) {
                case "survey-import" -> new SurveyImportBenchmark(Integer.getInteger("benchmark.households", 200_000)).run();
                case "screening" -> new ScreeningBenchmark(Integer.getInteger("benchmark.households", 1_000_000)).run();
                case "review" -> new ReviewBenchmark(Integer.getInteger("benchmark.households", 780_000),
                        Double.parseDouble(System.getProperty("benchmark.share", "").isBlank() ? "0.205" : System.getProperty("benchmark.share")), Integer.getInteger("benchmark.seconds", 60),
                        Integer.getInteger("benchmark.concurrency", 32)).run();
                case "disbursement" -> new DisbursementBenchmark(Integer.getInteger("benchmark.lines", 1_000_000),
                        Integer.getInteger("benchmark.households", 200_000)).run();
                case "care-dashboard" -> new CareDashboardBenchmark(Integer.getInteger("benchmark.households", 200_000)).run();
                case "care" -> new CareBenchmark(Integer.getInteger("benchmark.households", 200_000), 50_000).run();
                case "survey-load" -> new SurveyLoadBenchmark(Double.parseDouble(System.getProperty("benchmark.rate", "100")),
                        Integer.getInteger("benchmark.seconds", 120), Integer.getInteger("benchmark.warmup-seconds", 10),
                        Integer.getInteger("benchmark.concurrency", 16)).run();
                default -> {
                    System.err.println("usage: Benchmarks survey-import|survey-load|screening|review|disbursement|care (got '" + which + "')");
                    exit = 2;
                }
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }
}
