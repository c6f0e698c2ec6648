package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The case list in pages (issue 8, leftover of step 2): the stage computed in SQL agrees with {@link CaseStage#of} on every
 * case of the demo provinces (all stages, a reopened case among them), pages hold what the whole list holds in the same
 * order, and the screen pages with the stage filter kept.
 */
@IntegrationTest
class CaseListPagingTests {

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @Autowired
    UserDetailsService users;

    private void actAs(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theStageInSqlIsTheStageOfEveryCaseAndPagesAddUpToTheList() {
        actAs("admin");
        for (String province : List.of("21", "40", "23")) {
            Cases.CasePage all = cases.page(province, null, 0, 2000);
            assertThat(all.total()).isEqualTo(all.rows().size());
            for (Cases.CaseRow r : all.rows()) {
                assertThat(r.stage()).as("case %d", r.id()).isEqualTo(cases.stage(r.id()));
            }
            Map<CaseStage, Long> counts = cases.countByStage(province);
            for (CaseStage s : CaseStage.values()) {
                Cases.CasePage of = cases.page(province, s, 0, 2000);
                assertThat(of.rows()).allSatisfy(r -> assertThat(r.stage()).isEqualTo(s));
                assertThat(of.total()).isEqualTo(counts.get(s)).isEqualTo(all.rows().stream().filter(r -> r.stage() == s).count());
            }
            List<Long> paged = new ArrayList<>();
            for (int page = 0; page * 3 < all.total(); page++) {
                Cases.CasePage p = cases.page(province, null, page, 3);
                assertThat(p.rows()).hasSizeLessThanOrEqualTo(3);
                p.rows().forEach(r -> paged.add(r.id()));
            }
            assertThat(paged).isEqualTo(all.rows().stream().map(Cases.CaseRow::id).toList());
        }
        // the demo holds a case at every stage in Rayong
        assertThat(cases.countByStage("21").values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void theScreenShowsCountsPerStageAndKeepsTheFilterAcrossPages() {
        WebSession s = WebSession.loggedIn(port, "province2");
        HttpResponse<String> page = s.get("/out-of-school/cases?province=21&stage=CLOSED");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"stage-CLOSED\"").containsPattern("ปิดกรณี \\(\\d+\\)");
        HttpResponse<String> beyond = s.get("/out-of-school/cases?province=21&stage=CLOSED&page=99");
        assertThat(beyond.statusCode()).isEqualTo(200);
        assertThat(beyond.body()).contains("id=\"cases-empty\"");
        assertThat(s.get("/out-of-school/cases?province=21&page=x").statusCode()).isEqualTo(200);
        assertThat(WebSession.loggedIn(port, "province").get("/out-of-school/cases?province=21").statusCode()).isEqualTo(403);
    }
}
