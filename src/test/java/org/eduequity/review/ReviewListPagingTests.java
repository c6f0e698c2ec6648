package org.eduequity.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.screening.TestHousehold.Member.of;

import java.util.ArrayList;
import java.util.List;

import org.eduequity.review.ReviewFixtures.Household;
import org.eduequity.screening.Classification;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.screening.TestHousehold;
import org.eduequity.shared.AreaScope;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The list's two ways of finding a page agree: pages read in the list index's order (whole province, by class or
 * pending), counting each household's students up to the page, are the same students in the same order as the list
 * joined and sorted (a district filter that every household of the term is in), for every page size and page —
 * households of one to five students, equal scores, and students of a household decided apart from the others.
 */
@IntegrationTest
class ReviewListPagingTests {

    private static final String TERM = "2565/2";

    @Autowired
    ReviewList list;

    @Autowired
    Reviews reviews;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Screening screening;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    JsonMapper json;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static TestHousehold household(int students, int wages) {
        List<TestHousehold.Member> members = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            members.add(of("STUDENT", 7 + i).inSchool());
        }
        members.add(of("MOTHER", 36).wages(wages));
        return TestHousehold.example(members.toArray(TestHousehold.Member[]::new));
    }

    @Test
    void pagesInIndexOrderAreThePagesOfTheJoinedList() {
        ReviewFixtures fixtures = new ReviewFixtures(jdbc, tx, screening, ruleSets, json);
        List<Household> households = new ArrayList<>();
        int[][] shapes = {{3, 1500}, {1, 1500}, {5, 2500}, {2, 900}, {1, 60000}, {4, 3000}, {2, 1500}, {1, 700}, {3, 40000}, {2, 4500},
                {1, 2500}, {5, 900}};
        for (int[] s : shapes) {
            households.add(fixtures.screened(TERM, household(s[0], s[1]), false));
        }
        // some students decided apart from the rest of their household: those households are partly pending
        UserDetails province = users.loadUserByUsername("province");
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(province, null, province.getAuthorities()));
        for (String id : List.of(households.get(0).nationalIds().get(1), households.get(2).nationalIds().get(0),
                households.get(2).nationalIds().get(4), households.get(11).nationalIds().get(2), households.get(1).nationalId())) {
            assertThat(reviews.decide("40", TERM, List.of(new Reviews.Request(id, Decision.REJECT, "DUPLICATE", null, null, null, null)))
                    .get(0).outcome()).isEqualTo("REJECTED");
        }
        AreaScope scope = AreaScope.province("40");
        List<ReviewList.Filter> filters = new ArrayList<>();
        ReviewList.Filter whole = ReviewList.Filter.of(TERM, "40");
        filters.add(whole);
        filters.add(whole.withStatus(ReviewStatus.PENDING));
        for (Classification c : Classification.values()) {
            filters.add(whole.withClassification(c));
            filters.add(whole.withClassification(c).withStatus(ReviewStatus.PENDING));
        }
        for (ReviewList.Filter f : filters) {
            ReviewList.Filter joined = new ReviewList.Filter(f.term(), f.provinceCode(), "4001", null, null, f.classification(), f.status(),
                    null, null);
            List<Long> all = list.list(scope, joined, ReviewList.Sort.NEED, 0, 1000).rows().stream().map(ReviewList.Row::childId).toList();
            long expected = all.size();
            assertThat(list.list(scope, f, ReviewList.Sort.NEED, 0, 1000).matching()).as(f.toString()).isEqualTo(expected);
            for (int size : new int[] {1, 2, 3, 4, 7, 50}) {
                List<Long> paged = new ArrayList<>();
                for (int page = 0; (long) page * size < expected + size; page++) {
                    List<ReviewList.Row> rows = list.list(scope, f, ReviewList.Sort.NEED, page, size).rows();
                    List<ReviewList.Row> joinedRows = list.list(scope, joined, ReviewList.Sort.NEED, page, size).rows();
                    assertThat(rows).as("%s size %d page %d", f, size, page).isEqualTo(joinedRows);
                    assertThat(rows.size()).as("%s size %d page %d", f, size, page)
                            .isEqualTo((int) Math.max(0, Math.min(size, expected - (long) page * size)));
                    rows.forEach(r -> paged.add(r.childId()));
                }
                assertThat(paged).as("%s size %d", f, size).isEqualTo(all);
            }
        }
        // the students exist and the pending pages left the decided ones out
        long students = households.stream().mapToLong(h -> h.nationalIds().size()).sum();
        assertThat(list.list(scope, whole, ReviewList.Sort.NEED, 0, 1000).rows()).hasSize((int) students);
        assertThat(list.list(scope, whole.withStatus(ReviewStatus.PENDING), ReviewList.Sort.NEED, 0, 1000).rows()).hasSize((int) students - 5);
    }
}
