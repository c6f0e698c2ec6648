package org.eduequity.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eduequity.outofschool.OutOfSchoolFixtures;
import org.eduequity.security.AccessMatrixTests.Actor;
import org.eduequity.security.AccessMatrixTests.Row;
import org.eduequity.support.WebSession;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Access-matrix rows of a found child's full home visit (issue 8, ADR 0011), on a youth the demo area worker records in
 * Tha Pradu (210101, Mueang Rayong) whose full visit is started on the demo centre NFE-210101: the area worker (and admin)
 * start it and open its form; the province of Rayong, the fund office and admin see where it leads; Khon Kaen's users,
 * the other area worker, teachers and providers are refused — the form of the visit too, though area workers may use
 * the visit form now.
 */
final class FullVisitRows {

    private FullVisitRows() {
    }

    /** What the rows need: the found child, the child record its visit is on, and the visit's draft. */
    record Sample(long foundChildId, long childId, long draftId) {
    }

    /** Records the youth and starts the full visit as the demo area worker (once per test class). */
    static Sample prepare(int port, JdbcTemplate jdbc, WebSession area) {
        HttpResponse<String> recorded = WebSession.sendApi(WebSession.basic(port, "/api/v1/found-children", "area", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(OutOfSchoolFixtures.document(null,
                        OutOfSchoolFixtures.newNationalId(), "เมทริกซ์", "เยี่ยมบ้าน", LocalDate.of(2010, 5, 1), LocalDate.of(2026, 7, 1),
                        "210101", List.of("NON_FORMAL_EDUCATION")))).build());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(recorded.body());
        assertThat(id.find()).as(recorded.body()).isTrue();
        long found = Long.parseLong(id.group(1));
        HttpResponse<String> opened = area.postWithToken("/out-of-school/children/" + found + "/visit", new java.util.LinkedHashMap<>());
        java.util.regex.Matcher draft = java.util.regex.Pattern.compile("/visits/drafts/(\\d+)$")
                .matcher(opened.headers().firstValue("Location").orElse(""));
        assertThat(draft.find()).as(opened.statusCode() + " " + opened.headers().map()).isTrue();
        long child = jdbc.queryForObject("SELECT child_id FROM found_child WHERE id = ?", Long.class, found);
        return new Sample(found, child, Long.parseLong(draft.group(1)));
    }

    static List<Row> rows(Sample s) {
        return List.of(
                new Row(RequestMethod.POST, "/out-of-school/children/{id}/visit", "/out-of-school/children/" + s.foundChildId() + "/visit",
                        Map.of(), AccessMatrixTests.only(Actor.AREA, Actor.ADMIN)),
                new Row(RequestMethod.GET, "/out-of-school/visited/{childId}", "/out-of-school/visited/" + s.childId(), null,
                        AccessMatrixTests.only(Actor.AREA, Actor.PROVINCE_OTHER, Actor.FUND, Actor.ADMIN)),
                // the survey module's form of this visit: the area worker who found the child (and admin), nobody else
                new Row(RequestMethod.GET, "/visits/drafts/{id}", "/visits/drafts/" + s.draftId(), null,
                        AccessMatrixTests.only(Actor.AREA, Actor.ADMIN)));
    }
}
