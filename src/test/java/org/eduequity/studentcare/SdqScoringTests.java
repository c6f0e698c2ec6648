package org.eduequity.studentcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/** The SDQ scoring of student-care.md in the production SQL under the default care rule set: each rule and each edge. */
@IntegrationTest
class SdqScoringTests {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareRuleSets sets;

    /** A scored form as the SQL gives it: subscales E, C, H, P, prosocial, total and band. */
    record Scored(List<Integer> subscales, Integer total, String band) {
    }

    private Scored score(SdqForm form, Integer[] items) {
        String term = "2349/2";
        long child = CareFixtures.child(jdbc);
        CareFixtures.sdq(jdbc, child, term, form, items, 1);
        return new NamedParameterJdbcTemplate(jdbc).query(CareSql.sdq(CareFixtures.defaults(sets), "s.child_id = :child AND s.term = :term"),
                new MapSqlParameterSource("child", child).addValue("term", term), (rs, i) -> {
                    List<Integer> sub = new ArrayList<>();
                    for (String s : List.of("emotional", "conduct", "hyperactivity", "peer", "prosocial")) {
                        Object v = rs.getObject(s);
                        sub.add(v == null ? null : ((Number) v).intValue());
                    }
                    Object total = rs.getObject("total");
                    return new Scored(sub, total == null ? null : ((Number) total).intValue(), rs.getString("band"));
                }).get(0);
    }

    private static Integer[] zeros() {
        Integer[] items = new Integer[25];
        Arrays.fill(items, 0);
        return items;
    }

    @Test
    void reverseScoredItemsCountTwoMinusTheScore() {
        // every item 0: items 7 (conduct), 21 and 25 (hyperactivity), 11 and 14 (peer) score 2 each
        Scored s = score(SdqForm.SELF, zeros());
        assertThat(s.subscales()).containsExactly(0, 2, 4, 4, 0);
        assertThat(s.total()).isEqualTo(10);
        // every item 2: the reverse items score 0
        Integer[] twos = zeros();
        Arrays.fill(twos, 2);
        assertThat(score(SdqForm.SELF, twos).subscales()).containsExactly(10, 8, 6, 6, 10);
        assertThat(score(SdqForm.SELF, twos).total()).isEqualTo(30);
    }

    @Test
    void oneOrTwoMissingItemsAreProratedRoundedHalfUp() {
        Integer[] one = zeros();
        // emotional 3, 8, 13, 16, 24: 1, 1, 1, 1, missing → 4 × 5 / 4 = 5
        one[2] = 1;
        one[7] = 1;
        one[12] = 1;
        one[15] = 1;
        one[23] = null;
        assertThat(score(SdqForm.SELF, one).subscales().get(0)).isEqualTo(5);
        Integer[] two = zeros();
        // 1, 1, 2, missing, missing → 4 × 5 / 3 = 6.67 → 7
        two[2] = 1;
        two[7] = 1;
        two[12] = 2;
        two[15] = null;
        two[23] = null;
        assertThat(score(SdqForm.SELF, two).subscales().get(0)).isEqualTo(7);
        Integer[] half = zeros();
        // 1, 1, 0, 0, missing → 2 × 5 / 4 = 2.5 → 3 (half-up; half-even would give 2)
        half[2] = 1;
        half[7] = 1;
        half[23] = null;
        assertThat(score(SdqForm.SELF, half).subscales().get(0)).isEqualTo(3);
        Integer[] halfReverse = zeros();
        // conduct 5, 7, 12, 18, 22 with 7 reverse-scored: 7 missing, 5 = 1, 12 = 1 → 2 × 5 / 4 = 2.5 → 3
        halfReverse[6] = null;
        halfReverse[4] = 1;
        halfReverse[11] = 1;
        assertThat(score(SdqForm.SELF, halfReverse).subscales().get(1)).isEqualTo(3);
    }

    @Test
    void threeMissingItemsMakeTheSubscaleAndTheTotalIncomplete() {
        Integer[] items = zeros();
        items[5] = null;
        items[10] = null;
        items[13] = null;
        Scored s = score(SdqForm.SELF, items);
        assertThat(s.subscales().get(3)).isNull();
        assertThat(s.total()).isNull();
        assertThat(s.band()).isEqualTo("INCOMPLETE");
    }

    @Test
    void anIncompleteProsocialSubscaleLeavesTheTotal() {
        Integer[] items = zeros();
        items[0] = null;
        items[3] = null;
        items[8] = null;
        items[16] = null;
        Scored s = score(SdqForm.TEACHER, items);
        assertThat(s.subscales().get(4)).isNull();
        assertThat(s.total()).isEqualTo(10);
        assertThat(s.band()).isEqualTo("NORMAL");
    }

    @Test
    void bandsOfEachForm() {
        record Edge(SdqForm form, int total, String band) {
        }
        List<Edge> edges = List.of(new Edge(SdqForm.SELF, 0, "NORMAL"), new Edge(SdqForm.SELF, 15, "NORMAL"), new Edge(SdqForm.SELF, 16, "AT_RISK"),
                new Edge(SdqForm.SELF, 19, "AT_RISK"), new Edge(SdqForm.SELF, 20, "PROBLEM"), new Edge(SdqForm.SELF, 40, "PROBLEM"),
                new Edge(SdqForm.TEACHER, 11, "NORMAL"), new Edge(SdqForm.TEACHER, 12, "AT_RISK"), new Edge(SdqForm.TEACHER, 15, "AT_RISK"),
                new Edge(SdqForm.TEACHER, 16, "PROBLEM"), new Edge(SdqForm.PARENT, 13, "NORMAL"), new Edge(SdqForm.PARENT, 14, "AT_RISK"),
                new Edge(SdqForm.PARENT, 16, "AT_RISK"), new Edge(SdqForm.PARENT, 17, "PROBLEM"));
        List<String> wrong = new ArrayList<>();
        for (Edge e : edges) {
            Scored s = score(e.form(), CareEngineTests.sdqTotal(e.total()));
            if (s.total() != e.total() || !s.band().equals(e.band())) {
                wrong.add(e + " scored " + s);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
