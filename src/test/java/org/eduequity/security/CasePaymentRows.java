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
 * Access-matrix rows of the case payments (issue 8, step 3) on the demo data of Mueang Rayong (21): Rayong's certified
 * case list (the demo certifies its eligible cases) and the case in service. Eligible cases, versions and a version are
 * read by Rayong's province user, the fund office and admin (Khon Kaen's province user: 403); certifying is tried with a
 * term that is not one, so the allowed callers get a 400 (or the page again with the error) and nothing is certified. A
 * case's payments are read by whoever sees the whole case (not the provider).
 */
final class CasePaymentRows {

    private CasePaymentRows() {
    }

    static List<Row> rows(JdbcTemplate jdbc) {
        long version = jdbc.queryForObject("SELECT max(id) FROM oos_case_certification WHERE province_code = '21'", Long.class);
        long inService = CaseRows.caseOf(jdbc, "demo-oos-21-5");
        Map<Actor, Expect> readers = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> certifiers = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.ADMIN);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RequestMethod.GET, "/api/v1/case-certifications/eligible", "/api/v1/case-certifications/eligible?province=21", null,
                readers));
        rows.add(new Row(RequestMethod.POST, "/api/v1/case-certifications", "/api/v1/case-certifications?province=21&term=not-a-term", null,
                certifiers));
        rows.add(new Row(RequestMethod.GET, "/api/v1/case-certifications", "/api/v1/case-certifications?province=21&term=2569/1", null,
                readers));
        rows.add(new Row(RequestMethod.GET, "/api/v1/case-certifications/{id}", "/api/v1/case-certifications/" + version, null, readers));
        rows.add(new Row(RequestMethod.GET, "/api/v1/cases/{id}/payments", "/api/v1/cases/" + inService + "/payments", null,
                AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/case-certification", "/out-of-school/case-certification?province=21", null,
                readers));
        rows.add(new Row(RequestMethod.POST, "/out-of-school/case-certification", "/out-of-school/case-certification",
                Map.of("province", "21", "term", "not-a-term"), certifiers));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/case-certifications/{id}", "/out-of-school/case-certifications/" + version, null,
                readers));
        return rows;
    }
}
