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
        assertThat(jdbc.queryForObject("SELECT count(*) FROM org_unit WHERE province_code IN ('40', '21')", Integer.class)).isEqualTo(9);
        // demo children carry invented ids of the form 1 + district + 9 + serial; other tests add children of their own
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM child c JOIN org_unit u ON u.id = c.org_unit_id
                WHERE u.province_code IN ('40', '21') AND c.national_id LIKE '1' || u.district_code || '9%'""", Integer.class))
                .isEqualTo(198);
        assertThat(jdbc.queryForList("SELECT username FROM user_account ORDER BY username", String.class))
                .contains("admin", "fund", "fund2", "province", "province2", "teacher", "teacher2");
    }
}
