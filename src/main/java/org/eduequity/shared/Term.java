package org.eduequity.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Thai school term such as {@code 2569/1}: a Buddhist-era academic year and term 1 (16 May to 31 October) or
 * term 2 (1 November to 15 May of the following Gregorian year).
 *
 * <p>Message keys used for rejection: {@code validation.term.format} (text not of the form {@code yyyy/n}),
 * {@code validation.term.year} (year outside {@value #MIN_BE_YEAR}..{@value #MAX_BE_YEAR}) and
 * {@code validation.term.number} (term number other than 1 or 2).
 *
 * @param beYear the Buddhist-era academic year, e.g. 2569 for the year starting May 2026
 * @param number the term number, 1 or 2
 */
public record Term(int beYear, int number) implements Comparable<Term> {

    /** Offset from the Common Era year to the Buddhist Era year. */
    public static final int BE_OFFSET = 543;
    /** Smallest accepted Buddhist-era year. */
    public static final int MIN_BE_YEAR = 2300;
    /** Largest accepted Buddhist-era year. */
    public static final int MAX_BE_YEAR = 2700;

    /** Message key for text that is not of the form {@code yyyy/n}. */
    public static final String KEY_FORMAT = "validation.term.format";
    /** Message key for a year out of range. */
    public static final String KEY_YEAR = "validation.term.year";
    /** Message key for a term number other than 1 or 2. */
    public static final String KEY_NUMBER = "validation.term.number";

    private static final Pattern PATTERN = Pattern.compile("(\\d{4})/(\\d)");
    private static final MonthDay TERM_1_START = MonthDay.of(5, 16);
    private static final MonthDay TERM_2_START = MonthDay.of(11, 1);

    /**
     * Validates the components; prefer {@link #of(int, int)}.
     *
     * @throws InvalidValueException if the year or term number is out of range
     */
    public Term {
        if (beYear < MIN_BE_YEAR || beYear > MAX_BE_YEAR) {
            throw new InvalidValueException(KEY_YEAR, beYear);
        }
        if (number != 1 && number != 2) {
            throw new InvalidValueException(KEY_NUMBER, number);
        }
    }

    /**
     * Returns the term with the given Buddhist-era academic year and number.
     *
     * @param beYear Buddhist-era academic year, e.g. 2569
     * @param number 1 or 2
     * @return the term
     * @throws InvalidValueException if the year or term number is out of range
     */
    public static Term of(int beYear, int number) {
        return new Term(beYear, number);
    }

    /**
     * Parses the strict form {@code yyyy/n}, e.g. {@code 2569/1}; surrounding whitespace is ignored.
     *
     * @param text the text to parse
     * @return the term
     * @throws InvalidValueException if the text is not a valid term
     */
    @JsonCreator
    public static Term parse(String text) {
        if (text == null) {
            throw new InvalidValueException(KEY_FORMAT, null);
        }
        Matcher m = PATTERN.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidValueException(KEY_FORMAT, text);
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        if (year < MIN_BE_YEAR || year > MAX_BE_YEAR) {
            throw new InvalidValueException(KEY_YEAR, text);
        }
        if (number != 1 && number != 2) {
            throw new InvalidValueException(KEY_NUMBER, text);
        }
        return new Term(year, number);
    }

    /**
     * Returns the term a calendar date falls in; dates from 1 January to 15 May belong to term 2 of the academic
     * year that began the previous May.
     *
     * @param date a Gregorian date
     * @return the term containing the date
     */
    public static Term containing(LocalDate date) {
        MonthDay md = MonthDay.from(date);
        int ceYear = date.getYear();
        if (md.isBefore(TERM_1_START)) {
            return new Term(ceYear - 1 + BE_OFFSET, 2);
        }
        if (md.isBefore(TERM_2_START)) {
            return new Term(ceYear + BE_OFFSET, 1);
        }
        return new Term(ceYear + BE_OFFSET, 2);
    }

    /**
     * Returns the first day of the term: 16 May for term 1, 1 November for term 2.
     *
     * @return the first day, inclusive
     */
    public LocalDate startDate() {
        int ceYear = beYear - BE_OFFSET;
        return number == 1 ? TERM_1_START.atYear(ceYear) : TERM_2_START.atYear(ceYear);
    }

    /**
     * Returns the last day of the term: 31 October for term 1, 15 May of the next Gregorian year for term 2.
     *
     * @return the last day, inclusive
     */
    public LocalDate endDate() {
        int ceYear = beYear - BE_OFFSET;
        return number == 1 ? TERM_2_START.atYear(ceYear).minusDays(1) : TERM_1_START.atYear(ceYear + 1).minusDays(1);
    }

    /**
     * Tells whether a date falls within this term, both ends inclusive.
     *
     * @param date a Gregorian date
     * @return {@code true} if the date is in this term
     */
    public boolean contains(LocalDate date) {
        return !date.isBefore(startDate()) && !date.isAfter(endDate());
    }

    /**
     * Returns the following term: {@code 2569/1 → 2569/2 → 2570/1}.
     *
     * @return the next term
     */
    public Term next() {
        return number == 1 ? new Term(beYear, 2) : new Term(beYear + 1, 1);
    }

    /**
     * Returns the preceding term: {@code 2570/1 → 2569/2 → 2569/1}.
     *
     * @return the previous term
     */
    public Term previous() {
        return number == 2 ? new Term(beYear, 1) : new Term(beYear - 1, 2);
    }

    /**
     * Orders terms chronologically.
     *
     * @param other the term to compare with
     * @return negative, zero or positive as this term is before, equal to or after the other
     */
    @Override
    public int compareTo(Term other) {
        int byYear = Integer.compare(beYear, other.beYear);
        return byYear != 0 ? byYear : Integer.compare(number, other.number);
    }

    /**
     * Returns the form {@code 2569/1}, which {@link #parse(String)} accepts.
     *
     * @return the text form
     */
    @JsonValue
    @Override
    public String toString() {
        return beYear + "/" + number;
    }
}
