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
 * Access-matrix rows of the out-of-school cases (issue 8, step 2), on the demo cases of Mueang Rayong (21): the case in
 * service (its referral to P21001 accepted) is read by the Rayong area worker, Rayong's province user, the fund office,
 * admin and the provider P21001; not Khon Kaen's province user or area worker, not teachers. Cases are changed by Rayong's
 * province user and admin (bodies that change nothing: an empty body is refused as invalid after the area check, or a
 * move not allowed from the referral's state is a 409); follow-ups also by the area worker. The referral moves are tried
 * on the referral that is already DONE: the provider P21001 and admin pass security, the province user revokes.
 */
final class CaseRows {

    private CaseRows() {
    }

    static List<Row> rows(JdbcTemplate jdbc) {
        long inService = caseOf(jdbc, "demo-oos-21-5");
        long servicesDone = caseOf(jdbc, "demo-oos-21-6");
        long doneReferral = jdbc.queryForObject("SELECT max(id) FROM oos_referral WHERE case_id = ? AND status = 'DONE'", Long.class, servicesDone);
        String c = "/api/v1/cases/" + inService;
        String r = "/api/v1/referrals/" + doneReferral;
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN, Actor.PROVIDER);
        Map<Actor, Expect> managers = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.ADMIN);
        Map<Actor, Expect> visitors = AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.ADMIN);
        Map<Actor, Expect> provider = AccessMatrixTests.only(Actor.PROVIDER, Actor.ADMIN);
        List<Row> rows = new ArrayList<>();
        // opening: an empty body is invalid (400) for any province user and admin; the child's area is checked with a real body
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases", "/api/v1/cases", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/cases/{id}", c, null, readers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/consent", c + "/consent", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/consent/withdrawal", c + "/consent/withdrawal", null, managers));
        rows.add(new Row(RequestMethod.PUT, "/api/v1/cases/{id}/assessment", c + "/assessment", null, managers));
        rows.add(new Row(RequestMethod.PUT, "/api/v1/cases/{id}/care-plan", c + "/care-plan", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/care-plan/approval", c + "/care-plan/approval", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/referrals", c + "/referrals", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/follow-ups", c + "/follow-ups", null, visitors));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/closure", c + "/closure", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/cases/{id}/reopen", c + "/reopen", null, managers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/referrals/{id}/accept", r + "/accept", null, provider));
        rows.add(new Row(RequestMethod.POST, "/api/v1/referrals/{id}/decline", r + "/decline", null, provider));
        rows.add(new Row(RequestMethod.POST, "/api/v1/referrals/{id}/done", r + "/done", null, provider));
        rows.add(new Row(RequestMethod.POST, "/api/v1/referrals/{id}/revoke", r + "/revoke", null, managers));
        rows.addAll(CaseScreenRows.rows(inService, doneReferral,
                jdbc.queryForObject("SELECT id FROM found_child WHERE external_id = 'demo-oos-21-1'", Long.class)));
        return rows;
    }

    static long caseOf(JdbcTemplate jdbc, String externalId) {
        return jdbc.queryForObject("SELECT max(c.id) FROM oos_case c JOIN found_child f ON f.id = c.found_child_id WHERE f.external_id = ?",
                Long.class, externalId);
    }
}
