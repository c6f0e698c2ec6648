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

    @Test
    void subdistrictsCoverFoundChildrenThereAndNoOrganisationUnitsData() {
        AreaScope worker = AreaScope.subdistricts(Set.of("210101", "210102"));
        assertThat(worker.coversSubdistrict("210101")).isTrue();
        assertThat(worker.coversSubdistrict("210103")).isFalse();
        assertThat(worker.coversProvince("21")).isFalse();
        assertThat(worker.touchesProvince("21")).isTrue();
        assertThat(worker.touchesProvince("40")).isFalse();
        assertThat(worker.coversOrgUnit(1, "21")).isFalse();
        assertThat(worker.sql("p", "o").sql()).isEqualTo("FALSE");
        AreaScope.SqlPredicate sql = worker.sqlBySubdistrict("f.province_code", "f.subdistrict_code");
        assertThat(sql.sql()).isEqualTo("f.subdistrict_code = ANY (?)");
        assertThat((String[]) sql.args().get(0)).containsExactlyInAnyOrder("210101", "210102");
        assertThat(AreaScope.subdistricts(Set.of())).isEqualTo(AreaScope.NONE);
    }

    @Test
    void aProvinceCoversItsSubdistrictsAndNationalAll() {
        assertThat(AreaScope.province("21").coversSubdistrict("210101")).isTrue();
        assertThat(AreaScope.province("21").coversSubdistrict("400101")).isFalse();
        assertThat(AreaScope.province("21").sqlBySubdistrict("f.province_code", "f.subdistrict_code").sql()).isEqualTo("f.province_code = ?");
        assertThat(AreaScope.NATIONAL.coversSubdistrict("400101")).isTrue();
        assertThat(AreaScope.NONE.coversSubdistrict("400101")).isFalse();
    }

    @Test
    void aTeacherOfANonFormalEducationCentreFindsInItsSubdistrictAndKeepsTheUnits() {
        AreaScope teacher = AreaScope.orgUnits(Set.of(9L), Set.of("400101"));
        assertThat(teacher.coversOrgUnit(9, "40")).isTrue();
        assertThat(teacher.coversSubdistrict("400101")).isTrue();
        assertThat(teacher.coversSubdistrict("400102")).isFalse();
        assertThat(teacher.findingSubdistricts()).containsExactly("400101");
        assertThat(AreaScope.orgUnits(Set.of(9L)).coversSubdistrict("400101")).isFalse();
    }

    @Test
    void aProviderSeesNoArea() {
        AreaScope provider = AreaScope.provider("P21001");
        assertThat(provider).isEqualTo(new AreaScope.Provider("P21001"));
        assertThat(provider.coversProvince("21")).isFalse();
        assertThat(provider.coversSubdistrict("210101")).isFalse();
        assertThat(provider.sql("p", "o").sql()).isEqualTo("FALSE");
        assertThat(AreaScope.provider(null)).isEqualTo(AreaScope.NONE);
    }
}
