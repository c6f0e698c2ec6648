package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of early warning (issue 9 step 2a, ADR 0009), on an open follow-up of the demo child of teacher's
 * school. Warnings lists and exports: every teacher, province, fund and admin (each sees their own area). A follow-up:
 * read by teacher, its province, fund, admin (not teacher2, not Rayong); its writes (acknowledge, action, resolve):
 * teachers, provinces and admin — on the API an empty body is refused (400) before the area check, on the screens a
 * stale version or an empty form is shown again with its error after the area check (teacher2 and Rayong: 403).
 * Transfers and term rosters: teachers, provinces and admin ({} bodies are refused: nothing is written).
 */
final class WarningRows {

    private WarningRows() {
    }

    static List<Row> rows(JdbcTemplate jdbc, long demoChildPk) {
        jdbc.update("""
                INSERT INTO care_follow_up (child_id, term, province_code, org_unit_id, indicators, opened_at)
                SELECT id, '2349/2', province_code, org_unit_id, '{ATTENDANCE:ALERT}', now() FROM child WHERE id = ?
                ON CONFLICT (child_id, term) WHERE resolved_at IS NULL DO NOTHING""", demoChildPk);
        long followUp = jdbc.queryForObject("SELECT id FROM care_follow_up WHERE child_id = ? AND term = '2349/2' AND resolved_at IS NULL",
                Long.class, demoChildPk);
        List<Row> rows = new ArrayList<>();
        Map<Actor, Expect> everyCarer = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER,
                Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> writers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER,
                Actor.ADMIN);
        Map<Actor, Expect> ofTeachersSchool = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> writersOfTeachersSchool = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.ADMIN);
        String api = "/api/v1/early-warnings/follow-ups/" + followUp;
        rows.add(new Row(RequestMethod.GET, "/api/v1/early-warnings", "/api/v1/early-warnings?term=2349/2", null, everyCarer));
        rows.add(new Row(RequestMethod.GET, "/api/v1/early-warnings/follow-ups/{id}", api, null, ofTeachersSchool));
        rows.add(new Row(RequestMethod.POST, "/api/v1/early-warnings/follow-ups/{id}/acknowledge", api + "/acknowledge", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/early-warnings/follow-ups/{id}/actions", api + "/actions", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/early-warnings/follow-ups/{id}/resolve", api + "/resolve", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/transfers", "/api/v1/transfers", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/rosters", "/api/v1/rosters?term=2349/2", null, writers));
        // screens
        String screen = "/care/follow-ups/" + followUp;
        rows.add(new Row(RequestMethod.GET, "/care/follow-ups/{id}", screen, null, ofTeachersSchool));
        rows.add(new Row(RequestMethod.POST, "/care/follow-ups/{id}/acknowledge", screen + "/acknowledge", Map.of("version", "-1"),
                writersOfTeachersSchool));
        rows.add(new Row(RequestMethod.POST, "/care/follow-ups/{id}/actions", screen + "/actions", Map.of("version", "-1"), writersOfTeachersSchool));
        rows.add(new Row(RequestMethod.POST, "/care/follow-ups/{id}/resolve", screen + "/resolve", Map.of("version", "-1"), writersOfTeachersSchool));
        rows.add(new Row(RequestMethod.GET, "/care/warnings", "/care/warnings?term=2349/2", null, everyCarer));
        rows.add(new Row(RequestMethod.GET, "/care/warnings/export.csv", "/care/warnings/export.csv?term=2349/2", null, everyCarer));
        rows.add(new Row(RequestMethod.GET, "/care/warnings/export.xlsx", "/care/warnings/export.xlsx?term=2349/2", null, everyCarer));
        rows.add(new Row(RequestMethod.GET, "/care/transfers/new", "/care/transfers/new", null, writers));
        rows.add(new Row(RequestMethod.POST, "/care/transfers", "/care/transfers", Map.of("destination", ""), writers));
        return rows;
    }
}
