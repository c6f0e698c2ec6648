package org.eduequity.security;

import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the survey module's screens. The roster import: teachers (each for their own units, which the
 * import itself checks row by row) and administrators; the province and the fund office are denied.
 */
final class SurveyRows {

    private SurveyRows() {
    }

    /**
     * Rows of the roster import and the teachers' screens. {@code childId} is a demo child of the teacher's school,
     * {@code draftId} a visit draft of that child, {@code visitId} a visit of that school (photo 999999 does not exist, so
     * those who pass security get 404). My children: every role that has an area (each sees its own). A child's page and
     * a visit's photos: teacher, province, fund and admin; teacher2 and Rayong's province are denied the teacher's child.
     * Writing (child form, opening and saving the visit form, photos of a draft) is for teachers of the unit and admins.
     * The inbox of returned visits: teachers and admins; correcting a visit: teachers of its unit and admins.
     */
    static List<Row> rows(long childId, long draftId, long visitId) {
        Map<Actor, AccessMatrixTests.Expect> importers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.ADMIN);
        Map<Actor, AccessMatrixTests.Expect> readers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE,
                Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, AccessMatrixTests.Expect> writers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.ADMIN);
        Map<Actor, AccessMatrixTests.Expect> childReaders = AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN);
        Map<Actor, AccessMatrixTests.Expect> childWriters = AccessMatrixTests.only(Actor.TEACHER, Actor.ADMIN);
        String c = "/children/" + childId;
        String d = "/visits/drafts/" + draftId;
        Map<String, String> stale = Map.of("version", "999999");
        return List.of(
                new Row(RequestMethod.GET, "/children", "/children", null, readers),
                new Row(RequestMethod.GET, "/children/new", "/children/new", null, writers),
                new Row(RequestMethod.POST, "/children/new", "/children/new", Map.of("nationalId", ""), writers),
                new Row(RequestMethod.GET, "/children/{id}", c, null, childReaders),
                new Row(RequestMethod.GET, "/children/{id}/edit", c + "/edit", null, childWriters),
                new Row(RequestMethod.POST, "/children/{id}/edit", c + "/edit", Map.of("nationalId", ""), childWriters),
                new Row(RequestMethod.GET, "/children/{id}/visit", c + "/visit", null, childWriters),
                new Row(RequestMethod.GET, "/visits/{visitId}/photos/{photoId}", "/visits/" + visitId + "/photos/999999", null,
                        childReaders),
                new Row(RequestMethod.GET, "/visits/drafts/{id}", d, null, childWriters),
                new Row(RequestMethod.POST, "/visits/drafts/{id}", d, stale, childWriters),
                new Row(RequestMethod.POST, "/visits/drafts/{id}/submit", d + "/submit", stale, childWriters),
                new Row(RequestMethod.POST, "/visits/drafts/{id}/photos", d + "/photos", null, childWriters),
                new Row(RequestMethod.GET, "/visits/drafts/{id}/photos/{photoId}", d + "/photos/999999", null, childWriters),
                // returned visits: the inbox for teachers (each their own units) and admins; "correct" for the visit's unit
                // (the sample visit is not returned, so those who pass are sent back to the inbox)
                new Row(RequestMethod.GET, "/visits/returned", "/visits/returned", null, writers),
                new Row(RequestMethod.POST, "/visits/{visitId}/correct", "/visits/" + visitId + "/correct", Map.of(), childWriters),
                new Row(RequestMethod.GET, "/roster/import", "/roster/import", null, importers),
                new Row(RequestMethod.POST, "/roster/import/preview", "/roster/import/preview", Map.of(), importers),
                new Row(RequestMethod.POST, "/roster/import/apply", "/roster/import/apply",
                        Map.of("token", "00000000-0000-0000-0000-000000000000"), importers));
    }
}
