package org.eduequity;

import static org.assertj.core.api.Assertions.assertThat;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Flyway builds the schema on real PostgreSQL, Hibernate validates it, and the reference data is loaded. */
@IntegrationTest
class ApplicationStartsTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void referenceDataIsLoaded() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM region", Integer.class)).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM province", Integer.class)).isEqualTo(77);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM district", Integer.class)).isEqualTo(929);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subdistrict", Integer.class)).isEqualTo(7451);
        assertThat(jdbc.queryForObject("SELECT name_en FROM province WHERE code = '40'", String.class)).isEqualTo("Khon Kaen");
        assertThat(jdbc.queryForObject("SELECT name_en FROM province WHERE code = '21'", String.class)).isEqualTo("Rayong");
        assertThat(jdbc.queryForObject("SELECT postcode FROM subdistrict WHERE code = '400101'", String.class)).isEqualTo("40000");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subdistrict WHERE latitude IS NULL", Integer.class)).isEqualTo(330);
    }

    @Test
    void demoDataIsLoaded() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit WHERE province_code IN ('40', '21') AND name_th LIKE '%(สาธิต)'", Integer.class)).isEqualTo(9);
        // demo children carry invented ids of the form 1 + district + 9 + serial; other tests add children of their own
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM child c JOIN org_unit u ON u.id = c.org_unit_id
                WHERE u.province_code IN ('40', '21') AND c.national_id LIKE '1' || u.district_code || '9%'""", Integer.class))
                .isEqualTo(198);
        // submitted demo visits of term 2569/1, each with two real photo files on disk
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM home_visit v JOIN org_unit u ON u.id = v.org_unit_id
                WHERE v.term = '2569/1' AND v.status = 'SUBMITTED' AND u.code IN ('1040010001', '1040050002', '1021010004')
                  AND (SELECT count(*) FROM visit_photo p WHERE p.visit_id = v.id AND p.kind IN ('EXTERIOR', 'INTERIOR')) = 2""",
                Integer.class)).isGreaterThanOrEqualTo(18);
        // photos of the demo term only: review tests attach photo rows without files to visits of their own terms (ReviewFixtures)
        for (String hash : jdbc.queryForList("""
                SELECT DISTINCT p.sha256 FROM visit_photo p JOIN home_visit v ON v.id = p.visit_id WHERE v.term = '2569/1' LIMIT 5""",
                String.class)) {
            java.nio.file.Path file = java.nio.file.Path.of("target/test-photos", hash.substring(0, 2), hash.substring(2, 4), hash + ".jpg");
            assertThat(file).exists();
        }
        assertThat(jdbc.queryForList("SELECT username FROM user_account ORDER BY username", String.class))
                .contains("admin", "fund", "fund2", "province", "province2", "teacher", "teacher2");
    }
}
