package org.eduequity.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.eduequity.shared.BuddhistDate;
import org.springframework.stereotype.Component;

/** Buddhist-era dates for templates: {@code ${@dates.date(d, #locale)}}. */
@Component("dates")
public class Dates {

    public String date(LocalDate date, Locale locale) {
        return date == null ? "" : BuddhistDate.format(date, locale);
    }

    public String longDate(LocalDate date, Locale locale) {
        return date == null ? "" : BuddhistDate.formatLong(date, locale);
    }

    public String dateTime(Instant instant, Locale locale) {
        return instant == null ? "" : BuddhistDate.formatDateTime(instant, BuddhistDate.BANGKOK, locale);
    }

    public String input(LocalDate date) {
        return date == null ? "" : BuddhistDate.formatShort(date);
    }
}
