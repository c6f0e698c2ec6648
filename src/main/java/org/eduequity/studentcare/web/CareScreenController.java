package org.eduequity.studentcare.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.Term;
import org.eduequity.studentcare.CareExplanations;
import org.eduequity.studentcare.CareImports;
import org.eduequity.studentcare.CareProblem;
import org.eduequity.studentcare.CareRecords;
import org.eduequity.studentcare.CareRefusedException;
import org.eduequity.studentcare.SdqForm;
import org.eduequity.studentcare.StudentRisks;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The student-care screens of step 1: the CSV import with a preview of every bad row before anything is applied, the
 * SDQ entry form (25 items as 0/1/2, phone first) and a student's risk panel (each area with its inputs and the rules
 * that decided it; UNKNOWN shown as such).
 */
@Controller
@RequestMapping("/care")
class CareScreenController {

    /** The preview lists at most this many problems. */
    static final int SHOWN = 500;

    private final CareImports imports;
    private final CareRecords records;
    private final StudentRisks risks;
    private final CareExplanations explanations;
    private final Clock clock;
    /** The student page's parts beside the risk panel (issue 9, step 2b). */
    private final CareStudentPage studentPage;
    // early warning (issue 9 step 2a): the risk panel shows the student's warning and links its follow-up
    private final org.eduequity.studentcare.FollowUps followUps;

    CareScreenController(CareImports imports, CareRecords records, StudentRisks risks, CareExplanations explanations, Clock clock,
                         CareStudentPage studentPage, org.eduequity.studentcare.FollowUps followUps) {
        this.studentPage = studentPage;
        this.followUps = followUps;
        this.imports = imports;
        this.records = records;
        this.risks = risks;
        this.explanations = explanations;
        this.clock = clock;
    }

    private String currentTerm() {
        return Term.containing(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))).toString();
    }

    // ----- import --------------------------------------------------------------------------------------------

    @GetMapping("/import")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String importForm(Model model) {
        return importView(model, CareImports.Kind.ATTENDANCE.name(), currentTerm(), null);
    }

    private String importView(Model model, String kind, String term, CareProblem problem) {
        model.addAttribute("kinds", CareImports.Kind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("term", term);
        model.addAttribute("fileProblem", problem);
        return "care/import";
    }

    @PostMapping("/import/preview")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String preview(@RequestParam(required = false) String kind, @RequestParam(required = false) String term,
                   @RequestParam(name = "file", required = false) MultipartFile file, Model model) throws IOException {
        CareImports.Kind k;
        try {
            k = CareImports.Kind.valueOf(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            return importView(model, CareImports.Kind.ATTENDANCE.name(), term, CareProblem.of("kind", "care.screen.import.kindRequired"));
        }
        if (file == null || file.isEmpty()) {
            return importView(model, k.name(), term, CareProblem.of("file", "care.screen.import.noFile"));
        }
        byte[] content = file.getBytes();
        model.addAttribute("fileName", file.getOriginalFilename());
        model.addAttribute("kind", k);
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            CareImports.Report report = imports.preview(k, term, in);
            model.addAttribute("report", report);
            model.addAttribute("token", imports.keep(k, report.term(), content));
        } catch (CareImports.ImportRefusedException e) {
            model.addAttribute("errorCount", e.count());
            model.addAttribute("errors", e.problems().subList(0, Math.min(SHOWN, e.problems().size())));
        } catch (CareRefusedException e) {
            return importView(model, k.name(), term, e.problems().get(0));
        }
        return "care/import-preview";
    }

    @PostMapping("/import/apply")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String apply(@RequestParam(required = false) String token, RedirectAttributes redirect) {
        UUID id;
        try {
            id = UUID.fromString(token == null ? "" : token);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("flashError", "care.screen.import.expired");
            return "redirect:/care/import";
        }
        try {
            var applied = imports.applyKept(id);
            if (applied.isEmpty()) {
                redirect.addFlashAttribute("flashError", "care.screen.import.expired");
            } else {
                redirect.addFlashAttribute("flashSuccess", "care.screen.import.applied");
                CareImports.Report r = applied.get();
                // flash attributes live in the (JDBC) session: plain numbers only
                redirect.addFlashAttribute("appliedCounts", new long[] {r.rows(), r.created(), r.updated(), r.unchanged()});
            }
        } catch (CareRefusedException e) {
            // the students changed since the preview (moved away, for instance): nothing was written
            redirect.addFlashAttribute("flashError", "care.screen.import.changed");
        }
        return "redirect:/care/import";
    }

    // ----- SDQ form ------------------------------------------------------------------------------------------

    @GetMapping("/children/{childId}/sdq")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String sdqForm(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        CareRecords.Student student = records.studentById(childId);
        return sdqView(model, student, term == null ? currentTerm() : term, null, new Integer[25], List.of());
    }

    private String sdqView(Model model, CareRecords.Student student, String term, String form, Integer[] items, List<CareProblem> problems) {
        model.addAttribute("student", student);
        model.addAttribute("term", term);
        model.addAttribute("form", form);
        model.addAttribute("forms", SdqForm.values());
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            numbers.add(i);
        }
        model.addAttribute("numbers", numbers);
        model.addAttribute("items", Arrays.asList(items));
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        return "care/sdq";
    }

    @PostMapping("/children/{childId}/sdq")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String saveSdq(@PathVariable long childId, @RequestParam(required = false) String term, @RequestParam(required = false) String form,
                   @RequestParam java.util.Map<String, String> params, Model model, RedirectAttributes redirect) {
        CareRecords.Student student = records.studentById(childId);
        Integer[] items = new Integer[25];
        List<CareProblem> problems = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String v = params.get("item" + (i + 1));
            if (v == null || v.isBlank()) {
                continue;
            }
            if (v.equals("0") || v.equals("1") || v.equals("2")) {
                items[i] = Integer.parseInt(v);
            } else {
                problems.add(CareProblem.of("items[" + i + "]", "care.error.sdq.item", i + 1));
            }
        }
        if (problems.isEmpty()) {
            try {
                CareRecords.ScoredSdq s = records.recordSdq(new CareRecords.SdqEntry(student.nationalId(), term, form, Arrays.asList(items)));
                redirect.addFlashAttribute("flashSuccess", "care.screen.sdq.saved");
                redirect.addFlashAttribute("sdqTotal", s.total());
                return "redirect:/care/children/" + childId + "/risk?term=" + s.term();
            } catch (CareRefusedException e) {
                if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
                    throw new AccessDeniedException("student outside the caller's area");
                }
                problems.addAll(e.problems());
            }
        }
        return sdqView(model, student, term, form, items, problems);
    }

    // ----- risk panel ----------------------------------------------------------------------------------------

    @GetMapping("/children/{childId}/risk")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    String risk(@PathVariable long childId, @RequestParam(required = false) String term, Model model) {
        String t = term;
        try {
            t = Term.parse(term == null ? currentTerm() : term).toString();
        } catch (org.eduequity.shared.InvalidValueException e) {
            t = currentTerm();
        }
        StudentRisks.StudentRisk risk = risks.ofChild(childId, t);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("student", risk.student());
        model.addAttribute("term", t);
        model.addAttribute("result", risk.result().orElse(null));
        model.addAttribute("areas", risk.result().map(r -> explanations.explain(r, locale)).orElse(List.of()));
        model.addAttribute("forms", risk.result().isPresent() ? records.sdqForms(risk.student(), t) : List.of());
        studentPage.addTo(model, risk.student(), t);
        model.addAttribute("warning", followUps.warningOf(risk.student().id(), t).orElse(null));
        return "care/risk";
    }
}
