package org.eduequity.studentcare.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.eduequity.shared.AreaScope;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.eduequity.studentcare.CareArea;
import org.eduequity.studentcare.CareDashboard;
import org.eduequity.studentcare.RiskLevel;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The filters of the class page and the dashboard, read from the address; a value that is not one of the choices is a 400. */
final class CareFilters {

    private CareFilters() {
    }

    static String currentTerm(Clock clock) {
        return Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString();
    }

    /** The current term and the five before it (the term chooser), plus the chosen one if older. */
    static List<String> terms(Clock clock, String chosen) {
        List<String> terms = new ArrayList<>();
        Term t = Term.parse(currentTerm(clock));
        for (int i = 0; i < 6; i++) {
            terms.add(t.toString());
            t = t.previous();
        }
        if (chosen != null && !terms.contains(chosen)) {
            terms.add(chosen);
        }
        return terms;
    }

    static CareDashboard.Filter filter(Clock clock, AreaScope scope, String term, String province, String district, String unit, String grade,
                                       String level, String area) {
        String t;
        try {
            t = blank(term) ? currentTerm(clock) : Term.parse(term).toString();
        } catch (InvalidValueException e) {
            throw bad("term");
        }
        String provinceCode = null;
        if (scope instanceof AreaScope.Province own) {
            provinceCode = own.code();
        } else if (!blank(province)) {
            if (!province.matches("[0-9]{2}")) {
                throw bad("province");
            }
            provinceCode = province;
        }
        if (!blank(district) && !district.matches("[0-9]{4}")) {
            throw bad("district");
        }
        Long unitId = null;
        if (!blank(unit)) {
            try {
                unitId = Long.parseLong(unit);
            } catch (NumberFormatException e) {
                throw bad("unit");
            }
        }
        if (!blank(grade) && !grade.matches("[A-Za-z0-9.-]{1,10}")) {
            throw bad("grade");
        }
        RiskLevel l = null;
        CareArea a = null;
        try {
            l = blank(level) ? null : RiskLevel.valueOf(level);
            a = blank(area) ? null : CareArea.valueOf(area);
        } catch (IllegalArgumentException e) {
            throw bad("level or area");
        }
        return new CareDashboard.Filter(t, provinceCode, blank(district) ? null : district, unitId, blank(grade) ? null : grade, l, a);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ResponseStatusException bad(String what) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, "bad " + what);
    }
}
