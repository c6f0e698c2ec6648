package org.eduequity.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Expect;
import org.eduequity.security.AccessMatrixTests.Row;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of the out-of-school finding (issue 8, step 1). Found children are seen by area (a demo record of
 * Mueang Rayong, 21): the Rayong area worker, Rayong's province user, the fund office and admin; not Khon Kaen's province
 * user nor an area worker of Khon Kaen, not school teachers, not providers. Recording is for area workers, teachers (in a
 * non-formal-education centre's subdistrict, by scope; an empty body is refused as invalid first) and admin; the mobile
 * screens are for those who find children in some subdistrict. Groups and their exports: province (own), fund, admin.
 * Providers: read by province (own), fund, admin and the province's area workers; maintained by admin and province (own).
 */
final class OutOfSchoolRows {

    private OutOfSchoolRows() {
    }

    static List<Row> rows(long foundChildId) {
        List<Row> rows = new ArrayList<>();
        Map<Actor, Expect> recorders = AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.AREA, Actor.AREA_OTHER, Actor.ADMIN);
        Map<Actor, Expect> rayongReaders = AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> rayongGroups = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN);
        Map<Actor, Expect> finders = AccessMatrixTests.only(Actor.AREA, Actor.AREA_OTHER);
        Map<Actor, Expect> rayongMaintainers = AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.ADMIN);
        String child = "/out-of-school/children/" + foundChildId;

        // API
        rows.add(new Row(RequestMethod.POST, "/api/v1/found-children", "/api/v1/found-children", null, recorders));
        rows.add(new Row(RequestMethod.GET, "/api/v1/found-children", "/api/v1/found-children?province=21", null, rayongReaders));
        rows.add(new Row(RequestMethod.GET, "/api/v1/found-children/groups", "/api/v1/found-children/groups?province=21", null, rayongGroups));
        // an empty body is refused as invalid (400) for those who may merge; scope is checked with a real body in the API tests
        rows.add(new Row(RequestMethod.POST, "/api/v1/found-children/{id}/merge", "/api/v1/found-children/" + foundChildId + "/merge", null,
                AccessMatrixTests.only(Actor.TEACHER, Actor.TEACHER_OTHER_SCHOOL, Actor.PROVINCE, Actor.PROVINCE_OTHER, Actor.AREA,
                        Actor.AREA_OTHER, Actor.ADMIN)));
        rows.add(new Row(RequestMethod.GET, "/api/v1/providers", "/api/v1/providers?province=21", null, rayongReaders));

        // the area worker's screens
        rows.add(new Row(RequestMethod.GET, "/out-of-school/find", "/out-of-school/find", null, finders));
        rows.add(new Row(RequestMethod.POST, "/out-of-school/find", "/out-of-school/find", Map.of("firstName", ""), finders));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/duplicates", "/out-of-school/duplicates?firstName=x", null, finders));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/mine", "/out-of-school/mine", null, finders));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/children/{id}", child, null, rayongReaders));
        // merging into a record that does not exist: 404 for those who may see this one
        rows.add(new Row(RequestMethod.POST, "/out-of-school/children/{id}/merge", child + "/merge", Map.of("into", "999999", "version", "0"),
                AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.ADMIN)));

        // verification: Rayong's province user and admin (a stale version: back to the record with a message)
        rows.add(new Row(RequestMethod.POST, "/out-of-school/children/{id}/verify", child + "/verify", Map.of("version", "999999"),
                AccessMatrixTests.only(Actor.PROVINCE_OTHER, Actor.ADMIN)));

        // the province's grouping and its exports
        rows.add(new Row(RequestMethod.GET, "/out-of-school/groups", "/out-of-school/groups?province=21", null, rayongGroups));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/groups/export.csv", "/out-of-school/groups/export.csv?province=21&ageBand=16-18",
                null, rayongGroups));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/groups/export.xlsx", "/out-of-school/groups/export.xlsx?province=21&ageBand=16-18",
                null, rayongGroups));

        // providers on screens
        rows.add(new Row(RequestMethod.GET, "/out-of-school/providers", "/out-of-school/providers?province=21", null, rayongGroups));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/providers/new", "/out-of-school/providers/new?province=21", null, rayongMaintainers));
        rows.add(new Row(RequestMethod.POST, "/out-of-school/providers", "/out-of-school/providers", Map.of("provinceCode", "21"),
                rayongMaintainers));
        rows.add(new Row(RequestMethod.GET, "/out-of-school/providers/{code}/edit", "/out-of-school/providers/P21001/edit", null,
                rayongMaintainers));
        rows.add(new Row(RequestMethod.POST, "/out-of-school/providers/{code}", "/out-of-school/providers/P21001", Map.of("version", "999999"),
                rayongMaintainers));
        return rows;
    }
}
