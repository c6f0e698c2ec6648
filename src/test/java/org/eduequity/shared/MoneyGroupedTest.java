package org.eduequity.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** {@link Money#grouped}, written out by hand for lists, PDFs and screens: the text a DecimalFormat("#,##0.00") gives. */
class MoneyGroupedTest {

    @Test
    void groupsThousandsAndKeepsTwoDecimals() {
        for (String v : new String[] {"0", "0.5", "7", "12.345", "999.995", "1000", "1166.666", "12345.6", "123456.78", "1234567.891",
                "-1234.5", "-12"}) {
            BigDecimal d = new BigDecimal(v);
            String expected = new java.text.DecimalFormat("#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                    .format(d.setScale(2, java.math.RoundingMode.HALF_UP));
            assertThat(Money.grouped(d)).as(v).isEqualTo(expected);
        }
        assertThat(Money.grouped(new BigDecimal("1166.67"))).isEqualTo("1,166.67");
    }
}
