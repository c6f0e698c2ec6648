package org.eduequity.outofschool;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/** The age bands the province groups found children by, from the age in whole years at the survey date. */
public enum AgeBand {
    AGE_2_6("2-6", 2, 6), AGE_7_12("7-12", 7, 12), AGE_13_15("13-15", 13, 15), AGE_16_18("16-18", 16, 18), AGE_19_21("19-21", 19, 21);

    /** The youngest and the oldest age that is recorded. */
    public static final int MIN_AGE = 2;
    public static final int MAX_AGE = 21;

    private final String label;
    private final int from;
    private final int to;

    AgeBand(String label, int from, int to) {
        this.label = label;
        this.from = from;
        this.to = to;
    }

    /** As the API and the database write it: {@code 16-18}. */
    public String label() {
        return label;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** Age in whole years on a day (a child born on 29 February turns a year older on 1 March in common years). */
    public static int age(LocalDate birthDate, LocalDate on) {
        return Period.between(birthDate, on).getYears();
    }

    /** The band of this age, or empty outside 2–21. */
    public static Optional<AgeBand> ofAge(int age) {
        for (AgeBand b : values()) {
            if (age >= b.from && age <= b.to) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The band written as {@code 16-18}, or as the constant's name. */
    public static Optional<AgeBand> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (AgeBand b : values()) {
            if (b.label.equals(text.strip()) || b.name().equals(text.strip())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
