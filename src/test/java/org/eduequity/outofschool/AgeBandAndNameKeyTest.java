package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The age bands at their edges, and the name key the duplicate check compares. */
class AgeBandAndNameKeyTest {

    @Test
    void agesFallIntoTheirBandsAndOutside2To21IntoNone() {
        assertThat(AgeBand.ofAge(1)).isEmpty();
        assertThat(AgeBand.ofAge(2)).contains(AgeBand.AGE_2_6);
        assertThat(AgeBand.ofAge(6)).contains(AgeBand.AGE_2_6);
        assertThat(AgeBand.ofAge(7)).contains(AgeBand.AGE_7_12);
        assertThat(AgeBand.ofAge(12)).contains(AgeBand.AGE_7_12);
        assertThat(AgeBand.ofAge(13)).contains(AgeBand.AGE_13_15);
        assertThat(AgeBand.ofAge(15)).contains(AgeBand.AGE_13_15);
        assertThat(AgeBand.ofAge(16)).contains(AgeBand.AGE_16_18);
        assertThat(AgeBand.ofAge(18)).contains(AgeBand.AGE_16_18);
        assertThat(AgeBand.ofAge(19)).contains(AgeBand.AGE_19_21);
        assertThat(AgeBand.ofAge(21)).contains(AgeBand.AGE_19_21);
        assertThat(AgeBand.ofAge(22)).isEmpty();
        assertThat(AgeBand.parse("16-18")).contains(AgeBand.AGE_16_18);
        assertThat(AgeBand.parse("AGE_2_6")).contains(AgeBand.AGE_2_6);
        assertThat(AgeBand.parse("1-99")).isEmpty();
    }

    @Test
    void ageIsInWholeYearsOnTheSurveyDay() {
        LocalDate surveyed = LocalDate.of(2026, 7, 1);
        assertThat(AgeBand.age(LocalDate.of(2019, 7, 1), surveyed)).isEqualTo(7);
        assertThat(AgeBand.age(LocalDate.of(2019, 7, 2), surveyed)).isEqualTo(6);
        assertThat(AgeBand.age(LocalDate.of(2012, 2, 29), LocalDate.of(2026, 2, 28))).isEqualTo(13);
        assertThat(AgeBand.age(LocalDate.of(2012, 2, 29), LocalDate.of(2026, 3, 1))).isEqualTo(14);
    }

    @Test
    void titlesSpacesAndDotsDoNotCount() {
        String key = NameKey.of("สมศักดิ์", "ทองดี");
        assertThat(NameKey.of("ด.ช.สมศักดิ์", "ทองดี")).isEqualTo(key);
        assertThat(NameKey.of("ด.ช. สมศักดิ์", " ทอง ดี ")).isEqualTo(key);
        assertThat(NameKey.of("เด็กชายสมศักดิ์", "ทองดี")).isEqualTo(key);
        assertThat(NameKey.of("นายสมศักดิ์", "ทองดี")).isEqualTo(key);
        assertThat(NameKey.of("นางสาวมะลิ", "ใจดี")).isEqualTo(NameKey.of("มะลิ", "ใจดี"));
        assertThat(NameKey.of("น.ส.มะลิ", "ใจดี")).isEqualTo(NameKey.of("มะลิ", "ใจดี"));
        assertThat(NameKey.of("นางมะลิ", "ใจดี")).isEqualTo(NameKey.of("มะลิ", "ใจดี"));
        // a name that is only a title is kept as it is
        assertThat(NameKey.of("นาย", "ใจดี")).isEqualTo("นายใจดี");
        assertThat(NameKey.of("Mr. John", "Smith")).isEqualTo("johnsmith");
    }
}
