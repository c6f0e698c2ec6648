package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the student-care screens of issue 9 step 2b. Entry screens of a child of teacher's school: its
 * teacher, its province and admin (the other school, Rayong, the fund office and others are denied); the posted forms are
 * incomplete, so they are shown again with their errors and nothing is written. The class page: teachers, provinces and
 * admin, each over their own area. The dashboard and its exports: teachers, provinces, the fund office and admin, each
 * over their own area (term 2349/1 keeps the exports empty).
 */
final class CareScreenRows {

    private CareScreenRows() {
    }

    static List<Row> rows(long demoChildPk, long defaultCareRuleSetId) {
        List<Row> rows = new ArrayList<>();
        String child = "/care/children/" + demoChildPk;
        Map<Actor, Expect> childWriters = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.ADMIN);
        Map<String, String> noValues = Map.of("term", "2349/1");
        for (String page : List.of("attendance", "grades", "health", "incidents")) {
            rows.add(new Row(RequestMethod.GET, "/care/children/{childId}/" + page, child + "/" + page + "?term=2349/1", null, childWriters));
            rows.add(new Row(RequestMethod.POST, "/care/children/{childId}/" + page, child + "/" + page, noValues, childWriters));
        }
        rows.add(new Row(RequestMethod.POST, "/care/children/{childId}/absences", child + "/absences", noValues, childWriters));
        rows.add(new Row(RequestMethod.POST, "/care/children/{childId}/absences/remove", child + "/absences/remove",
                Map.of("term", "2349/1", "date", "not-a-date"), childWriters));
        rows.add(new Row(RequestMethod.GET, "/care/class", "/care/class?term=2349/1", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.ADMIN)));
        Map<Actor, Expect> dashboard = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER,
                Actor.FUND, Actor.ADMIN);
        rows.add(new Row(RequestMethod.GET, "/care/dashboard", "/care/dashboard?term=2349/1", null, dashboard));
        for (String export : List.of("counts.csv", "counts.xlsx", "students.csv", "students.xlsx")) {
            rows.add(new Row(RequestMethod.GET, "/care/dashboard/" + export, "/care/dashboard/" + export + "?term=2349/1", null, dashboard));
        }
        // care rule sets: read by provinces, the fund office and admin; changed by the fund office only (the default set is
        // published: edit and save go back to it, publish is refused, a copy without a version is refused, a simulation
        // without term and province shows its problems; nothing changes)
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> fund = AccessMatrixTests.only(Actor.FUND);
        String set = "/care/rule-sets/" + defaultCareRuleSetId;
        rows.add(new Row(RequestMethod.GET, "/care/rule-sets", "/care/rule-sets", null, readers));
        rows.add(new Row(RequestMethod.GET, "/care/rule-sets/{id}", set, null, readers));
        rows.add(new Row(RequestMethod.POST, "/care/rule-sets/{id}/copy", set + "/copy", Map.of("version", ""), fund));
        rows.add(new Row(RequestMethod.GET, "/care/rule-sets/{id}/edit", set + "/edit", null, fund));
        rows.add(new Row(RequestMethod.POST, "/care/rule-sets/{id}", set, Map.of("name", "x"), fund));
        rows.add(new Row(RequestMethod.POST, "/care/rule-sets/{id}/publish", set + "/publish", Map.of("lockVersion", "x"), fund));
        rows.add(new Row(RequestMethod.GET, "/care/rule-sets/{id}/simulate", set + "/simulate", null, fund));
        rows.add(new Row(RequestMethod.POST, "/care/rule-sets/{id}/retire", "/care/rule-sets/999999999/retire", Map.of(), fund));
        return rows;
    }
}
