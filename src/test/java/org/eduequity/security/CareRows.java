package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the student-care module. Records (CSV imports, SDQ, incidents) are written by teachers, provinces
 * and admins — the {} bodies are refused, so nothing is written; whose student a row names is checked per row (a
 * student outside the caller's area is a row error or a 403, see CareApiTests). A student's risk: teacher of the school,
 * its province, fund, admin (not teacher2, not Rayong). Care rule sets: read by provinces, fund and admin, changed by
 * the fund office only (invalid bodies, a published set or a missing set: nothing changes). A province's re-evaluation:
 * fund and admin (no term: refused).
 */
final class CareRows {

    private CareRows() {
    }

    static List<Row> rows(String demoNationalId, long demoChildPk, long defaultCareRuleSetId) {
        List<Row> rows = new ArrayList<>();
        Map<Actor, Expect> writers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER,
                Actor.ADMIN);
        rows.add(new Row(RequestMethod.POST, "/api/v1/attendance", "/api/v1/attendance?term=2349/1", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/grades", "/api/v1/grades?term=2349/1", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/health", "/api/v1/health?term=2349/1", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/sdq", "/api/v1/sdq", null, writers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/incidents", "/api/v1/incidents", null, writers));
        Map<Actor, Expect> ofTeachersSchool = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN);
        rows.add(new Row(RequestMethod.GET, "/api/v1/children/{nationalId}/risk", "/api/v1/children/" + demoNationalId + "/risk?term=2569/1",
                null, ofTeachersSchool));
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> fund = AccessMatrixTests.only(Actor.FUND);
        String set = "/api/v1/care-rule-sets/" + defaultCareRuleSetId;
        rows.add(new Row(RequestMethod.GET, "/api/v1/care-rule-sets", "/api/v1/care-rule-sets", null, readers));
        rows.add(new Row(RequestMethod.GET, "/api/v1/care-rule-sets/{id}", set, null, readers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-rule-sets/{id}/copy", set + "/copy", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-rule-sets/{id}", set, null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-rule-sets/{id}/publish", set + "/publish", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-rule-sets/{id}/retire", "/api/v1/care-rule-sets/999999999/retire", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-rule-sets/{id}/simulate", set + "/simulate", null, fund));
        rows.add(new Row(RequestMethod.POST, "/api/v1/care-evaluations", "/api/v1/care-evaluations", null,
                AccessMatrixTests.only(Actor.FUND, Actor.ADMIN)));
        // screens: the import (an upload without a file is shown again with its error; a bad token goes back to the form)
        Map<Actor, Expect> screenWriters = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE,
                Actor.PROVINCE_OTHER, Actor.ADMIN);
        rows.add(new Row(RequestMethod.GET, "/care/import", "/care/import", null, screenWriters));
        rows.add(new Row(RequestMethod.POST, "/care/import/preview", "/care/import/preview", Map.of("kind", "GRADES"), screenWriters));
        rows.add(new Row(RequestMethod.POST, "/care/import/apply", "/care/import/apply", Map.of("token", "not-a-token"), screenWriters));
        // a child of teacher's school: its teacher, its province and admin write; the other school and Rayong are denied
        String child = "/care/children/" + demoChildPk;
        Map<Actor, Expect> childWriters = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.ADMIN);
        rows.add(new Row(RequestMethod.GET, "/care/children/{childId}/sdq", child + "/sdq?term=2349/1", null, childWriters));
        // an SDQ without a form chosen is shown again with its errors: nothing saved
        rows.add(new Row(RequestMethod.POST, "/care/children/{childId}/sdq", child + "/sdq", Map.of("term", "2349/1"), childWriters));
        rows.add(new Row(RequestMethod.GET, "/care/children/{childId}/risk", child + "/risk?term=2569/1", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        return rows;
    }
}
