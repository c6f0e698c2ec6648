package org.eduequity.survey;

import java.util.Locale;
import java.util.Optional;

/**
 * The class a child is in, as stored in {@code child.grade_level} and written in the roster import: {@code ECE}
 * (early childhood at a child-development centre), {@code K1}–{@code K3} (kindergarten, อนุบาล 1–3), {@code P1}–{@code P6}
 * (primary, ประถมศึกษาปีที่ 1–6), {@code M1}–{@code M6} (secondary, มัธยมศึกษาปีที่ 1–6) and {@code NFE} (non-formal
 * education, กศน.). The Thai short forms อ.1–อ.3, ป.1–ป.6, ม.1–ม.6 and กศน. are read as well.
 */
public enum GradeLevel {
    ECE, K1, K2, K3, P1, P2, P3, P4, P5, P6, M1, M2, M3, M4, M5, M6, NFE;

    /** The level written as its code (any case) or its Thai short form, ignoring spaces and dots. */
    public static Optional<GradeLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.replace(" ", "").replace(".", "").toUpperCase(Locale.ROOT);
        if (s.equals("กศน")) {
            return Optional.of(NFE);
        }
        if (s.length() == 2) {
            char level = s.charAt(0);
            char year = s.charAt(1);
            if (level == 'อ') {
                s = "K" + year;
            } else if (level == 'ป') {
                s = "P" + year;
            } else if (level == 'ม') {
                s = "M" + year;
            }
        }
        for (GradeLevel g : values()) {
            if (g.name().equals(s)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
