package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the screening module. A child's screening result: as the child's record (teacher of the
 * school, its province, fund, admin). The screened list: province (own only), fund, admin.
 */
final class ScreeningRows {

    private ScreeningRows() {
    }

    static List<Row> rows(String demoNationalId) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RequestMethod.GET, "/api/v1/children/{nationalId}/screening",
                "/api/v1/children/" + demoNationalId + "/screening?term=2569/1", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        // the screened list: the fund office and admins for any province, a province for its own only (Rayong asks for 40)
        rows.add(new Row(RequestMethod.GET, "/screening/list", "/screening/list?province=40", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        return rows;
    }
}
