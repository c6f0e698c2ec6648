package org.eduequity.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formatting and parsing of dates with Buddhist-era years (BE = CE + 543), as used on Thai forms and documents.
 *
 * <p>Formatting uses fixed month names, so output does not depend on the JDK's locale data: Thai for a locale whose
 * language is {@code th}, English otherwise; the year is always Buddhist era.
 *
 * <p>{@link #parse(String)} accepts {@code d/m/yyyy}, {@code d-m-yyyy} and {@code d.m.yyyy} (one or two digit day
 * and month, the same separator twice) where the year is <strong>always Buddhist era</strong> and must lie between
 * {@value #MIN_BE_YEAR} and {@value #MAX_BE_YEAR}; a Common Era year such as {@code 22/11/2026} is rejected rather
 * than guessed. It also accepts ISO {@code yyyy-MM-dd} with a <strong>Common Era</strong> year, which is what an
 * HTML {@code <input type="date">} posts. Rejections use {@code validation.date.format} (wrong shape, empty, or year
 * out of range) and {@code validation.date.invalid} (no such day, e.g. {@code 31/02/2569}).
 */
public final class BuddhistDate {

    /** Offset from the Common Era year to the Buddhist Era year. */
    public static final int BE_OFFSET = 543;
    /** Smallest accepted Buddhist-era year in parsed input. */
    public static final int MIN_BE_YEAR = 2400;
    /** Largest accepted Buddhist-era year in parsed input. */
    public static final int MAX_BE_YEAR = 2700;
    /** The time zone of Thailand. */
    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    /** Message key for input of the wrong shape. */
    public static final String KEY_FORMAT = "validation.date.format";
    /** Message key for input naming a day that does not exist. */
    public static final String KEY_INVALID = "validation.date.invalid";

    private static final String[] THAI_SHORT = {
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."
    };
    private static final String[] THAI_LONG = {
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
    };
    private static final String[] ENGLISH_SHORT = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final String[] ENGLISH_LONG = {
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"
    };

    private static final Pattern DMY = Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    private BuddhistDate() {
    }

    /**
     * Returns the Buddhist-era year of a date.
     *
     * @param date a Gregorian date
     * @return the year plus 543
     */
    public static int beYear(LocalDate date) {
        return date.getYear() + BE_OFFSET;
    }

    /**
     * Formats with an abbreviated month: {@code 22 พ.ย. 2569} in Thai, {@code 22 Nov 2569} in English.
     *
     * @param date the date
     * @param locale the display locale; {@code null} means English
     * @return the display form
     */
    public static String format(LocalDate date, Locale locale) {
        return format(date, isThai(locale) ? THAI_SHORT : ENGLISH_SHORT);
    }

    /**
     * Formats with the full month name: {@code 22 พฤศจิกายน 2569} in Thai, {@code 22 November 2569} in English.
     *
     * @param date the date
     * @param locale the display locale; {@code null} means English
     * @return the display form
     */
    public static String formatLong(LocalDate date, Locale locale) {
        return format(date, isThai(locale) ? THAI_LONG : ENGLISH_LONG);
    }

    /**
     * Formats as {@code dd/MM/yyyy} with a Buddhist-era year, e.g. {@code 22/11/2569} or {@code 02/01/2570}; this
     * is the input form and {@link #parse(String)} accepts it.
     *
     * @param date the date
     * @return the short form
     */
    public static String formatShort(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return String.format(Locale.ROOT, "%02d/%02d/%04d", date.getDayOfMonth(), date.getMonthValue(), beYear(date));
    }

    /**
     * Formats an instant in the given zone with an abbreviated month and 24-hour time, e.g.
     * {@code 22 พ.ย. 2569 14:05}.
     *
     * @param instant the instant
     * @param zone the zone to display in, normally {@link #BANGKOK}
     * @param locale the display locale; {@code null} means English
     * @return the display form
     */
    public static String formatDateTime(Instant instant, ZoneId zone, Locale locale) {
        return formatDateTime(instant.atZone(zone), locale);
    }

    /**
     * Formats a date-time converted to the given zone with an abbreviated month and 24-hour time, e.g.
     * {@code 22 พ.ย. 2569 14:05}.
     *
     * @param dateTime the date-time
     * @param zone the zone to display in, normally {@link #BANGKOK}
     * @param locale the display locale; {@code null} means English
     * @return the display form
     */
    public static String formatDateTime(OffsetDateTime dateTime, ZoneId zone, Locale locale) {
        return formatDateTime(dateTime.atZoneSameInstant(zone), locale);
    }

    private static String formatDateTime(ZonedDateTime zoned, Locale locale) {
        return format(zoned.toLocalDate(), locale)
                + String.format(Locale.ROOT, " %02d:%02d", zoned.getHour(), zoned.getMinute());
    }

    /**
     * Parses {@code d/m/yyyy}, {@code d-m-yyyy} or {@code d.m.yyyy} with a Buddhist-era year, or ISO
     * {@code yyyy-MM-dd} with a Common Era year; surrounding whitespace is ignored.
     *
     * @param text the input, e.g. {@code 22/11/2569}, {@code 2/1/2570} or {@code 2026-11-22}
     * @return the Gregorian date
     * @throws InvalidValueException with key {@code validation.date.format} for a wrong shape, empty input or a year
     *     outside {@value #MIN_BE_YEAR}..{@value #MAX_BE_YEAR} BE, or {@code validation.date.invalid} for a day that
     *     does not exist
     */
    public static LocalDate parse(String text) {
        if (text == null) {
            throw new InvalidValueException(KEY_FORMAT, null);
        }
        String s = text.strip();
        Matcher dmy = DMY.matcher(s);
        if (dmy.matches()) {
            return toDate(text, Integer.parseInt(dmy.group(4)) - BE_OFFSET,
                    Integer.parseInt(dmy.group(3)), Integer.parseInt(dmy.group(1)));
        }
        Matcher iso = ISO.matcher(s);
        if (iso.matches()) {
            return toDate(text, Integer.parseInt(iso.group(1)),
                    Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
        }
        throw new InvalidValueException(KEY_FORMAT, text);
    }

    private static LocalDate toDate(String text, int ceYear, int month, int day) {
        int be = ceYear + BE_OFFSET;
        if (be < MIN_BE_YEAR || be > MAX_BE_YEAR) {
            throw new InvalidValueException(KEY_FORMAT, text);
        }
        try {
            return LocalDate.of(ceYear, month, day);
        } catch (DateTimeException e) {
            throw new InvalidValueException(KEY_INVALID, text, e);
        }
    }

    private static String format(LocalDate date, String[] months) {
        Objects.requireNonNull(date, "date");
        return date.getDayOfMonth() + " " + months[date.getMonthValue() - 1] + " " + beYear(date);
    }

    private static boolean isThai(Locale locale) {
        return locale != null && "th".equals(locale.getLanguage());
    }
}
