package org.eduequity.survey.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.screening.ScreeningExplanations;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.eduequity.survey.Child;
import org.eduequity.survey.ChildStatus;
import org.eduequity.survey.Children;
import org.eduequity.survey.GradeLevel;
import org.eduequity.survey.ReturnedVisits;
import org.eduequity.survey.ReviewOutcomes;
import org.eduequity.survey.Sex;
import org.eduequity.survey.Surveys;
import org.eduequity.survey.VisitDrafts;
import org.eduequity.survey.VisitPhotos;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The teachers' children: "My children" (search, paging, this term's visit), a child's page, and the create and
 * edit forms. Everything is read and written within the caller's area; reading is open to the province and the
 * fund office for their area, writing to teachers (their own units) and administrators.
 */
@Controller
class ChildScreenController {

    static final int PAGE_SIZE = 20;
    static final String CONFLICT = "child.form.conflict";

    private final Children children;
    private final Surveys surveys;
    private final VisitDrafts drafts;
    private final VisitPhotos photos;
    private final OrgUnits orgUnits;
    private final CurrentArea area;
    private final Clock clock;
    private final ScreeningExplanations screenings;
    private final ReturnedVisits returned;

    ChildScreenController(Children children, Surveys surveys, VisitDrafts drafts, VisitPhotos photos, OrgUnits orgUnits,
                          CurrentArea area, Clock clock, ScreeningExplanations screenings, ReturnedVisits returned) {
        this.returned = returned;
        this.screenings = screenings;
        this.children = children;
        this.surveys = surveys;
        this.drafts = drafts;
        this.photos = photos;
        this.orgUnits = orgUnits;
        this.area = area;
        this.clock = clock;
    }

    /** A row of "My children": the term's visit and, once reviewed, the review's outcome (null before). */
    record ChildRow(long id, String maskedId, String name, String gradeLevel, String unitName, String visitStatus,
                    ReviewOutcomes.Outcome outcome) {
    }

    @GetMapping("/children")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN', 'PROVINCE', 'FUND')")
    String list(@RequestParam(name = "q", required = false) String q, @RequestParam(name = "page", defaultValue = "0") int page,
                Model model) {
        AreaScope scope = area.scope();
        Page<Child> result = children.search(scope, q, PageRequest.of(Math.max(page, 0), PAGE_SIZE,
                Sort.by("firstName", "lastName", "id")));
        Term term = Term.containing(LocalDate.now(clock));
        List<Long> ids = result.getContent().stream().map(Child::getId).toList();
        Map<Long, String> status = drafts.statusByChild(ids, term);
        Map<Long, ReviewOutcomes.Outcome> outcomes = returned.outcomes(ids, term.toString());
        Map<Long, OrgUnit> units = new HashMap<>();
        orgUnits.byIds(result.getContent().stream().map(Child::getOrgUnitId).distinct().toList()).forEach(u -> units.put(u.getId(), u));
        List<ChildRow> rows = new ArrayList<>();
        for (Child c : result.getContent()) {
            OrgUnit u = units.get(c.getOrgUnitId());
            String s = status.get(c.getId());
            rows.add(new ChildRow(c.getId(), c.getNationalId().masked(), c.getFullName(), c.getGradeLevel(),
                    u == null ? "" : u.getNameTh(), s == null ? "NONE" : "SUBMITTED".equals(s) ? "SUBMITTED" : "DRAFT", outcomes.get(c.getId())));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("page", result);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("term", term.toString());
        return "child/list";
    }

    @GetMapping("/children/{id}")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN', 'PROVINCE', 'FUND')")
    String show(@PathVariable long id, Model model) {
        Child child = children.get(area.scope(), id);
        Surveys.ChildView view = surveys.child(child.getNationalId()).orElseThrow();
        Term term = Term.containing(LocalDate.now(clock));
        model.addAttribute("child", child);
        model.addAttribute("unit", orgUnits.byId(child.getOrgUnitId()).orElse(null));
        model.addAttribute("visits", view.visits());
        model.addAttribute("term", term.toString());
        String status = drafts.statusByChild(List.of(id), term).getOrDefault(id, "NONE");
        model.addAttribute("termStatus", "OPEN".equals(status) ? "DRAFT" : status);
        model.addAttribute("outcome", returned.outcomes(List.of(id), term.toString()).get(id));
        model.addAttribute("returnedVisit", view.visits().stream().filter(v -> v.term().equals(term.toString()))
                .filter(v -> "RETURNED".equals(v.status())).findFirst().orElse(null));
        List<Surveys.ChildView.Visit> visits = view.visits();
        if (!visits.isEmpty()) {
            Surveys.ChildView.Visit latest = visits.get(0);
            model.addAttribute("latestVisit", latest);
            model.addAttribute("photos", photos.photos(latest.id()));
        } else {
            model.addAttribute("photos", List.of());
        }
        // the household's screening: each term's current result explained, and every result of the child
        model.addAttribute("screenings", screenings.currentOfChild(id));
        model.addAttribute("screeningHistory", screenings.historyOfChild(id));
        return "child/show";
    }

    /** A photo of a visit (display copy, or the thumbnail with {@code size=thumb}) for users whose area covers it. */
    @GetMapping("/visits/{visitId}/photos/{photoId}")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN', 'PROVINCE', 'FUND')")
    ResponseEntity<byte[]> visitPhoto(@PathVariable long visitId, @PathVariable long photoId,
                                      @RequestParam(name = "size", required = false) String size) throws IOException {
        try (InputStream in = photos.open(visitId, photoId, "thumb".equals(size))) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).header("Cache-Control", "private, max-age=3600")
                    .body(in.readAllBytes());
        }
    }

    /** Opens (or creates) the child's visit draft of a term — the current one by default — and goes to its form. */
    @GetMapping("/children/{id}/visit")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    String openVisit(@PathVariable long id, @RequestParam(name = "term", required = false) String term) {
        Term t;
        try {
            t = term == null || term.isBlank() ? Term.containing(LocalDate.now(clock)) : Term.parse(term);
        } catch (InvalidValueException e) {
            t = Term.containing(LocalDate.now(clock));
        }
        VisitDrafts.Draft draft = drafts.open(id, t);
        return "redirect:/visits/drafts/" + draft.id();
    }

    @GetMapping("/children/new")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    String createForm(Model model) {
        List<OrgUnit> units = units();
        return formView(model, ChildForm.empty(units.size() == 1 ? units.get(0).getId() : null), null, units);
    }

    @PostMapping("/children/new")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    String create(@Valid @ModelAttribute("form") ChildForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        NationalId nationalId = nationalId(form, result);
        if (result.hasErrors()) {
            return formView(model, null, null, units());
        }
        try {
            Child child = children.create(area.scope(), data(form, nationalId));
            redirect.addFlashAttribute("flashSuccess", "child.form.created");
            return "redirect:/children/" + child.getId();
        } catch (Children.DuplicateNationalIdException e) {
            result.rejectValue("nationalId", "child.rule.duplicate");
            return formView(model, null, null, units());
        }
    }

    @GetMapping("/children/{id}/edit")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    String editForm(@PathVariable long id, Model model) {
        Child child = children.get(area.scope(), id);
        return formView(model, ChildForm.of(child), child, units());
    }

    @PostMapping("/children/{id}/edit")
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") ChildForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        Child child = children.get(area.scope(), id);
        NationalId nationalId = nationalId(form, result);
        if (form != null && form.getVersion() == null) {
            result.reject(CONFLICT);
        }
        if (result.hasErrors()) {
            return formView(model, null, child, units());
        }
        try {
            children.update(area.scope(), id, form.getVersion(), data(form, nationalId));
            redirect.addFlashAttribute("flashSuccess", "child.form.saved");
            return "redirect:/children/" + id;
        } catch (Children.DuplicateNationalIdException e) {
            result.rejectValue("nationalId", "child.rule.duplicate");
        } catch (OptimisticLockingFailureException e) {
            result.reject(CONFLICT);
            model.addAttribute("conflict", true);
        }
        return formView(model, null, child, units());
    }

    private static Children.ChildData data(ChildForm f, NationalId nationalId) {
        return new Children.ChildData(nationalId, f.getTitle(), f.getFirstName(), f.getLastName(), f.getBirthDate(), f.getSex(), f.getGradeLevel(),
                f.getOrgUnitId(), f.getStatus() == null ? ChildStatus.IN_SCHOOL : f.getStatus());
    }

    private static NationalId nationalId(ChildForm form, BindingResult result) {
        if (form == null || result.hasFieldErrors("nationalId")) {
            return null;
        }
        try {
            return NationalId.of(form.getNationalId());
        } catch (InvalidValueException e) {
            result.rejectValue("nationalId", e.messageKey());
            return null;
        }
    }

    private List<OrgUnit> units() {
        AreaScope scope = area.scope();
        List<OrgUnit> units;
        if (scope instanceof AreaScope.OrgUnits own) {
            units = orgUnits.byIds(own.ids());
        } else {
            units = orgUnits.search(scope, null, null, null, PageRequest.of(0, 500, Sort.by("code"))).getContent();
        }
        return units.stream().filter(OrgUnit::isActive).toList();
    }

    private String formView(Model model, ChildForm form, Child child, List<OrgUnit> units) {
        if (form != null) {
            model.addAttribute("form", form);
        }
        model.addAttribute("child", child);
        model.addAttribute("units", units);
        model.addAttribute("grades", GradeLevel.values());
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("statuses", ChildStatus.values());
        return "child/form";
    }
}
