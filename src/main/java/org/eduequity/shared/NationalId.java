package org.eduequity.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Thai 13-digit national id with a valid check digit, or a G-code ({@code G} plus 12 digits) for a child without one.
 *
 * <p>Message keys used for rejection: {@code validation.nationalId.required} (null or blank),
 * {@code validation.nationalId.format} (characters other than digits, spaces and dashes, or a misplaced {@code G}),
 * {@code validation.nationalId.length} (not 13 digits, or not 12 digits after {@code G}) and
 * {@code validation.nationalId.checkDigit} (13 digits whose last digit does not match).
 */
public final class NationalId {

    /** Message key for a null or blank input. */
    public static final String KEY_REQUIRED = "validation.nationalId.required";
    /** Message key for illegal characters. */
    public static final String KEY_FORMAT = "validation.nationalId.format";
    /** Message key for a wrong number of digits. */
    public static final String KEY_LENGTH = "validation.nationalId.length";
    /** Message key for a wrong check digit. */
    public static final String KEY_CHECK_DIGIT = "validation.nationalId.checkDigit";

    private static final int LENGTH = 13;

    private final String value;

    private NationalId(String value) {
        this.value = value;
    }

    /**
     * Parses and normalises a national id or G-code: surrounding and inner whitespace and dashes are removed and a
     * leading {@code g} is upper-cased.
     *
     * @param raw user input such as {@code "1-4099-01234-56-0"} or {@code "g 0000 1234 5678"}
     * @return the normalised id
     * @throws InvalidValueException if the input is not a valid national id or G-code
     */
    @JsonCreator
    public static NationalId of(String raw) {
        return new NationalId(normalise(raw));
    }

    /**
     * Tells whether {@link #of(String)} would accept the input.
     *
     * @param raw user input, may be {@code null}
     * @return {@code true} if the input is a valid national id or G-code
     */
    public static boolean isValid(String raw) {
        try {
            normalise(raw);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /**
     * Computes the check digit of the first twelve digits of a Thai national id.
     *
     * @param twelveDigits exactly twelve ASCII digits
     * @return the check digit, 0 to 9
     */
    static int checkDigit(CharSequence twelveDigits) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += (twelveDigits.charAt(i) - '0') * (LENGTH - i);
        }
        return (11 - sum % 11) % 10;
    }

    private static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException(KEY_REQUIRED, raw);
        }
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if ((c == 'G' || c == 'g') && sb.length() == 0) {
                sb.append('G');
            } else {
                throw new InvalidValueException(KEY_FORMAT, raw);
            }
        }
        String s = sb.toString();
        if (s.isEmpty()) {
            throw new InvalidValueException(KEY_REQUIRED, raw);
        }
        if (s.length() != LENGTH) {
            throw new InvalidValueException(KEY_LENGTH, raw);
        }
        if (s.charAt(0) != 'G' && checkDigit(s) != s.charAt(LENGTH - 1) - '0') {
            throw new InvalidValueException(KEY_CHECK_DIGIT, raw);
        }
        return s;
    }

    /**
     * Returns the normalised value: 13 digits, or {@code G} followed by 12 digits.
     *
     * @return the normalised value
     */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * Tells whether this is a G-code rather than a national id.
     *
     * @return {@code true} for a G-code
     */
    public boolean isGCode() {
        return value.charAt(0) == 'G';
    }

    /**
     * Returns the id in the usual grouped form {@code 1-4099-01234-56-0}; G-codes are returned unchanged.
     *
     * @return the display form
     */
    public String formatted() {
        if (isGCode()) {
            return value;
        }
        return group(value);
    }

    /**
     * Returns the id with digits 6 to 10 replaced by {@code x} for display to users who may not see it in full,
     * e.g. {@code 1-4099-xxxxx-56-0}; G-codes are masked in the same positions without dashes ({@code G1234xxxxx678}).
     *
     * @return the masked display form
     */
    public String masked() {
        String hidden = value.substring(0, 5) + "xxxxx" + value.substring(10);
        return isGCode() ? hidden : group(hidden);
    }

    private static String group(String s) {
        return s.charAt(0) + "-" + s.substring(1, 5) + "-" + s.substring(5, 10) + "-" + s.substring(10, 12) + "-"
                + s.charAt(12);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NationalId other && value.equals(other.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * Returns the normalised value, as {@link #value()}.
     *
     * @return the normalised value
     */
    @Override
    public String toString() {
        return value;
    }
}
