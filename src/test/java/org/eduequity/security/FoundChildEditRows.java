package org.eduequity.security;

import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of editing a found record (issue 8, leftover of step 1) on the demo record 21-1 of Mueang Rayong:
 * only the area worker who finds children there opens the form; an empty form is refused with the errors under the fields
 * (nothing changes). Workers of another area, the province, the fund office, admin (no subdistricts) and providers: 403.
 */
final class FoundChildEditRows {

    private FoundChildEditRows() {
    }

    static List<Row> rows(long foundChildId) {
        String path = "/out-of-school/children/" + foundChildId + "/edit";
        return List.of(
                new Row(RequestMethod.GET, "/out-of-school/children/{id}/edit", path, null, AccessMatrixTests.only(Actor.AREA)),
                new Row(RequestMethod.POST, "/out-of-school/children/{id}/edit", path, Map.of("version", "0"), AccessMatrixTests.only(Actor.AREA)));
    }
}
