package org.eduequity.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An amount in Thai baht held as a {@link BigDecimal} with exactly two decimal places, never as a floating-point
 * number.
 *
 * <p>Input is never silently rounded: {@link #baht(String)} and {@link #baht(BigDecimal)} reject amounts with a
 * non-zero third decimal ({@code validation.money.scale}), and {@link #baht(String)} rejects malformed text
 * ({@code validation.money.format}). Addition, subtraction and multiplication by an integer are exact; only
 * {@link #dividedBy(int)} rounds, half-up.
 */
public final class Money implements Comparable<Money> {

    /** Message key for text that is not a decimal number. */
    public static final String KEY_FORMAT = "validation.money.format";
    /** Message key for an amount with more than two decimal places. */
    public static final String KEY_SCALE = "validation.money.scale";

    /** Zero baht. */
    public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(2));

    private static final int SCALE = 2;
    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private final BigDecimal amount;

    private Money(BigDecimal amount) {
        this.amount = amount;
    }

    /**
     * Parses a baht amount such as {@code "400"}, {@code "400.5"}, {@code "-12.34"} or {@code "1,166.67"}
     * (thousands separators must be correctly placed); surrounding whitespace is ignored.
     *
     * @param text the amount
     * @return the money
     * @throws InvalidValueException if the text is not a number or has more than two decimal places
     */
    @JsonCreator
    public static Money baht(String text) {
        if (text == null) {
            throw new InvalidValueException(KEY_FORMAT, null);
        }
        String s = text.strip();
        if (!PLAIN.matcher(s).matches() && !GROUPED.matcher(s).matches()) {
            throw new InvalidValueException(KEY_FORMAT, text);
        }
        BigDecimal value = new BigDecimal(s.replace(",", ""));
        if (value.scale() > SCALE) {
            throw new InvalidValueException(KEY_SCALE, text);
        }
        return new Money(value.setScale(SCALE));
    }

    /**
     * Wraps a decimal amount, normalising it to two decimal places; {@code 400}, {@code 400.0} and {@code 400.000}
     * all become {@code 400.00}.
     *
     * @param amount the amount, not {@code null}
     * @return the money
     * @throws InvalidValueException if the amount has a non-zero digit beyond the second decimal place
     */
    public static Money baht(BigDecimal amount) {
        if (amount == null) {
            throw new InvalidValueException(KEY_FORMAT, null);
        }
        try {
            return new Money(amount.setScale(SCALE, RoundingMode.UNNECESSARY));
        } catch (ArithmeticException e) {
            throw new InvalidValueException(KEY_SCALE, amount, e);
        }
    }

    /**
     * Returns a whole number of baht.
     *
     * @param wholeBaht the amount in baht
     * @return the money
     */
    public static Money baht(long wholeBaht) {
        return new Money(BigDecimal.valueOf(wholeBaht).setScale(SCALE));
    }

    /**
     * Returns the amount with exactly two decimal places.
     *
     * @return the amount
     */
    public BigDecimal amount() {
        return amount;
    }

    /**
     * Returns the exact sum.
     *
     * @param other the amount to add
     * @return this plus other
     */
    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    /**
     * Returns the exact difference.
     *
     * @param other the amount to subtract
     * @return this minus other
     */
    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    /**
     * Returns the exact product with a whole number, e.g. a per-term grant times the number of children.
     *
     * @param factor the multiplier
     * @return this times factor
     */
    public Money times(int factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)));
    }

    /**
     * Returns this amount divided by a whole number, rounded half-up to the satang ({@code 3,500 / 3 = 1,166.67});
     * the parts may therefore not add up exactly to the original amount.
     *
     * @param divisor a non-zero divisor
     * @return the rounded quotient
     * @throws ArithmeticException if divisor is zero
     */
    public Money dividedBy(int divisor) {
        return new Money(amount.divide(BigDecimal.valueOf(divisor), SCALE, RoundingMode.HALF_UP));
    }

    /**
     * Tells whether the amount is below zero.
     *
     * @return {@code true} if negative
     */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Tells whether the amount is exactly zero.
     *
     * @return {@code true} if zero
     */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /**
     * Tells whether the amount is above zero.
     *
     * @return {@code true} if positive
     */
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /**
     * Formats for display with thousands separators and the currency word: {@code 1,166.67 บาท} for Thai,
     * {@code 1,166.67 baht} for any other locale.
     *
     * @param locale the display locale; {@code null} means English
     * @return the display form
     */
    public String format(Locale locale) {
        boolean thai = locale != null && "th".equals(locale.getLanguage());
        return grouped(amount) + (thai ? " บาท" : " baht");
    }

    /**
     * An amount as screens, PDFs and lists show it, without the currency word: thousands separated by commas and two
     * decimals, rounded half-up ({@code 1234567.5} → {@code 1,234,567.50}). Written out by hand: it runs for every row of
     * a list, where a {@code DecimalFormat} made each time showed in the profile.
     */
    public static String grouped(BigDecimal value) {
        String plain = value.setScale(SCALE, RoundingMode.HALF_UP).toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int point = digits.indexOf('.');
        String whole = point < 0 ? digits : digits.substring(0, point);
        StringBuilder b = new StringBuilder(plain.length() + whole.length() / 3 + 1);
        if (negative) {
            b.append('-');
        }
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(whole.charAt(i));
        }
        return point < 0 ? b.toString() : b.append(digits, point, digits.length()).toString();
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Money other && amount.equals(other.amount));
    }

    @Override
    public int hashCode() {
        return amount.hashCode();
    }

    /**
     * Returns the plain amount with two decimals and no grouping, e.g. {@code 400.00} or {@code -12.50}; this is
     * also the JSON form.
     *
     * @return the plain amount
     */
    @JsonValue
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
