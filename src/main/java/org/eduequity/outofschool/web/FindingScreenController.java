package org.eduequity.outofschool.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.eduequity.geography.Geography;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.HighestGrade;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.Reason;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The area worker's screens: the short mobile form that records a found child (possible duplicates offered as the
 * names, birth date and id are typed, and again on save), the list of the children they found, and a found record
 * with the "merge as duplicate" action.
 */
@Controller
@RequestMapping("/out-of-school")
class FindingScreenController {

    static final int PAGE_SIZE = 20;

    private final FoundChildren found;
    private final CurrentArea area;
    private final Geography geography;
    private final MessageSource messages;
    private final Clock clock;
    private final org.eduequity.outofschool.Cases cases;
    private final org.eduequity.outofschool.FullVisits fullVisits;

    FindingScreenController(FoundChildren found, CurrentArea area, Geography geography, MessageSource messages, Clock clock,
                            org.eduequity.outofschool.Cases cases, org.eduequity.outofschool.FullVisits fullVisits) {
        this.cases = cases;
        this.fullVisits = fullVisits;
        this.found = found;
        this.area = area;
        this.geography = geography;
        this.messages = messages;
        this.clock = clock;
    }

    /** The subdistricts the user records in; refused for anyone who finds no children. */
    private List<Geography.Subdistrict> mySubdistricts() {
        AreaScope scope = area.scope();
        if (scope.findingSubdistricts().isEmpty()) {
            throw new AccessDeniedException("The user finds no out-of-school children");
        }
        return scope.findingSubdistricts().stream().sorted().map(code -> geography.subdistrict(code).orElseThrow()).toList();
    }

    @GetMapping("/find")
    String form(Model model) {
        List<Geography.Subdistrict> subdistricts = mySubdistricts();
        FindingForm form = new FindingForm();
        form.setExternalId(UUID.randomUUID().toString());
        form.setSurveyedOn(BuddhistDate.formatShort(LocalDate.now(clock.withZone(BuddhistDate.BANGKOK))));
        if (subdistricts.size() == 1) {
            form.setSubdistrictCode(subdistricts.get(0).code());
        }
        model.addAttribute("form", form);
        return form(model, subdistricts, List.of());
    }

    @PostMapping("/find")
    String record(@ModelAttribute("form") FindingForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        List<Geography.Subdistrict> subdistricts = mySubdistricts();
        List<String[]> own = new ArrayList<>();
        var document = form.document(own);
        own.forEach(p -> errors.rejectValue(p[0], p[1]));
        if (errors.hasErrors()) {
            // the other fields' problems too, all at once
            try {
                found.check(document);
            } catch (FindingRejectedException e) {
                e.problems().stream().filter(p -> !errors.hasFieldErrors(FindingForm.field(p.field())))
                        .forEach(p -> errors.rejectValue(FindingForm.field(p.field()), p.messageKey(), p.args().toArray(), null));
            }
        } else {
            try {
                FoundChildren.Receipt receipt = found.recordConfirmingDuplicates(document);
                redirect.addFlashAttribute("flashSuccess", receipt.created() ? "finding.flash.recorded" : "finding.flash.alreadyRecorded");
                return "redirect:/out-of-school/children/" + receipt.id();
            } catch (FoundChildren.PossibleDuplicatesException e) {
                model.addAttribute("confirmDuplicates", true);
                return form(model, subdistricts, e.duplicates());
            } catch (FindingRejectedException e) {
                e.problems().forEach(p -> errors.rejectValue(FindingForm.field(p.field()), p.messageKey(), p.args().toArray(), null));
            }
        }
        return form(model, subdistricts, List.of());
    }

    /** The form prefilled with a found record, to correct it (the workers who find children, in their area). */
    @GetMapping("/children/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        List<Geography.Subdistrict> subdistricts = mySubdistricts();
        FoundChildren.FoundChild child = found.get(id);
        String externalId = found.externalIdOf(id);
        model.addAttribute("form", FindingForm.of(child, externalId));
        return editForm(model, subdistricts, child, List.of());
    }

    @PostMapping("/children/{id}/edit")
    String update(@PathVariable long id, @ModelAttribute("form") FindingForm form, BindingResult errors, Model model,
                  RedirectAttributes redirect) {
        List<Geography.Subdistrict> subdistricts = mySubdistricts();
        FoundChildren.FoundChild child = found.get(id);
        List<String[]> own = new ArrayList<>();
        var document = form.document(own);
        own.forEach(p -> errors.rejectValue(p[0], p[1]));
        if (errors.hasErrors()) {
            try {
                found.check(document);
            } catch (FindingRejectedException e) {
                e.problems().stream().filter(p -> !errors.hasFieldErrors(FindingForm.field(p.field())))
                        .forEach(p -> errors.rejectValue(FindingForm.field(p.field()), p.messageKey(), p.args().toArray(), null));
            }
        } else {
            try {
                found.update(id, form.getVersion() == null ? -1 : form.getVersion(), document);
                redirect.addFlashAttribute("flashSuccess", "finding.flash.edited");
                return "redirect:/out-of-school/children/" + id;
            } catch (FoundChildren.PossibleDuplicatesException e) {
                model.addAttribute("confirmDuplicates", true);
                return editForm(model, subdistricts, child, e.duplicates());
            } catch (FindingRejectedException e) {
                e.problems().forEach(p -> errors.rejectValue(FindingForm.field(p.field()), p.messageKey(), p.args().toArray(), null));
            } catch (ObjectOptimisticLockingFailureException e) {
                errors.reject("form.conflict");
            }
        }
        return editForm(model, subdistricts, child, List.of());
    }

    private String editForm(Model model, List<Geography.Subdistrict> subdistricts, FoundChildren.FoundChild child,
                            List<FoundChildren.PossibleDuplicate> duplicates) {
        model.addAttribute("editing", child);
        return form(model, subdistricts, duplicates);
    }

    private String form(Model model, List<Geography.Subdistrict> subdistricts, List<FoundChildren.PossibleDuplicate> duplicates) {
        model.addAttribute("subdistricts", subdistricts);
        model.addAttribute("reasons", Reason.values());
        model.addAttribute("needs", Need.values());
        model.addAttribute("grades", HighestGrade.values());
        model.addAttribute("duplicates", duplicates.stream().map(d -> offer(d, LocaleContextHolder.getLocale())).toList());
        return "outofschool/find";
    }

    /**
     * The possible duplicates of what is typed so far, for the form's script: JSON with whether the id is on a school
     * roster and each offer's text.
     */
    @GetMapping(path = "/duplicates", produces = "application/json")
    @ResponseBody
    Map<String, Object> duplicates(@RequestParam(required = false) String nationalId, @RequestParam(required = false) String firstName,
                                   @RequestParam(required = false) String lastName, @RequestParam(required = false) String birthDate,
                                   @RequestParam(required = false) String subdistrictCode,
                                   @RequestParam(required = false) Long exclude) {
        mySubdistricts();
        LocalDate birth = null;
        if (birthDate != null && !birthDate.isBlank()) {
            try {
                birth = BuddhistDate.parse(birthDate);
            } catch (InvalidValueException e) {
                birth = null;
            }
        }
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> body = new LinkedHashMap<>();
        boolean inSchool = found.onSchoolRoster(nationalId);
        body.put("inSchool", inSchool);
        body.put("inSchoolText", inSchool ? messages.getMessage("finding.offer.inSchool", null, locale) : null);
        body.put("duplicates", found.possibleDuplicates(new FoundChildren.Probe(nationalId, firstName, lastName, birth,
                subdistrictCode == null || subdistrictCode.isBlank() ? null : subdistrictCode.strip()), exclude).stream().map(d -> offer(d, locale)).toList());
        return body;
    }

    /** A possible duplicate as the form shows it. */
    record Offer(long id, String rule, String text, boolean visible) {
    }

    private Offer offer(FoundChildren.PossibleDuplicate d, Locale locale) {
        String place = geography.subdistrict(d.subdistrictCode()).map(s -> s.name(locale)).orElse(d.subdistrictCode());
        String status = messages.getMessage("finding.status." + d.status().name(), null, locale);
        String rule = messages.getMessage("finding.rule." + d.rule().name(), null, locale);
        String text = d.visible()
                ? messages.getMessage("finding.offer.visible", new Object[] {d.firstName() + " " + d.lastName(),
                BuddhistDate.format(d.birthDate(), locale), place, status}, locale)
                : messages.getMessage("finding.offer.elsewhere", new Object[] {place, BuddhistDate.format(d.surveyedOn(), locale)}, locale);
        return new Offer(d.id(), rule, text, d.visible());
    }

    @GetMapping("/mine")
    String mine(@RequestParam(defaultValue = "0") int page, Model model) {
        mySubdistricts();
        FoundChildren.Page result = found.mine(Math.max(0, page), PAGE_SIZE);
        model.addAttribute("result", result);
        model.addAttribute("pages", (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("geography", geography);
        return "outofschool/mine";
    }

    @GetMapping("/children/{id}")
    String show(@PathVariable long id, Model model) {
        FoundChildren.FoundChild child = found.get(id);
        model.addAttribute("child", child);
        model.addAttribute("caseId", cases.latestCaseOf(child.id()).orElse(null));
        model.addAttribute("openCaseId", cases.openCaseOf(child.id()).orElse(null));
        model.addAttribute("fullVisit", fullVisits.of(child.id()).orElse(null));
        model.addAttribute("currentTerm", fullVisits.currentTerm());
        model.addAttribute("today", java.time.LocalDate.now(clock));
        model.addAttribute("scopes", org.eduequity.outofschool.ConsentScope.values());
        model.addAttribute("givers", org.eduequity.outofschool.ConsentGiver.values());
        model.addAttribute("subdistrict", geography.subdistrict(child.subdistrictCode()).orElseThrow());
        model.addAttribute("district", geography.district(child.districtCode()).orElseThrow());
        model.addAttribute("duplicates", child.status() == org.eduequity.outofschool.FoundStatus.DUPLICATE ? List.of()
                : found.possibleDuplicatesOf(child).stream().filter(FoundChildren.PossibleDuplicate::visible)
                        .map(d -> offer(d, LocaleContextHolder.getLocale())).toList());
        return "outofschool/show";
    }

    @PostMapping("/children/{id}/verify")
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String verify(@PathVariable long id, @RequestParam(defaultValue = "-1") long version, RedirectAttributes redirect) {
        try {
            found.verify(id, version);
            redirect.addFlashAttribute("flashSuccess", "finding.flash.verified");
        } catch (FindingRejectedException e) {
            redirect.addFlashAttribute("flashError", e.problems().get(0).messageKey());
        } catch (ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "form.conflict");
        }
        return "redirect:/out-of-school/children/" + id;
    }

    @PostMapping("/children/{id}/merge")
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')")
    String merge(@PathVariable long id, @RequestParam(required = false) Long into, @RequestParam(defaultValue = "-1") long version,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        if (into == null) {
            redirect.addFlashAttribute("flashError", "finding.error.mergeInto");
            return "redirect:/out-of-school/children/" + id;
        }
        try {
            found.mergeInto(id, into, version, reason);
            redirect.addFlashAttribute("flashSuccess", "finding.flash.merged");
        } catch (FindingRejectedException e) {
            redirect.addFlashAttribute("flashError", e.problems().get(0).messageKey());
        } catch (ObjectOptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "form.conflict");
        }
        return "redirect:/out-of-school/children/" + id;
    }
}
