package org.eduequity.studentcare.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Term;
import org.eduequity.studentcare.CareEntries;
import org.eduequity.studentcare.CareParameters;
import org.eduequity.studentcare.CareProblem;
import org.eduequity.studentcare.CareRecords;
import org.eduequity.studentcare.CareRefusedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The entry screens of one student's term records (phone first): attendance summary and daily absences, grades,
 * health and incidents. Each save goes through {@link CareEntries} or {@link CareRecords} (the API's path: same checks,
 * audit and evaluation); a form carries the record's version, so a save over someone else's newer save is refused and
 * shows the stored values; sending the same values again (double submit, back button) changes nothing. After a save
 * the browser is redirected (POST–redirect–GET), so a reload does not post again.
 */
@Controller
@RequestMapping("/care/children/{childId}")
@PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
class CareRecordScreensController {

    private final CareRecords records;
    private final CareEntries entries;
    private final Clock clock;

    CareRecordScreensController(CareRecords records, CareEntries entries, Clock clock) {
        this.records = records;
        this.entries = entries;
        this.clock = clock;
    }

    private String term(String term) {
        try {
            return term == null || term.isBlank() ? Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString()
                    : Term.parse(term).toString();
        } catch (InvalidValueException e) {
            return Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString();
        }
    }

    private static Long version(String v) {
        try {
            return v == null || v.isBlank() ? null : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof java.math.BigDecimal b ? b.toPlainString() : v.toString();
    }

    private String view(Model model, String template, CareRecords.Student s, String term, Map<String, String> values, Long version,
                        List<CareProblem> problems) {
        model.addAttribute("student", s);
        model.addAttribute("term", term);
        model.addAttribute("values", values);
        model.addAttribute("version", version);
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        model.addAttribute("stale", problems.stream().anyMatch(p -> p.field().equals("version")));
        return template;
    }

    /** Handles a refused save: 403 outside the area, the form again with its problems otherwise. */
    private static List<CareProblem> refused(CareRefusedException e) {
        if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
            throw new AccessDeniedException("student outside the caller's area");
        }
        return e.problems();
    }

    // ----- attendance and daily absences ---------------------------------------------------------------------

    @GetMapping("/attendance")
    String attendance(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        CareRecords.Student s = records.studentById(childId);
        String t = term(term);
        return attendanceView(model, s, t, null, List.of());
    }

    private String attendanceView(Model model, CareRecords.Student s, String t, Map<String, String> entered, List<CareProblem> problems) {
        CareEntries.Attendance a = entries.attendance(s.id(), t);
        Map<String, String> values = entered;
        if (values == null) {
            values = new LinkedHashMap<>();
            values.put("schoolDays", text(a.schoolDays()));
            values.put("daysAbsent", text(a.daysAbsent()));
            values.put("date", "");
        }
        model.addAttribute("absences", entries.absences(s.id(), t));
        Term parsed = Term.parse(t);
        model.addAttribute("termStart", parsed.startDate());
        model.addAttribute("termEnd", parsed.endDate());
        return view(model, "care/attendance", s, t, values, a.version(), problems);
    }

    @PostMapping("/attendance")
    String saveAttendance(@PathVariable long childId, @RequestParam(required = false) String term,
                          @RequestParam(required = false) String schoolDays, @RequestParam(required = false) String daysAbsent,
                          @RequestParam(required = false) String version, Model model, RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        try {
            boolean changed = entries.saveAttendance(s, term, schoolDays, daysAbsent, version(version));
            redirect.addFlashAttribute("flashSuccess", changed ? "care.entry.saved" : "care.entry.unchanged");
            return "redirect:/care/children/" + childId + "/attendance?term=" + term(term);
        } catch (CareRefusedException e) {
            List<CareProblem> problems = refused(e);
            Map<String, String> values = new LinkedHashMap<>();
            boolean stale = problems.stream().anyMatch(p -> p.field().equals("version"));
            if (!stale) {
                values.put("schoolDays", schoolDays == null ? "" : schoolDays);
                values.put("daysAbsent", daysAbsent == null ? "" : daysAbsent);
                values.put("date", "");
            }
            return attendanceView(model, s, term(term), stale ? null : values, problems);
        }
    }

    @PostMapping("/absences")
    String addAbsence(@PathVariable long childId, @RequestParam(required = false) String term, @RequestParam(required = false) String date,
                      Model model, RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        List<CareProblem> problems = new ArrayList<>();
        String iso = null;
        try {
            iso = BuddhistDate.parse(date == null ? "" : date).toString();
        } catch (InvalidValueException e) {
            problems.add(CareProblem.of("date", e.messageKey()));
        }
        if (problems.isEmpty()) {
            try {
                boolean added = entries.addAbsence(s, term, iso);
                redirect.addFlashAttribute("flashSuccess", added ? "care.entry.absenceAdded" : "care.entry.unchanged");
                return "redirect:/care/children/" + childId + "/attendance?term=" + term(term);
            } catch (CareRefusedException e) {
                problems.addAll(refused(e));
            }
        }
        CareEntries.Attendance a = entries.attendance(s.id(), term(term));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("schoolDays", text(a.schoolDays()));
        values.put("daysAbsent", text(a.daysAbsent()));
        values.put("date", date == null ? "" : date);
        return attendanceView(model, s, term(term), values, problems);
    }

    @PostMapping("/absences/remove")
    String removeAbsence(@PathVariable long childId, @RequestParam(required = false) String term, @RequestParam(required = false) String date,
                         RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        try {
            boolean removed = entries.removeAbsence(s, LocalDate.parse(date == null ? "" : date));
            redirect.addFlashAttribute("flashSuccess", removed ? "care.entry.absenceRemoved" : "care.entry.unchanged");
        } catch (java.time.format.DateTimeParseException e) {
            redirect.addFlashAttribute("flashError", "care.entry.badDate");
        }
        return "redirect:/care/children/" + childId + "/attendance?term=" + term(term);
    }

    // ----- grades ----------------------------------------------------------------------------------------------

    @GetMapping("/grades")
    String grades(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        CareRecords.Student s = records.studentById(childId);
        String t = term(term);
        CareEntries.Grades g = entries.grades(s.id(), t);
        return view(model, "care/grades", s, t, Map.of("gpa", text(g.gpa()), "failedSubjects", text(g.failedSubjects())), g.version(),
                List.of());
    }

    @PostMapping("/grades")
    String saveGrades(@PathVariable long childId, @RequestParam(required = false) String term, @RequestParam(required = false) String gpa,
                      @RequestParam(required = false) String failedSubjects, @RequestParam(required = false) String version, Model model,
                      RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        try {
            boolean changed = entries.saveGrades(s, term, gpa, failedSubjects, version(version));
            redirect.addFlashAttribute("flashSuccess", changed ? "care.entry.saved" : "care.entry.unchanged");
            return "redirect:/care/children/" + childId + "/risk?term=" + term(term);
        } catch (CareRefusedException e) {
            List<CareProblem> problems = refused(e);
            String t = term(term);
            CareEntries.Grades g = entries.grades(s.id(), t);
            boolean stale = problems.stream().anyMatch(p -> p.field().equals("version"));
            Map<String, String> values = stale ? Map.of("gpa", text(g.gpa()), "failedSubjects", text(g.failedSubjects()))
                    : Map.of("gpa", gpa == null ? "" : gpa, "failedSubjects", failedSubjects == null ? "" : failedSubjects);
            return view(model, "care/grades", s, term == null ? t : term, values, stale ? g.version() : version(version), problems);
        }
    }

    // ----- health ----------------------------------------------------------------------------------------------

    private static Map<String, String> healthValues(CareEntries.Health h) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("weightKg", text(h.weightKg()));
        v.put("heightCm", text(h.heightCm()));
        v.put("nutrition", text(h.nutrition()));
        v.put("chronicIllness", text(h.chronicIllness()));
        v.put("disability", text(h.disability()));
        return v;
    }

    @GetMapping("/health")
    String health(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        CareRecords.Student s = records.studentById(childId);
        String t = term(term);
        CareEntries.Health h = entries.health(s.id(), t);
        model.addAttribute("nutritions", CareParameters.NUTRITION);
        return view(model, "care/health", s, t, healthValues(h), h.version(), List.of());
    }

    @PostMapping("/health")
    String saveHealth(@PathVariable long childId, @RequestParam(required = false) String term,
                      @RequestParam(required = false) String weightKg, @RequestParam(required = false) String heightCm,
                      @RequestParam(required = false) String nutrition, @RequestParam(required = false) String chronicIllness,
                      @RequestParam(required = false) String disability, @RequestParam(required = false) String version, Model model,
                      RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        try {
            boolean changed = entries.saveHealth(s, term, weightKg, heightCm, nutrition, chronicIllness, disability, version(version));
            redirect.addFlashAttribute("flashSuccess", changed ? "care.entry.saved" : "care.entry.unchanged");
            return "redirect:/care/children/" + childId + "/risk?term=" + term(term);
        } catch (CareRefusedException e) {
            List<CareProblem> problems = refused(e);
            String t = term(term);
            CareEntries.Health h = entries.health(s.id(), t);
            boolean stale = problems.stream().anyMatch(p -> p.field().equals("version"));
            Map<String, String> values = healthValues(h);
            if (!stale) {
                values.put("weightKg", weightKg == null ? "" : weightKg);
                values.put("heightCm", heightCm == null ? "" : heightCm);
                values.put("nutrition", nutrition == null ? "" : nutrition);
                values.put("chronicIllness", chronicIllness == null ? "" : chronicIllness);
                values.put("disability", disability == null ? "" : disability);
            }
            model.addAttribute("nutritions", CareParameters.NUTRITION);
            return view(model, "care/health", s, term == null ? t : term, values, stale ? h.version() : version(version), problems);
        }
    }

    // ----- incidents -------------------------------------------------------------------------------------------

    @GetMapping("/incidents")
    String incidents(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        CareRecords.Student s = records.studentById(childId);
        String t = term(term);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("date", "");
        values.put("type", "");
        values.put("severity", "");
        values.put("note", "");
        return incidentsView(model, s, t, values, List.of());
    }

    private String incidentsView(Model model, CareRecords.Student s, String t, Map<String, String> values, List<CareProblem> problems) {
        model.addAttribute("incidents", entries.incidents(s.id(), t));
        model.addAttribute("types", CareParameters.INCIDENT_TYPES);
        model.addAttribute("severities", List.of("CONCERN", "SERIOUS"));
        model.addAttribute("maxNote", CareRecords.MAX_NOTE);
        return view(model, "care/incidents", s, t, values, null, problems);
    }

    @PostMapping("/incidents")
    String addIncident(@PathVariable long childId, @RequestParam(required = false) String term, @RequestParam(required = false) String date,
                       @RequestParam(required = false) String type, @RequestParam(required = false) String severity,
                       @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        CareRecords.Student s = records.studentById(childId);
        List<CareProblem> problems = new ArrayList<>();
        String iso = "";
        if (date != null && !date.isBlank()) {
            try {
                iso = BuddhistDate.parse(date).toString();
            } catch (InvalidValueException e) {
                problems.add(CareProblem.of("date", e.messageKey()));
                iso = null;
            }
        }
        if (iso != null) {
            try {
                CareRecords.Incident saved = records.recordIncident(new CareRecords.IncidentEntry(s.nationalId(), iso, type, severity, note));
                redirect.addFlashAttribute("flashSuccess", saved.created() ? "care.entry.incidentAdded" : "care.entry.unchanged");
                return "redirect:/care/children/" + childId + "/incidents?term=" + saved.term();
            } catch (CareRefusedException e) {
                problems.addAll(refused(e));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("date", date == null ? "" : date);
        values.put("type", type == null ? "" : type);
        values.put("severity", severity == null ? "" : severity);
        values.put("note", note == null ? "" : note);
        return incidentsView(model, s, term(term), values, problems);
    }
}
