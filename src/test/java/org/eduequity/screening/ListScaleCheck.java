package org.eduequity.screening;

import java.util.List;
import java.util.Map;

import org.eduequity.shared.AreaScope;
import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not run with the tests (its name matches no test pattern): run it by name ({@code -Dtest=ListScaleCheck})
 * to see the plans and times of the screened list over 200,000 students of one province. Everything it writes is
 * rolled back.
 */
@IntegrationTest
class ListScaleCheck {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ScreenedLists lists;

    @Test
    void twoHundredThousandStudentsInAProvince() {
        tx.executeWithoutResult(status -> {
            long ruleSet = jdbc.queryForObject("SELECT id FROM rule_set WHERE code = 'cct-pmt-default' AND version = '2569.1'", Long.class);
            jdbc.update("""
                    INSERT INTO org_unit (code, name_th, type, affiliation, subdistrict_code, district_code, province_code)
                    SELECT '7' || lpad(g::text, 9, '0'), 'โรงเรียนขนาด ' || g, 'SCHOOL', 'OBEC', s.code, s.district_code, '40'
                    FROM generate_series(1, 600) g
                    JOIN LATERAL (SELECT code, district_code FROM subdistrict WHERE province_code = '40' ORDER BY code
                                  OFFSET g % (SELECT count(*) FROM subdistrict WHERE province_code = '40') LIMIT 1) s ON true""");
            jdbc.execute("""
                    CREATE TEMP TABLE scale_units ON COMMIT DROP AS
                    SELECT row_number() OVER (ORDER BY id) AS n, id, subdistrict_code FROM org_unit WHERE code LIKE '7%' AND province_code = '40'""");
            jdbc.update("""
                    INSERT INTO household (subdistrict_code) SELECT u.subdistrict_code FROM generate_series(1, 170000) g
                    JOIN scale_units u ON u.n = 1 + g % 600""");
            jdbc.update("""
                    INSERT INTO home_visit (household_id, term, visited_on, org_unit_id, province_code, status)
                    SELECT h.id, '2569/1', DATE '2026-06-20', u.id, '40', 'SUBMITTED'
                    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM household ORDER BY id DESC LIMIT 170000) h
                    JOIN scale_units u ON u.n = 1 + h.n % 600""");
            jdbc.update("""
                    INSERT INTO child (national_id, first_name, last_name, birth_date, sex, org_unit_id, province_code, grade_level)
                    SELECT '3' || lpad(g::text, 12, '0'), 'เด็ก' || g, 'ทดสอบ', DATE '2015-01-01', 'FEMALE', u.id, '40', 'P4'
                    FROM generate_series(1, 200000) g JOIN scale_units u ON u.n = 1 + g % 600""");
            // 170,000 visits, 30,000 of them with a second student
            for (String join : List.of("c.n = v.n", "c.n = v.n + 170000")) {
                jdbc.update("""
                        INSERT INTO visit_student (visit_id, child_id, term)
                        SELECT v.id, c.id, '2569/1'
                        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n
                              FROM (SELECT id FROM home_visit WHERE province_code = '40' ORDER BY id DESC LIMIT 170000) x) v
                        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n
                              FROM (SELECT id FROM child WHERE national_id LIKE '3%' ORDER BY id DESC LIMIT 200000) y) c
                        """ + " ON " + join);
            }
            jdbc.update("""
                    INSERT INTO screening_result (visit_id, term, province_code, rule_set_id, cause, classification, members, household_income,
                        per_capita_income, hardship_score, dependants, cut_off, p_dependants, p_tenure, p_dwelling, p_farmland, p_water,
                        p_electricity, p_vehicles, p_appliances, current, computed_at)
                    SELECT v.id, '2569/1', '40', ?, 'SUBMITTED', (ARRAY['POOR', 'EXTREMELY_POOR', 'NOT_POOR', 'POOR'])[1 + v.id % 4], 4, 4000,
                        (v.id % 5000)::numeric, (v.id % 60)::int - 10, 1, 20, 5, 0, 3, 3, 0, 0, 3, 0, true, now()
                    FROM home_visit v WHERE v.province_code = '40' AND v.org_unit_id IN (SELECT id FROM scale_units)""", ruleSet);
            jdbc.execute("ANALYZE household; ANALYZE home_visit; ANALYZE child; ANALYZE visit_student; ANALYZE screening_result; ANALYZE org_unit");
            System.out.println("SCALE students: " + jdbc.queryForObject("""
                    SELECT count(*) FROM screening_result r JOIN visit_student vs ON vs.visit_id = r.visit_id
                    WHERE r.current AND r.province_code = '40' AND r.term = '2569/1'""", Long.class));

            String district = jdbc.queryForObject("SELECT left(subdistrict_code, 4) FROM scale_units WHERE n = 1", String.class);
            String unit = jdbc.queryForObject("SELECT code FROM org_unit WHERE id = (SELECT id FROM scale_units WHERE n = 7)", String.class);
            Map<String, ScreenedLists.Filter> filters = new java.util.LinkedHashMap<>();
            filters.put("province", new ScreenedLists.Filter("2569/1", "40", null, null, null, null));
            filters.put("extremely poor", new ScreenedLists.Filter("2569/1", "40", null, null, null, Classification.EXTREMELY_POOR));
            filters.put("district", new ScreenedLists.Filter("2569/1", "40", district, null, null, null));
            filters.put("unit", new ScreenedLists.Filter("2569/1", "40", null, null, unit, null));
            for (Map.Entry<String, ScreenedLists.Filter> f : filters.entrySet()) {
                for (int page : List.of(0, 1, 400, 3999)) {
                    lists.list(AreaScope.province("40"), f.getValue(), page); // warm
                    long start = System.nanoTime();
                    ScreenedLists.Page p = lists.list(AreaScope.province("40"), f.getValue(), page);
                    System.out.printf("SCALE %-15s page %4d: %4d rows of %6d in %5.1f ms%n", f.getKey(), page, p.rows().size(), p.matching(),
                            (System.nanoTime() - start) / 1e6);
                }
            }
            status.setRollbackOnly();
        });
    }
}
