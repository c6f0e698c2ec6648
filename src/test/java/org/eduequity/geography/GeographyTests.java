package org.eduequity.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eduequity.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The divisions held in memory answer as the tables do, in the same orders, and cannot be changed by a caller. */
@IntegrationTest
class GeographyTests {

    @Autowired
    Geography geography;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void provincesDistrictsAndSubdistrictsAreThoseOfTheTablesInTheirOrders() {
        assertThat(geography.provinces().stream().map(Geography.Province::code).toList())
                .hasSize(77).isEqualTo(jdbc.queryForList("SELECT code FROM province ORDER BY name_th", String.class));
        for (String province : List.of("10", "21", "40", "96")) {
            assertThat(geography.districts(province).stream().map(Geography.District::code).toList()).isNotEmpty()
                    .isEqualTo(jdbc.queryForList("SELECT code FROM district WHERE province_code = ? ORDER BY code", String.class, province));
        }
        for (String district : List.of("2101", "4001", "1001")) {
            assertThat(geography.subdistricts(district).stream().map(Geography.Subdistrict::code).toList()).isNotEmpty()
                    .isEqualTo(jdbc.queryForList("SELECT code FROM subdistrict WHERE district_code = ? ORDER BY code", String.class, district));
        }
        assertThat(geography.subdistrictCodes()).hasSize(jdbc.queryForObject("SELECT count(*) FROM subdistrict", Integer.class));
        assertThat(geography.province("40").orElseThrow().nameTh()).isEqualTo(jdbc.queryForObject(
                "SELECT name_th FROM province WHERE code = '40'", String.class));
        assertThat(geography.district("2101").orElseThrow().provinceCode()).isEqualTo("21");
        assertThat(geography.subdistrict("210101").orElseThrow().districtCode()).isEqualTo("2101");
        assertThat(geography.province("99")).isEmpty();
        assertThat(geography.province(null)).isEmpty();
        assertThat(geography.district("9999")).isEmpty();
        assertThat(geography.districts("99")).isEmpty();
        assertThat(geography.subdistricts(null)).isEmpty();
    }

    @Test
    void noCallerCanChangeTheDivisionsOthersSee() {
        assertThatThrownBy(() -> geography.provinces().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> geography.districts("21").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> geography.subdistricts("2101").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(geography.districts("21")).isNotEmpty();
    }
}
