package org.eduequity.security;

import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/** Access-matrix rows of the organisation module's admin screens: administrators only. */
final class OrganisationRows {

    private OrganisationRows() {
    }

    static List<Row> rows(long unitId) {
        String unit = "/admin/org-units/" + unitId;
        Map<String, String> stale = Map.of("version", "999999", "active", "true", "code", "", "nameTh", "");
        return List.of(
                new Row(RequestMethod.GET, "/admin/org-units", "/admin/org-units", null, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.GET, "/admin/org-units/new", "/admin/org-units/new", null, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.POST, "/admin/org-units/new", "/admin/org-units/new", Map.of("code", ""),
                        AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.GET, "/admin/org-units/{id}/edit", unit + "/edit", null, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.POST, "/admin/org-units/{id}/edit", unit + "/edit", stale, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.POST, "/admin/org-units/{id}/active", unit + "/active", stale, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.GET, "/admin/org-units/import", "/admin/org-units/import", null, AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.POST, "/admin/org-units/import/preview", "/admin/org-units/import/preview", Map.of(),
                        AccessMatrixTests.only(Actor.ADMIN)),
                new Row(RequestMethod.POST, "/admin/org-units/import/apply", "/admin/org-units/import/apply",
                        Map.of("token", "00000000-0000-0000-0000-000000000000"), AccessMatrixTests.only(Actor.ADMIN)));
    }
}
