package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    private static final Locale THAI = Locale.forLanguageTag("th-TH");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "400|400.00",
        "400.5|400.50",
        "400.50|400.50",
        "0.01|0.01",
        "0|0.00",
        "-0|0.00",
        "-12.3|-12.30",
        "' 1166.67 '|1166.67",
        "1,166.67|1166.67",
        "1,000,000|1000000.00",
        "007|7.00",
        "123456789012345.99|123456789012345.99"
    })
    void parsesTextToTwoDecimals(String text, String expected) {
        Money money = Money.baht(text);
        assertThat(money).hasToString(expected);
        assertThat(money.amount().scale()).isEqualTo(2);
        assertThat(money.amount()).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"400.001", "400.000", "0.005", "1.999", "1,166.667"})
    void refusesMoreThanTwoDecimalPlacesInText(String text) {
        assertThatThrownBy(() -> Money.baht(text))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("validation.money.scale");
                    assertThat(e.rejectedValue()).isEqualTo(text);
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "abc", "1e3", "12.", ".5", "+5", "1,00", "1,0000", "10,00.00", ",100", "1 000",
        "4OO", "NaN", "Infinity", "๔๐๐", "400 บาท", "฿400", "--1", "1.2.3"})
    void refusesMalformedText(String text) {
        assertThatThrownBy(() -> Money.baht(text))
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.money.format"));
    }

    @Test
    void fromBigDecimalNormalisesScaleButNeverRounds() {
        assertThat(Money.baht(new BigDecimal("400"))).hasToString("400.00");
        assertThat(Money.baht(new BigDecimal("400.000"))).hasToString("400.00");
        assertThat(Money.baht(new BigDecimal("4E+2"))).hasToString("400.00");
        assertThat(Money.baht(new BigDecimal("0.1"))).hasToString("0.10");
        assertThatThrownBy(() -> Money.baht(new BigDecimal("0.125")))
                .isInstanceOfSatisfying(InvalidValueException.class,
                    e -> assertThat(e.messageKey()).isEqualTo("validation.money.scale"));
        assertThatThrownBy(() -> Money.baht((BigDecimal) null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void fromLong() {
        assertThat(Money.baht(400L)).hasToString("400.00");
        assertThat(Money.baht(-5L)).hasToString("-5.00");
        assertThat(Money.baht(0L)).isEqualTo(Money.ZERO);
    }

    @Test
    void equalityIgnoresInputScale() {
        Money a = Money.baht("400");
        Money b = Money.baht("400.00");
        Money c = Money.baht(new BigDecimal("400.0"));
        Money d = Money.baht(400L);
        assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo(d);
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode()).isEqualTo(d.hashCode());
        assertThat(a).isNotEqualTo(Money.baht("400.01")).isNotEqualTo(new BigDecimal("400.00"));
    }

    @Test
    void arithmeticIsExact() {
        Money a = Money.baht("0.10");
        Money b = Money.baht("0.20");
        assertThat(a.plus(b)).isEqualTo(Money.baht("0.30")); // 0.1 + 0.2 != 0.3 in double
        assertThat(Money.baht("1000").minus(Money.baht("0.01"))).hasToString("999.99");
        assertThat(Money.baht("400").times(3)).hasToString("1200.00");
        assertThat(Money.baht("0.01").times(100)).isEqualTo(Money.baht(1L));
        assertThat(Money.baht("1166.67").times(0)).isEqualTo(Money.ZERO);
        assertThat(Money.baht("12.34").times(-2)).hasToString("-24.68");
        assertThat(Money.ZERO.minus(Money.baht("5"))).hasToString("-5.00");

        Money sum = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Money.baht("0.10"));
        }
        assertThat(sum).isEqualTo(Money.baht(1L));
        assertThat(sum.amount().scale()).isEqualTo(2);
    }

    @Test
    void dividedByRoundsHalfUp() {
        assertThat(Money.baht("3500").dividedBy(3)).hasToString("1166.67");
        assertThat(Money.baht("1000").dividedBy(3)).hasToString("333.33");
        assertThat(Money.baht("0.05").dividedBy(2)).hasToString("0.03"); // 0.025 -> 0.03 (HALF_UP)
        assertThat(Money.baht("-0.05").dividedBy(2)).hasToString("-0.03");
        assertThat(Money.baht("10").dividedBy(4)).hasToString("2.50");
        assertThatThrownBy(() -> Money.baht("10").dividedBy(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void signPredicates() {
        assertThat(Money.baht("-0.01").isNegative()).isTrue();
        assertThat(Money.baht("-0.01").isPositive()).isFalse();
        assertThat(Money.ZERO.isNegative()).isFalse();
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.baht("0.01").isPositive()).isTrue();
        assertThat(Money.baht("0.01").isZero()).isFalse();
        assertThat(Money.baht("100").minus(Money.baht("100.01")).isNegative()).isTrue();
    }

    @Test
    void comparesByAmount() {
        assertThat(Money.baht("400").compareTo(Money.baht("400.00"))).isZero();
        assertThat(Money.baht("399.99").compareTo(Money.baht("400"))).isNegative();
        assertThat(Money.baht("1,000").compareTo(Money.baht("999.99"))).isPositive();
        assertThat(Money.baht("-1").compareTo(Money.ZERO)).isNegative();
    }

    @Test
    void zeroConstant() {
        assertThat(Money.ZERO).hasToString("0.00");
        assertThat(Money.ZERO.amount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(Money.ZERO.amount().scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
        "400|400.00 บาท|400.00 baht",
        "1166.67|1,166.67 บาท|1,166.67 baht",
        "1234567.8|1,234,567.80 บาท|1,234,567.80 baht",
        "0|0.00 บาท|0.00 baht",
        "0.5|0.50 บาท|0.50 baht",
        "-1500|-1,500.00 บาท|-1,500.00 baht",
        "999.99|999.99 บาท|999.99 baht"
    })
    void formatsForDisplay(String amount, String thai, String english) {
        Money money = Money.baht(amount);
        assertThat(money.format(THAI)).isEqualTo(thai);
        assertThat(money.format(new Locale("th"))).isEqualTo(thai);
        assertThat(money.format(Locale.ENGLISH)).isEqualTo(english);
        assertThat(money.format(Locale.UK)).isEqualTo(english);
        assertThat(money.format(null)).isEqualTo(english);
        // locale conventions with other separators must not leak into the output
        assertThat(money.format(Locale.GERMANY)).isEqualTo(english);
        assertThat(money.format(Locale.forLanguageTag("th-TH-u-nu-thai"))).isEqualTo(thai);
    }

    @Test
    void formattedTextParsesBackWithoutCurrencyWord() {
        Money money = Money.baht("1234567.89");
        String shown = money.format(Locale.ENGLISH).replace(" baht", "");
        assertThat(Money.baht(shown)).isEqualTo(money);
        assertThat(Money.baht(money.toString())).isEqualTo(money);
    }

    @Test
    void jsonIsThePlainAmountString() {
        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(mapper.writeValueAsString(Money.baht("1166.67"))).isEqualTo("\"1166.67\"");
        assertThat(mapper.writeValueAsString(Money.baht(400L))).isEqualTo("\"400.00\"");
        assertThat(mapper.readValue("\"400\"", Money.class)).isEqualTo(Money.baht(400L));
        assertThatThrownBy(() -> mapper.readValue("\"400.001\"", Money.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }
}
