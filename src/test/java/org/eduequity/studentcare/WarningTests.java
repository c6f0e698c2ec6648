package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.eduequity.audit.AuditLog;
import org.eduequity.shared.CurrentArea;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Early warning (student-care.md, ADR 0009) on real PostgreSQL: each indicator of the table on both sides of its
 * threshold, POVERTY raising a WATCH, NOT_RE_ENROLLED from a term roster import (transition grades, transfers), one
 * follow-up per ALERT whatever the retries, the follow-up's life under optimistic locking, escalation by age under an
 * offset clock, and the nightly run's single-instance lock.
 */
@IntegrationTest
class WarningTests {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    CareRuleSets sets;
    @Autowired
    RiskEvaluation evaluation;
    @Autowired
    CareWarnings warnings;
    @Autowired
    CareImports imports;
    @Autowired
    FollowUps followUps;
    @Autowired
    NightlyCareRun nightly;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    UserDetailsService users;
    @Autowired
    DataSource dataSource;
    @Autowired
    CurrentArea area;
    @Autowired
    AuditLog audit;
    @Autowired
    CareRecords records;
    @Autowired
    Clock clock;
    @Autowired
    org.eduequity.account.Accounts accounts;

    private void signIn(String username) {
        UserDetails u = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(u, null, u.getAuthorities()));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private String term() {
        String term = CareFixtures.term();
        CareFixtures.publish(jdbc, json, sets, term, CareFixtures.defaults(sets));
        return term;
    }

    private void evaluate(List<Long> children, String term) {
        tx.executeWithoutResult(s -> evaluation.evaluateChildren(children, term));
    }

    private Map<String, Object> warning(long child, String term) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT level, indicators::text AS indicators, previous_grade, transition "
                + "FROM care_warning WHERE child_id = ? AND term = ?", child, term);
        return rows.isEmpty() ? Map.of("level", "NONE", "indicators", "{}") : rows.get(0);
    }

    private long followUpsOf(long child, String term) {
        return jdbc.queryForObject("SELECT count(*) FROM care_follow_up WHERE child_id = ? AND term = ?", Long.class, child, term);
    }

    /** A school-day Monday well inside the term. */
    private static LocalDate monday(String term) {
        return org.eduequity.shared.Term.parse(term).startDate().plusDays(20).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    @Test
    void eachIndicatorOnBothSidesOfItsThreshold() {
        String term = term();
        LocalDate mon = monday(term);
        Map<String, BiConsumer<Long, String>> setups = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        BiConsumer<String, BiConsumer<Long, String>> put = (name, setup) -> setups.put(name, setup);
        put.accept("attendance 90 %", (c, t) -> CareFixtures.attendance(jdbc, c, t, 100, 10));
        expected.put("attendance 90 %", "NONE {}");
        put.accept("attendance 89 %", (c, t) -> CareFixtures.attendance(jdbc, c, t, 100, 11));
        expected.put("attendance 89 %", "WATCH {ATTENDANCE:WATCH}");
        put.accept("attendance 80 %", (c, t) -> CareFixtures.attendance(jdbc, c, t, 100, 20));
        expected.put("attendance 80 %", "WATCH {ATTENDANCE:WATCH}");
        put.accept("attendance 79 %", (c, t) -> CareFixtures.attendance(jdbc, c, t, 100, 21));
        expected.put("attendance 79 %", "ALERT {ATTENDANCE:ALERT}");
        put.accept("4 school days absent", (c, t) -> CareFixtures.absences(jdbc, c, t, mon, mon.plusDays(1), mon.plusDays(2), mon.plusDays(3)));
        expected.put("4 school days absent", "NONE {}");
        put.accept("5 school days absent", (c, t) -> CareFixtures.absences(jdbc, c, t, mon, mon.plusDays(1), mon.plusDays(2), mon.plusDays(3),
                mon.plusDays(4)));
        expected.put("5 school days absent", "ALERT {ABSENCE_STREAK:ALERT}");
        put.accept("5 school days over a weekend", (c, t) -> CareFixtures.absences(jdbc, c, t, mon.plusDays(3), mon.plusDays(4), mon.plusDays(7),
                mon.plusDays(8), mon.plusDays(9)));
        expected.put("5 school days over a weekend", "ALERT {ABSENCE_STREAK:ALERT}");
        put.accept("5 absences with a gap", (c, t) -> CareFixtures.absences(jdbc, c, t, mon, mon.plusDays(1), mon.plusDays(3), mon.plusDays(4),
                mon.plusDays(7)));
        expected.put("5 absences with a gap", "NONE {}");
        put.accept("GPA 2.00", (c, t) -> CareFixtures.grade(jdbc, c, t, "2.00", 0));
        expected.put("GPA 2.00", "NONE {}");
        put.accept("GPA 1.99", (c, t) -> CareFixtures.grade(jdbc, c, t, "1.99", 0));
        expected.put("GPA 1.99", "WATCH {COURSE_PERFORMANCE:WATCH}");
        put.accept("GPA 1.49", (c, t) -> CareFixtures.grade(jdbc, c, t, "1.49", 0));
        expected.put("GPA 1.49", "ALERT {COURSE_PERFORMANCE:ALERT}");
        put.accept("one CONCERN incident", (c, t) -> CareFixtures.incident(jdbc, c, t, "VIOLENCE", "CONCERN"));
        expected.put("one CONCERN incident", "NONE {}");
        put.accept("SERIOUS behaviour incident", (c, t) -> CareFixtures.incident(jdbc, c, t, "VIOLENCE", "SERIOUS"));
        expected.put("SERIOUS behaviour incident", "ALERT {BEHAVIOUR:ALERT}");
        put.accept("SERIOUS protection incident", (c, t) -> CareFixtures.incident(jdbc, c, t, "NEGLECT", "SERIOUS"));
        expected.put("SERIOUS protection incident", "ALERT {BEHAVIOUR:ALERT}");
        put.accept("extremely poor alone", (c, t) -> CareFixtures.visit(jdbc, c, t, false, true, true, "EXTREMELY_POOR"));
        expected.put("extremely poor alone", "NONE {}");
        put.accept("WATCH and extremely poor", (c, t) -> {
            CareFixtures.grade(jdbc, c, t, "1.99", 0);
            CareFixtures.visit(jdbc, c, t, false, true, true, "EXTREMELY_POOR");
        });
        expected.put("WATCH and extremely poor", "ALERT {COURSE_PERFORMANCE:WATCH,POVERTY:ALERT}");
        put.accept("WATCH and poor", (c, t) -> {
            CareFixtures.grade(jdbc, c, t, "1.99", 0);
            CareFixtures.visit(jdbc, c, t, false, true, true, "POOR");
        });
        expected.put("WATCH and poor", "WATCH {COURSE_PERFORMANCE:WATCH}");
        put.accept("several", (c, t) -> {
            CareFixtures.attendance(jdbc, c, t, 100, 15);
            CareFixtures.grade(jdbc, c, t, "1.20", 3);
        });
        expected.put("several", "ALERT {ATTENDANCE:WATCH,COURSE_PERFORMANCE:ALERT}");
        Map<String, Long> children = new LinkedHashMap<>();
        for (var e : setups.entrySet()) {
            long child = CareFixtures.child(jdbc);
            e.getValue().accept(child, term);
            children.put(e.getKey(), child);
        }
        evaluate(new ArrayList<>(children.values()), term);
        List<String> wrong = new ArrayList<>();
        for (var e : children.entrySet()) {
            Map<String, Object> w = warning(e.getValue(), term);
            String got = w.get("level") + " " + w.get("indicators");
            if (!got.equals(expected.get(e.getKey()))) {
                wrong.add(e.getKey() + ": expected " + expected.get(e.getKey()) + " but got " + got);
            }
            long expectedFollowUps = expected.get(e.getKey()).startsWith("ALERT") ? 1 : 0;
            if (followUpsOf(e.getValue(), term) != expectedFollowUps) {
                wrong.add(e.getKey() + ": follow-ups " + followUpsOf(e.getValue(), term));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void evaluatingAgainOrConcurrentlyNeverOpensASecondFollowUpNorRewritesTheWarning() throws Exception {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 30);
        evaluate(List.of(child), term);
        Object changedAt = jdbc.queryForObject("SELECT changed_at FROM care_warning WHERE child_id = ? AND term = ?", Object.class, child, term);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CareWarnings.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<CareWarnings.Run> c = () -> tx.execute(s -> warnings.evaluateChildren(List.of(child), term));
                runs.add(pool.submit(c));
            }
            for (Future<CareWarnings.Run> r : runs) {
                assertThat(r.get()).isEqualTo(CareWarnings.Run.NOTHING);
            }
        } finally {
            pool.shutdown();
        }
        tx.executeWithoutResult(s -> evaluation.evaluateProvince(term, "40"));
        assertThat(followUpsOf(child, term)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT changed_at FROM care_warning WHERE child_id = ? AND term = ?", Object.class, child, term))
                .isEqualTo(changedAt);
        // the attendance improves: WATCH, the open follow-up stays; it worsens again: still the one open follow-up
        jdbc.update("UPDATE care_attendance SET days_absent = 15 WHERE child_id = ? AND term = ?", child, term);
        evaluate(List.of(child), term);
        assertThat(warning(child, term).get("level")).isEqualTo("WATCH");
        jdbc.update("UPDATE care_attendance SET days_absent = 40 WHERE child_id = ? AND term = ?", child, term);
        evaluate(List.of(child), term);
        assertThat(warning(child, term).get("level")).isEqualTo("ALERT");
        assertThat(followUpsOf(child, term)).isEqualTo(1);
    }

    @Test
    void aTermRosterImportRaisesNotReEnrolledWithTheTransitionGradeExceptForTransfers() {
        String[] pair = CareFixtures.termPair();
        for (String t : pair) {
            CareFixtures.publish(jdbc, json, sets, t, CareFixtures.defaults(sets));
        }
        long p6 = CareFixtures.child(jdbc);
        long m3 = CareFixtures.child(jdbc);
        long p4 = CareFixtures.child(jdbc);
        long stayed = CareFixtures.child(jdbc);
        long transferred = CareFixtures.child(jdbc);
        CareFixtures.roster(jdbc, p6, pair[0], "P6");
        CareFixtures.roster(jdbc, m3, pair[0], "M3");
        CareFixtures.roster(jdbc, p4, pair[0], "P4");
        CareFixtures.roster(jdbc, stayed, pair[0], "P4");
        CareFixtures.roster(jdbc, transferred, pair[0], "P5");
        signIn("teacher");
        String transferDate = org.eduequity.shared.Term.parse(pair[0]).startDate().plusDays(30).toString();
        FollowUps.Transfer t = followUps.recordTransfer(new FollowUps.TransferEntry(CareFixtures.nationalIdOf(jdbc, transferred), transferDate,
                "โรงเรียนอนุบาลขอนแก่น", ""));
        assertThat(t.created()).isTrue();
        assertThat(followUps.recordTransfer(new FollowUps.TransferEntry(CareFixtures.nationalIdOf(jdbc, transferred), transferDate,
                "โรงเรียนอนุบาลขอนแก่น", "")).created()).isFalse();
        String csv = "nationalId,gradeLevel\n" + CareFixtures.nationalIdOf(jdbc, stayed) + ",ป.5\n";
        CareImports.Report r = imports.importCsv(CareImports.Kind.ROSTER, pair[1], new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.created()).isEqualTo(1);
        assertThat(warning(p6, pair[1])).containsEntry("level", "ALERT").containsEntry("indicators", "{NOT_RE_ENROLLED:ALERT}")
                .containsEntry("previous_grade", "P6").containsEntry("transition", true);
        assertThat(warning(m3, pair[1])).containsEntry("previous_grade", "M3").containsEntry("transition", true);
        assertThat(warning(p4, pair[1])).containsEntry("level", "ALERT").containsEntry("previous_grade", "P4").containsEntry("transition", false);
        assertThat(warning(stayed, pair[1])).containsEntry("level", "NONE");
        assertThat(warning(transferred, pair[1])).containsEntry("level", "NONE");
        assertThat(followUpsOf(p6, pair[1])).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT grade_level FROM care_roster WHERE child_id = ? AND term = ?", String.class, stayed, pair[1]))
                .isEqualTo("P5");
        // the P6 student turns up on the next roster (another import): the warning drops; the same file again changes nothing
        String csv2 = "nationalId,gradeLevel\n" + CareFixtures.nationalIdOf(jdbc, p6) + ",M1\n";
        imports.importCsv(CareImports.Kind.ROSTER, pair[1], new ByteArrayInputStream(csv2.getBytes(StandardCharsets.UTF_8)));
        assertThat(warning(p6, pair[1])).containsEntry("level", "NONE");
        CareImports.Report again = imports.importCsv(CareImports.Kind.ROSTER, pair[1], new ByteArrayInputStream(csv2.getBytes(StandardCharsets.UTF_8)));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(followUpsOf(p6, pair[1])).isEqualTo(1);
        // a bad grade refuses the file
        String bad = "nationalId,gradeLevel\n" + CareFixtures.nationalIdOf(jdbc, m3) + ",P9\n";
        assertThatThrownBy(() -> imports.importCsv(CareImports.Kind.ROSTER, pair[1], new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(CareRefusedException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("gradeLevel"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_roster WHERE child_id = ? AND term = ?", Long.class, m3, pair[1])).isZero();
    }

    @Test
    void aFollowUpIsAcknowledgedActedOnAndResolvedUnderOptimisticLocking() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 30);
        evaluate(List.of(child), term);
        long id = jdbc.queryForObject("SELECT id FROM care_follow_up WHERE child_id = ? AND term = ?", Long.class, child, term);
        signIn("teacher");
        FollowUps.FollowUp f = followUps.detail(id).followUp();
        assertThat(f.status()).isEqualTo("OPEN");
        FollowUps.FollowUp acked = followUps.acknowledge(id, f.version());
        assertThat(acked.status()).isEqualTo("ACKNOWLEDGED");
        assertThat(acked.acknowledgedBy()).isEqualTo("teacher");
        assertThat(followUps.acknowledge(id, f.version()).version()).isEqualTo(acked.version());
        String today = LocalDate.now(clock).toString();
        FollowUps.ActionEntry visit = new FollowUps.ActionEntry("HOME_VISIT", today, "พบผู้ปกครอง");
        FollowUps.FollowUp acted = followUps.addAction(id, acked.version(), visit);
        // the same action posted again (double submit, stale version) is the same action
        followUps.addAction(id, acked.version(), visit);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM care_follow_up_action WHERE follow_up_id = ?", Long.class, id)).isEqualTo(1);
        // another action with a stale version: refused as a conflict, nothing written
        assertThatThrownBy(() -> followUps.addAction(id, acked.version(), new FollowUps.ActionEntry("TUTORING", today, "")))
                .isInstanceOfSatisfying(CareRefusedException.class, e -> assertThat(e.reason()).isEqualTo(CareRefusedException.Reason.CONFLICT));
        assertThatThrownBy(() -> followUps.addAction(id, acted.version(), new FollowUps.ActionEntry("PRAYER", "2999-01-01", "x".repeat(1001))))
                .isInstanceOfSatisfying(CareRefusedException.class, e -> assertThat(e.problems()).extracting(CareProblem::field)
                        .containsExactly("kind", "date", "note"));
        assertThatThrownBy(() -> followUps.resolve(id, acted.version(), "OTHER", ""))
                .isInstanceOfSatisfying(CareRefusedException.class, e -> assertThat(e.problems()).extracting(CareProblem::field)
                        .containsExactly("outcomeNote"));
        FollowUps.FollowUp resolved = followUps.resolve(id, acted.version(), "BACK_IN_CLASS", "กลับมาเรียนแล้ว");
        assertThat(resolved.status()).isEqualTo("RESOLVED");
        assertThat(followUps.resolve(id, acted.version(), "BACK_IN_CLASS", "").version()).isEqualTo(resolved.version());
        assertThatThrownBy(() -> followUps.resolve(id, resolved.version(), "DROPPED_OUT", ""))
                .isInstanceOfSatisfying(CareRefusedException.class, e -> assertThat(e.reason()).isEqualTo(CareRefusedException.Reason.CONFLICT));
        assertThat(followUps.detail(id).actions()).extracting(FollowUps.Action::kind).containsExactly("HOME_VISIT");
        // a teacher of another school may not see it
        signIn("teacher2");
        assertThatThrownBy(() -> followUps.detail(id)).isInstanceOf(CareRefusedException.class);
    }

    @Test
    void anUnacknowledgedAlertEscalatesToTheHeadAfter7DaysAndTheProvinceAfter14() {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 30);
        evaluate(List.of(child), term);
        long id = jdbc.queryForObject("SELECT id FROM care_follow_up WHERE child_id = ? AND term = ?", Long.class, child, term);
        signIn("teacher");
        java.util.function.Function<Duration, FollowUps> at = d -> new FollowUps(jdbc, area, audit, Clock.offset(clock, d), records, warnings);
        assertThat(at.apply(Duration.ofDays(6)).open(FollowUps.HEAD_DAYS)).extracting(FollowUps.Warning::childId).doesNotContain(child);
        assertThat(at.apply(Duration.ofDays(7)).open(FollowUps.HEAD_DAYS)).extracting(FollowUps.Warning::childId).contains(child);
        assertThat(at.apply(Duration.ofDays(7)).open(FollowUps.PROVINCE_DAYS)).extracting(FollowUps.Warning::childId).doesNotContain(child);
        List<FollowUps.Warning> late = at.apply(Duration.ofDays(15)).open(FollowUps.PROVINCE_DAYS);
        assertThat(late).extracting(FollowUps.Warning::childId).contains(child);
        assertThat(late.stream().filter(w -> w.childId() == child).findFirst().orElseThrow().followUp().escalation()).isEqualTo("PROVINCE");
        followUps.acknowledge(id, 0);
        assertThat(at.apply(Duration.ofDays(15)).open(FollowUps.HEAD_DAYS)).extracting(FollowUps.Warning::childId).doesNotContain(child);
        assertThat(at.apply(Duration.ofDays(15)).open(0)).extracting(FollowUps.Warning::childId).contains(child);
    }

    @Test
    void aNightlyRunSkipsWhileAnotherHoldsTheLockAndRunsAfterwards() throws Exception {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 12);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(true);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                ps.setString(1, NightlyCareRun.LOCK);
                ps.executeQuery().close();
            }
            NightlyCareRun.Outcome skipped = nightly.run(term, "40");
            assertThat(skipped.ran()).isFalse();
            assertThat(warning(child, term).get("level")).isEqualTo("NONE");
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                ps.setString(1, NightlyCareRun.LOCK);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
        }
        NightlyCareRun.Outcome ran = nightly.run(term, "40");
        assertThat(ran.ran()).isTrue();
        assertThat(warning(child, term).get("level")).isEqualTo("WATCH");
    }

    @Test
    void twoConcurrentNightlyRunsOneRunsTheOtherSkips() throws Exception {
        String term = term();
        long child = CareFixtures.child(jdbc);
        CareFixtures.attendance(jdbc, child, term, 100, 30);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try (Connection other = dataSource.getConnection()) {
            // hold the province's evaluation lock, so that the first run stops inside its work, holding the nightly lock
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, RiskEvaluation.lockKey(term, "40"));
                ps.executeQuery().close();
            }
            Future<NightlyCareRun.Outcome> first = pool.submit(() -> nightly.run(term, "40"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'",
                    Long.class) == 0) {
                assertThat(System.nanoTime()).as("the first run waits on the province lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            NightlyCareRun.Outcome second = nightly.run(term, "40");
            assertThat(second.ran()).isFalse();
            other.commit();
            assertThat(first.get().ran()).isTrue();
            assertThat(first.get().provinces()).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(warning(child, term).get("level")).isEqualTo("ALERT");
        assertThat(followUpsOf(child, term)).isEqualTo(1);
    }

    @Test
    void anAdministratorMarksATeacherAsTheHeadOfItsUnitsButNotAProvinceUser() {
        signIn("admin");
        long unit = jdbc.queryForObject("SELECT id FROM org_unit WHERE code = ?", Long.class, CareFixtures.UNIT);
        String name = "head" + System.nanoTime() % 1_000_000;
        org.eduequity.account.UserAccount t = accounts.create(new org.eduequity.account.Accounts.NewAccount(name, "ผอ.ทดสอบ",
                "ดูแลนักเรียนทุกคนทุกวัน", java.util.EnumSet.of(org.eduequity.account.Role.TEACHER), null, java.util.Set.of(unit)));
        assertThat(followUps.isUnitHead(name)).isFalse();
        accounts.update(t.getId(), t.getVersion(), new org.eduequity.account.Accounts.AccountChange(t.getDisplayName(), t.getRoles(), null,
                java.util.Set.of(unit)), true);
        assertThat(followUps.isUnitHead(name)).isTrue();
        org.eduequity.account.UserAccount p = accounts.create(new org.eduequity.account.Accounts.NewAccount(name + "p", "จังหวัดทดสอบ",
                "ดูแลนักเรียนทุกคนทุกวัน", java.util.EnumSet.of(org.eduequity.account.Role.PROVINCE), "40", java.util.Set.of()));
        assertThatThrownBy(() -> accounts.update(p.getId(), p.getVersion(), new org.eduequity.account.Accounts.AccountChange(p.getDisplayName(),
                p.getRoles(), "40", java.util.Set.of()), true)).isInstanceOfSatisfying(org.eduequity.account.AccountRuleException.class,
                e -> assertThat(e.messageKey()).isEqualTo("account.rule.unitHeadTeacher"));
        assertThat(followUps.isUnitHead(name + "p")).isFalse();
    }
}
