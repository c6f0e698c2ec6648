package org.eduequity.outofschool;

import java.util.List;
import java.util.Locale;

/**
 * Names as the duplicate check compares them: first and last name together, without Thai titles (ด.ช., ด.ญ., นาย,
 * นาง, นางสาว and their long and English forms), spaces and dots, lower-cased.
 */
public final class NameKey {

    /** Longest first, so that นางสาว is taken off before นาง. */
    private static final List<String> TITLES = List.of("เด็กชาย", "เด็กหญิง", "นางสาว", "ด.ช.", "ด.ญ.", "ดช.", "ดญ.", "น.ส.", "นาย", "นาง",
            "miss", "mrs.", "mrs", "mr.", "mr", "ms.", "ms");

    private NameKey() {
    }

    /** The key of a first and last name. */
    public static String of(String firstName, String lastName) {
        return strip(firstName) + strip(lastName);
    }

    /** One name without a title at its start, spaces and dots. */
    static String strip(String name) {
        if (name == null) {
            return "";
        }
        String s = name.strip().toLowerCase(Locale.ROOT);
        for (String title : TITLES) {
            if (s.startsWith(title) && s.length() > title.length()) {
                s = s.substring(title.length());
                break;
            }
        }
        return s.replaceAll("[\\s.\\u200b]+", "");
    }
}
