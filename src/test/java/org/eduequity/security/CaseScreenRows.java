package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the case screens (issue 8, step 2), on the same demo cases as {@link CaseRows}: empty forms are
 * refused with the errors on the case page (which is read within the caller's area first), so nothing changes.
 */
final class CaseScreenRows {

    private CaseScreenRows() {
    }

    static List<Row> rows(long inService, long doneReferral, long openedChild) {
        String c = "/out-of-school/cases/" + inService;
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN, Actor.PROVIDER);
        Map<Actor, Expect> managers = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.ADMIN);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RequestMethod.GET, "/out-of-school/cases", "/out-of-school/cases?province=21", null,
                AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/cases/{id}", c, null, readers));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/referrals", "/out-of-school/referrals", null, AccessMatrixTests.only(Actor.PROVIDER)));
        // the demo child 21-1 has an open case: opening again answers it (nothing is opened twice)
        rows.add(new Row(RequestMethod.POST, "/out-of-school/children/{id}/case", "/out-of-school/children/" + openedChild + "/case", Map.of(),
                managers));
        for (String step : List.of("consent", "assessment", "care-plan", "care-plan/approval", "referrals", "closure", "reopen")) {
            rows.add(new Row(RequestMethod.POST, "/out-of-school/cases/{id}/" + step, c + "/" + step, Map.of("version", ""), managers));
        }
        rows.add(new Row(RequestMethod.POST, "/out-of-school/cases/{id}/follow-ups", c + "/follow-ups", Map.of("version", ""),
                AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.ADMIN)));
        // a move not allowed from DONE: back with a message for the provider and admin
        rows.add(new Row(RequestMethod.POST, "/out-of-school/referrals/{id}/{move}", "/out-of-school/referrals/" + doneReferral + "/accept",
                Map.of("from", "inbox"), AccessMatrixTests.only(Actor.PROVIDER, Actor.ADMIN)));
        return rows;
    }
}
