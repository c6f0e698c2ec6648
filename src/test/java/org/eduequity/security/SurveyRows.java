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

    static List<Row> rows() {
        Map<Actor, AccessMatrixTests.Expect> importers = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.ADMIN);
        return List.of(
                new Row(RequestMethod.GET, "/roster/import", "/roster/import", null, importers),
                new Row(RequestMethod.POST, "/roster/import/preview", "/roster/import/preview", Map.of(), importers),
                new Row(RequestMethod.POST, "/roster/import/apply", "/roster/import/apply",
                        Map.of("token", "00000000-0000-0000-0000-000000000000"), importers));
    }
}
