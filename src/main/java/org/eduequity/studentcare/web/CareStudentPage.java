package org.eduequity.studentcare.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.eduequity.screening.ScreeningExplanations;
import org.eduequity.shared.NationalId;
import org.eduequity.studentcare.CareEntries;
import org.eduequity.studentcare.CareRecords;
import org.eduequity.survey.Surveys;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the student page shows beside the risk panel (issue 9, step 2b): attendance and grade history over terms with
 * small inline charts, the term's health record and incidents, the child's home visits and poverty screening results,
 * and whether the caller may open the entry screens. The read itself is audited by {@code StudentRisks}.
 */
@Component
class CareStudentPage {

    private final CareEntries entries;
    private final Surveys surveys;
    private final ScreeningExplanations screenings;

    CareStudentPage(CareEntries entries, Surveys surveys, ScreeningExplanations screenings) {
        this.entries = entries;
        this.surveys = surveys;
        this.screenings = screenings;
    }

    /** A point of a sparkline: x and y in a 100 × 30 box. */
    record Point(double x, double y) {
    }

    void addTo(Model model, CareRecords.Student student, String term) {
        List<CareEntries.HistoryRow> history = entries.history(student.id());
        model.addAttribute("history", history);
        // oldest first for the charts
        List<CareEntries.HistoryRow> chronological = new ArrayList<>(history);
        java.util.Collections.reverse(chronological);
        model.addAttribute("attendanceLine", line(chronological.stream().map(CareEntries.HistoryRow::attendancePercent).toList(),
                new BigDecimal("100")));
        model.addAttribute("gpaLine", line(chronological.stream().map(CareEntries.HistoryRow::gpa).toList(), new BigDecimal("4")));
        model.addAttribute("health", entries.health(student.id(), term));
        model.addAttribute("incidents", entries.incidents(student.id(), term));
        model.addAttribute("visits", surveys.child(NationalId.of(student.nationalId())).map(Surveys.ChildView::visits).orElse(List.of()));
        model.addAttribute("screenings", screenings.currentOfChild(student.id()));
        model.addAttribute("screeningHistory", screenings.historyOfChild(student.id()));
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean writer = auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_TEACHER")
                || a.getAuthority().equals("ROLE_PROVINCE") || a.getAuthority().equals("ROLE_ADMIN"));
        model.addAttribute("canEnter", writer);
    }

    /** The SVG polyline points of the values (null values skipped), scaled to 0..max; empty with fewer than two. */
    static String line(List<BigDecimal> values, BigDecimal max) {
        List<Point> points = new ArrayList<>();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            BigDecimal v = values.get(i);
            if (v != null) {
                double x = n == 1 ? 50 : i * 100.0 / (n - 1);
                double y = 30 - Math.min(1, v.doubleValue() / max.doubleValue()) * 28 - 1;
                points.add(new Point(x, y));
            }
        }
        if (points.size() < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Point p : points) {
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", p.x(), p.y()));
        }
        return sb.toString().strip();
    }
}
