package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AreaScopeTest {

    @Test
    void nationalCoversEverything() {
        assertThat(AreaScope.NATIONAL.coversProvince("40")).isTrue();
        assertThat(AreaScope.NATIONAL.coversOrgUnit(7, "21")).isTrue();
        assertThat(AreaScope.NATIONAL.sql("p", "o").sql()).isEqualTo("TRUE");
    }

    @Test
    void provinceCoversOnlyItsOwnProvince() {
        AreaScope kk = AreaScope.province("40");
        assertThat(kk.coversProvince("40")).isTrue();
        assertThat(kk.coversProvince("21")).isFalse();
        assertThat(kk.coversOrgUnit(1, "40")).isTrue();
        assertThat(kk.coversOrgUnit(1, "21")).isFalse();
        AreaScope.SqlPredicate sql = kk.sql("c.province_code", "c.org_unit_id");
        assertThat(sql.sql()).isEqualTo("c.province_code = ?");
        assertThat(sql.args()).containsExactly("40");
    }

    @Test
    void orgUnitsCoverOnlyThoseUnitsAndNoWholeProvince() {
        AreaScope units = AreaScope.orgUnits(Set.of(3L, 5L));
        assertThat(units.coversOrgUnit(3, "40")).isTrue();
        assertThat(units.coversOrgUnit(4, "40")).isFalse();
        assertThat(units.coversProvince("40")).isFalse();
        AreaScope.SqlPredicate sql = units.sql("p", "c.org_unit_id");
        assertThat(sql.sql()).isEqualTo("c.org_unit_id = ANY (?)");
        assertThat((Long[]) sql.args().get(0)).containsExactlyInAnyOrder(3L, 5L);
    }

    @Test
    void noUnitsMeansNothing() {
        AreaScope none = AreaScope.orgUnits(Set.of());
        assertThat(none).isEqualTo(AreaScope.NONE);
        assertThat(none.coversProvince("40")).isFalse();
        assertThat(none.coversOrgUnit(1, "40")).isFalse();
        assertThat(none.sql("p", "o").sql()).isEqualTo("FALSE");
    }
}
