package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BuddhistDateTest {

    private static final Locale THAI = Locale.forLanguageTag("th-TH");
    private static final LocalDate NOV_22_2026 = LocalDate.of(2026, 11, 22);

    @Test
    void beYearAddsFiveHundredFortyThree() {
        assertThat(BuddhistDate.beYear(NOV_22_2026)).isEqualTo(2569);
        assertThat(BuddhistDate.beYear(LocalDate.of(2027, 1, 1))).isEqualTo(2570);
    }

    @Test
    void formatsWithAbbreviatedMonth() {
        assertThat(BuddhistDate.format(NOV_22_2026, THAI)).isEqualTo("22 พ.ย. 2569");
        assertThat(BuddhistDate.format(NOV_22_2026, new Locale("th"))).isEqualTo("22 พ.ย. 2569");
        assertThat(BuddhistDate.format(NOV_22_2026, Locale.ENGLISH)).isEqualTo("22 Nov 2569");
        assertThat(BuddhistDate.format(NOV_22_2026, Locale.UK)).isEqualTo("22 Nov 2569");
        assertThat(BuddhistDate.format(NOV_22_2026, null)).isEqualTo("22 Nov 2569");
        assertThat(BuddhistDate.format(LocalDate.of(2027, 1, 2), THAI)).isEqualTo("2 ม.ค. 2570");
    }

    @Test
    void formatsWithFullMonth() {
        assertThat(BuddhistDate.formatLong(NOV_22_2026, THAI)).isEqualTo("22 พฤศจิกายน 2569");
        assertThat(BuddhistDate.formatLong(NOV_22_2026, Locale.ENGLISH)).isEqualTo("22 November 2569");
        assertThat(BuddhistDate.formatLong(LocalDate.of(2027, 9, 5), Locale.UK)).isEqualTo("5 September 2570");
    }

    @ParameterizedTest(name = "month {0}")
    @CsvSource({
        "1, ม.ค., มกราคม, Jan, January",
        "2, ก.พ., กุมภาพันธ์, Feb, February",
        "3, มี.ค., มีนาคม, Mar, March",
        "4, เม.ย., เมษายน, Apr, April",
        "5, พ.ค., พฤษภาคม, May, May",
        "6, มิ.ย., มิถุนายน, Jun, June",
        "7, ก.ค., กรกฎาคม, Jul, July",
        "8, ส.ค., สิงหาคม, Aug, August",
        "9, ก.ย., กันยายน, Sep, September",
        "10, ต.ค., ตุลาคม, Oct, October",
        "11, พ.ย., พฤศจิกายน, Nov, November",
        "12, ธ.ค., ธันวาคม, Dec, December"
    })
    void everyMonthName(int month, String thaiShort, String thaiLong, String enShort, String enLong) {
        LocalDate date = LocalDate.of(2026, month, 1);
        assertThat(BuddhistDate.format(date, THAI)).isEqualTo("1 " + thaiShort + " 2569");
        assertThat(BuddhistDate.formatLong(date, THAI)).isEqualTo("1 " + thaiLong + " 2569");
        assertThat(BuddhistDate.format(date, Locale.ENGLISH)).isEqualTo("1 " + enShort + " 2569");
        assertThat(BuddhistDate.formatLong(date, Locale.ENGLISH)).isEqualTo("1 " + enLong + " 2569");
    }

    @Test
    void formatsShortInputForm() {
        assertThat(BuddhistDate.formatShort(NOV_22_2026)).isEqualTo("22/11/2569");
        assertThat(BuddhistDate.formatShort(LocalDate.of(2027, 1, 2))).isEqualTo("02/01/2570");
    }

    @Test
    void formatsDateTimeInBangkok() {
        Instant instant = Instant.parse("2026-11-22T07:05:00Z");
        assertThat(BuddhistDate.formatDateTime(instant, BuddhistDate.BANGKOK, THAI)).isEqualTo("22 พ.ย. 2569 14:05");
        assertThat(BuddhistDate.formatDateTime(instant, ZoneId.of("Asia/Bangkok"), Locale.ENGLISH))
                .isEqualTo("22 Nov 2569 14:05");
        assertThat(BuddhistDate.formatDateTime(OffsetDateTime.of(2026, 11, 22, 7, 5, 0, 0, ZoneOffset.UTC),
                BuddhistDate.BANGKOK, THAI)).isEqualTo("22 พ.ย. 2569 14:05");
    }

    @Test
    void dateTimeCrossesMidnightAndYearWhenConvertedToBangkok() {
        // 31 Dec 2026 18:30 UTC is 1 Jan 2027 01:30 in Bangkok (UTC+7): BE year rolls over to 2570.
        Instant instant = Instant.parse("2026-12-31T18:30:00Z");
        assertThat(BuddhistDate.formatDateTime(instant, BuddhistDate.BANGKOK, THAI)).isEqualTo("1 ม.ค. 2570 01:30");
        assertThat(BuddhistDate.formatDateTime(instant, ZoneOffset.UTC, THAI)).isEqualTo("31 ธ.ค. 2569 18:30");
        OffsetDateTime fromOtherOffset = OffsetDateTime.of(2026, 12, 31, 20, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(BuddhistDate.formatDateTime(fromOtherOffset, BuddhistDate.BANGKOK, Locale.ENGLISH))
                .isEqualTo("1 Jan 2570 01:00");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "22/11/2569, 2026-11-22",
        "2/1/2570, 2027-01-02",
        "02/01/2570, 2027-01-02",
        "22-11-2569, 2026-11-22",
        "22.11.2569, 2026-11-22",
        "1/5/2400, 1857-05-01",
        "31/12/2700, 2157-12-31",
        "29/02/2567, 2024-02-29",
        "2026-11-22, 2026-11-22",
        "2024-02-29, 2024-02-29",
        "'  22/11/2569  ', 2026-11-22"
    })
    void parsesAcceptedForms(String text, LocalDate expected) {
        assertThat(BuddhistDate.parse(text)).isEqualTo(expected);
    }

    @Test
    void shortFormRoundTripsAcrossManyDates() {
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2029, 1, 1)); d = d.plusDays(1)) {
            assertThat(BuddhistDate.parse(BuddhistDate.formatShort(d))).isEqualTo(d);
            assertThat(BuddhistDate.parse(d.toString())).isEqualTo(d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2569", "29/02/2569", "30/02/2567", "31/04/2569", "0/1/2569", "1/0/2569",
        "32/1/2569", "1/13/2569", "2026-02-30", "2026-13-01", "2026-00-10"})
    void rejectsDaysThatDoNotExist(String text) {
        assertThatThrownBy(() -> BuddhistDate.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("validation.date.invalid");
                    assertThat(e.rejectedValue()).isEqualTo(text);
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "22/11/2026", "22/11/1969", "1/1/2399", "1/1/2701", "2569-11-22", "1856-12-31",
        "22/11/69", "22/11-2569", "22.11/2569", "22 11 2569", "22/11/25690", "2026/11/22", "2026-1-2", "20261122",
        "22 พ.ย. 2569", "Nov 22, 2569", "๒๒/๑๑/๒๕๖๙", "22/11/2569 14:05", "abc", "122/11/2569"})
    void rejectsOtherForms(String text) {
        assertThatThrownBy(() -> BuddhistDate.parse(text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("validation.date.format");
                    assertThat(e.rejectedValue()).isEqualTo(text);
                });
    }
}
