package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the screening module. A child's screening result: as the child's record (teacher of the
 * school, its province, fund, admin). Rule sets (not area-owned): read by the fund office, admins and every province; changed by the fund office
 * only. The writes use the published default set or a form that is refused, so allowed callers change nothing.
 * school, its province, fund, admin). The screened list: province (own only), fund, admin.
 */
final class ScreeningRows {

    private ScreeningRows() {
    }

    static List<Row> rows(String demoNationalId, long defaultRuleSetId) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RequestMethod.GET, "/api/v1/children/{nationalId}/screening",
                "/api/v1/children/" + demoNationalId + "/screening?term=2569/1", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        // re-screening runs: the fund office starts them ({} is refused as invalid, so nothing runs); fund and admin read them
        rows.add(new Row(RequestMethod.POST, "/api/v1/screening-runs", "/api/v1/screening-runs", null,
                AccessMatrixTests.only(Actor.FUND)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/screening-runs/{id}", "/api/v1/screening-runs/999999", null,
                AccessMatrixTests.only(Actor.FUND, Actor.ADMIN)));
        // screens of runs and what-if: fund starts (an empty form is refused, nothing runs); fund and admin read
        Map<String, String> empty = Map.of("term", "");
        rows.add(new Row(RequestMethod.GET, "/screening/runs", "/screening/runs", null, AccessMatrixTests.only(Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/screening/runs", "/screening/runs", empty, AccessMatrixTests.only(Actor.FUND)));
        rows.add(new Row(RequestMethod.GET, "/screening/what-if", "/screening/what-if", null, AccessMatrixTests.only(Actor.FUND)));
        rows.add(new Row(RequestMethod.POST, "/screening/what-if", "/screening/what-if", empty, AccessMatrixTests.only(Actor.FUND)));
        rows.add(new Row(RequestMethod.GET, "/screening/runs/{id}", "/screening/runs/999999", null,
                AccessMatrixTests.only(Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/screening/runs/{id}/counts.csv", "/screening/runs/999999/counts.csv", null,
                AccessMatrixTests.only(Actor.FUND, Actor.ADMIN)));
        String set = "/screening/rule-sets/" + defaultRuleSetId;
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> fund = AccessMatrixTests.only(Actor.FUND);
        rows.add(new Row(RequestMethod.GET, "/screening/rule-sets", "/screening/rule-sets", null, readers));
        rows.add(new Row(RequestMethod.GET, "/screening/rule-sets/{id}", set, null, readers));
        // a published set: its edit page redirects to the view, a save or publish is refused as not a draft
        rows.add(new Row(RequestMethod.GET, "/screening/rule-sets/{id}/edit", set + "/edit", null, fund));
        rows.add(new Row(RequestMethod.POST, "/screening/rule-sets/{id}", set, Map.of("lockVersion", "999999", "name", "x"), fund));
        rows.add(new Row(RequestMethod.POST, "/screening/rule-sets/{id}/publish", set + "/publish", Map.of("lockVersion", "999999"), fund));
        // an invalid version: no copy is made
        rows.add(new Row(RequestMethod.POST, "/screening/rule-sets/{id}/copy", set + "/copy", Map.of("version", "!bad version"), fund));
        // a set that does not exist: 404 for the fund office, nothing retired
        rows.add(new Row(RequestMethod.POST, "/screening/rule-sets/{id}/retire", "/screening/rule-sets/999999999/retire", Map.of(), fund));
        // the screened list: the fund office and admins for any province, a province for its own only (Rayong asks for 40)
        rows.add(new Row(RequestMethod.GET, "/screening/list", "/screening/list?province=40", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        return rows;
    }
}
