package org.eduequity.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;

import org.eduequity.studentcare.CareDashboard;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The student-care dashboard at a province's scale (docs/benchmarks.md, "care-dashboard"): {@code students} children
 * generated set-based in Khon Kaen (40) across its units, each with a current risk result of the term (levels and areas
 * spread), then timed as the province user: the dashboard's counts (level, area × level, grade × level, school × level),
 * the class page's first page (worst first, with the total) and a filtered page, each run five times (best and median).
 */
final class CareDashboardBenchmark {

    static final String TERM = "2569/1";
    private final int students;

    CareDashboardBenchmark(int students) {
        this.students = students;
    }

    void run() throws Exception {
        try (BenchmarkApp app = BenchmarkApp.start()) {
            long start = System.nanoTime();
            try (Connection c = app.jdbc(); Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO child (national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                        SELECT lpad((5000000000000 + g)::text, 13, '0'), 'ชื่อ' || g, 'นามสกุล' || g, DATE '2012-01-01' + (g %% 2000),
                               CASE WHEN g %% 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, u.a[1 + g %% cardinality(u.a)], '40',
                               (ARRAY['P1','P2','P3','P4','P5','P6','M1','M2','M3','M4','M5','M6'])[1 + g %% 12]
                        FROM generate_series(1, %d) g,
                             (SELECT array_agg(id ORDER BY id) AS a FROM org_unit WHERE province_code = '40') u
                        """.formatted(students));
                s.execute("""
                        INSERT INTO care_current (child_id, term, result_id, province_code, org_unit_id, level, learning, health,
                                                  emotional_behaviour, family_economy, protection, digest)
                        SELECT c.id, '%s', c.id, c.province_code, c.org_unit_id,
                               (ARRAY['NORMAL','AT_RISK','PROBLEM','NORMAL'])[1 + c.id %% 4],
                               (ARRAY['NORMAL','AT_RISK','PROBLEM','UNKNOWN'])[1 + c.id %% 4],
                               (ARRAY['UNKNOWN','NORMAL','AT_RISK','NORMAL'])[1 + (c.id / 4) %% 4],
                               (ARRAY['NORMAL','UNKNOWN','NORMAL','PROBLEM'])[1 + (c.id / 16) %% 4],
                               (ARRAY['UNKNOWN','AT_RISK','NORMAL','NORMAL'])[1 + (c.id / 64) %% 4], 'NORMAL', md5(c.id::text)::uuid
                        FROM child c WHERE c.province_code = '40' AND c.national_id LIKE '5%%'
                        """.formatted(TERM));
                s.execute("ANALYZE child");
                s.execute("ANALYZE care_current");
            }
            System.out.printf(Locale.ROOT, "care-dashboard: %,d students generated in %.1f s, load %.2f%n", students,
                    (System.nanoTime() - start) / 1e9, ScreeningBenchmark.load());
            UserDetailsService users = app.context.getBean(UserDetailsService.class);
            UserDetails user = users.loadUserByUsername("province");
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
            CareDashboard dashboard = app.context.getBean(CareDashboard.class);
            CareDashboard.Filter all = new CareDashboard.Filter(TERM, "40", null, null, null, null, null);
            CareDashboard.Filter problems = new CareDashboard.Filter(TERM, "40", null, null, "M3", org.eduequity.studentcare.RiskLevel.PROBLEM,
                    org.eduequity.studentcare.CareArea.LEARNING);
            time("counts", () -> System.out.println("  students counted: " + dashboard.counts(all, Locale.ROOT).students()));
            time("class page 1", () -> System.out.println("  total: " + dashboard.students(all, 0, 50).total()));
            time("class page filtered", () -> System.out.println("  total: " + dashboard.students(problems, 0, 50).total()));
        }
    }

    private static void time(String what, Runnable r) {
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        java.util.Arrays.sort(t);
        System.out.printf(Locale.ROOT, "care-dashboard %s: best %.0f ms, median %.0f ms, worst %.0f ms%n", what, t[0], t[2], t[4]);
    }
}
