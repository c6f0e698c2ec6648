package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the provincial review. The list: the province (its own only) and the fund office (read-only).
 * Decisions, bulk approval and certification: the province's own users only — the rows send requests that are refused
 * (an invalid national id, a confirmed count that cannot match, a term with nothing approved), so allowed callers
 * change nothing. The API bodies are empty ({}), refused as invalid before any province is named, so both province
 * users pass security there; a province user acting on another province gets 403 (ReviewApiTests). Certified lists
 * that do not exist: 404 for those who may read them.
 */
final class ReviewRows {

    private ReviewRows() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(RequestMethod.GET, "/api/v1/screened-list", "/api/v1/screened-list?province=40&term=2569/1", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.FUND)));
        rows.add(new Row(RequestMethod.POST, "/api/v1/reviews", "/api/v1/reviews", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER)));
        rows.add(new Row(RequestMethod.POST, "/api/v1/certifications", "/api/v1/certifications", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/certifications/{id}", "/api/v1/certifications/999999", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/certifications/{id}/entries.csv", "/api/v1/certifications/999999/entries.csv", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND)));

        rows.add(new Row(RequestMethod.GET, "/review", "/review?province=40", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.FUND, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.POST, "/review/decide", "/review/decide", Map.of("term", "2569/1", "province", "40",
                "nationalId", "123", "decision", "APPROVE", "version", "0", "resultId", "0"), AccessMatrixTests.only(Actor.PROVINCE)));
        rows.add(new Row(RequestMethod.GET, "/review/decide", "/review/decide?term=2569/1&province=40&nationalId=1409901234560", null,
                AccessMatrixTests.only(Actor.PROVINCE)));
        rows.add(new Row(RequestMethod.GET, "/review/bulk", "/review/bulk?province=40", null, AccessMatrixTests.only(Actor.PROVINCE)));
        rows.add(new Row(RequestMethod.POST, "/review/bulk", "/review/bulk", Map.of("term", "2569/1", "province", "40",
                "confirmedCount", "-1"), AccessMatrixTests.only(Actor.PROVINCE)));
        rows.add(new Row(RequestMethod.GET, "/review/certifications", "/review/certifications?province=40", null,
                AccessMatrixTests.only(Actor.PROVINCE, Actor.FUND)));
        rows.add(new Row(RequestMethod.POST, "/review/certifications", "/review/certifications", Map.of("term", "2559/1", "province", "40",
                "reason", ""), AccessMatrixTests.only(Actor.PROVINCE)));
        Map<Actor, AccessMatrixTests.Expect> readers = AccessMatrixTests.only(Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.FUND);
        rows.add(new Row(RequestMethod.GET, "/review/certifications/{id}", "/review/certifications/999999", null, readers));
        rows.add(new Row(RequestMethod.GET, "/review/certifications/{id}/entries.csv", "/review/certifications/999999/entries.csv", null,
                readers));
        rows.add(new Row(RequestMethod.GET, "/review/certifications/{id}/difference", "/review/certifications/999999/difference?from=999998",
                null, readers));
        rows.add(new Row(RequestMethod.GET, "/review/certifications/{id}/difference.csv",
                "/review/certifications/999999/difference.csv?from=999998", null, readers));
        return rows;
    }
}
