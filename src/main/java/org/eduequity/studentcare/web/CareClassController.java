package org.eduequity.studentcare.web;

import java.time.Clock;
import java.util.List;

import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.studentcare.CareArea;
import org.eduequity.studentcare.CareDashboard;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A teacher's class page: the students of the teacher's units in a term with each one's risk level and five areas
 * (UNKNOWN shown as such), filtered by unit, grade, level and area, worst first, a page at a time; each row leads to the
 * student's page. Province users see their province's students the same way.
 */
@Controller
@PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
class CareClassController {

    static final int PAGE_SIZE = 50;

    private final CareDashboard dashboard;
    private final CurrentArea area;
    private final Clock clock;

    CareClassController(CareDashboard dashboard, CurrentArea area, Clock clock) {
        this.dashboard = dashboard;
        this.area = area;
        this.clock = clock;
    }

    @GetMapping("/care/class")
    String students(@RequestParam(required = false) String term, @RequestParam(required = false) String unit,
                    @RequestParam(required = false) String grade, @RequestParam(required = false) String level,
                    @RequestParam(required = false) String area, @RequestParam(defaultValue = "0") int page, Model model) {
        AreaScope scope = this.area.scope();
        CareDashboard.Filter f = CareFilters.filter(clock, scope, term, null, null, unit, grade, level, area);
        String province = scope instanceof AreaScope.Province p ? p.code() : null;
        List<CareDashboard.Unit> units = dashboard.units(province, null);
        if (f.orgUnitId() != null && units.stream().noneMatch(u -> u.id() == f.orgUnitId())) {
            throw new AccessDeniedException("unit outside the caller's area");
        }
        int p = Math.max(0, Math.min(page, 100_000));
        CareDashboard.StudentPage students = dashboard.students(f, p, PAGE_SIZE);
        model.addAttribute("filter", f);
        model.addAttribute("terms", CareFilters.terms(clock, f.term()));
        model.addAttribute("units", units);
        model.addAttribute("grades", dashboard.grades(province));
        model.addAttribute("levels", CareDashboard.LEVELS);
        model.addAttribute("areas", CareArea.values());
        model.addAttribute("students", students);
        return "care/class";
    }
}
