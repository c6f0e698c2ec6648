package org.eduequity.survey.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.survey.Child;
import org.eduequity.survey.Children;
import org.eduequity.survey.FieldProblem;
import org.eduequity.survey.PhotoKind;
import org.eduequity.survey.PhotoRejectedException;
import org.eduequity.survey.SurveyRejectedException;
import org.eduequity.survey.Surveys;
import org.eduequity.survey.VisitDrafts;
import org.eduequity.survey.VisitPhotos;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The home-visit form of one draft: sections of the household's answers, saved at any time ("save draft"), submitted
 * once complete, photos attached per kind. Works without JavaScript: adding and removing members are submit buttons
 * that re-render the form with the change (nothing saved), and the income totals are computed on the server too.
 */
@Controller
@RequestMapping("/visits/drafts/{id}")
@PreAuthorize("hasAnyRole('TEACHER', 'AREA_WORKER', 'ADMIN')")
class VisitFormController {

    private final VisitDrafts drafts;
    private final VisitPhotos photos;
    private final Children children;
    private final Surveys surveys;
    private final CurrentArea area;
    private final MessageSource messages;
    private final FormattingConversionService conversion;

    VisitFormController(VisitDrafts drafts, VisitPhotos photos, Children children, Surveys surveys, CurrentArea area,
                        MessageSource messages, FormattingConversionService mvcConversionService) {
        this.drafts = drafts;
        this.photos = photos;
        this.children = children;
        this.surveys = surveys;
        this.area = area;
        this.messages = messages;
        this.conversion = mvcConversionService;
    }

    @InitBinder("form")
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
        binder.setAutoGrowCollectionLimit(VisitForm.MAX_MEMBERS + 1);
    }

    @GetMapping
    String show(@PathVariable long id, Model model) {
        VisitDrafts.Draft d = drafts.get(id);
        VisitForm form = VisitForm.of(d.document(), d.version());
        DirectFieldBindingResult result = new DirectFieldBindingResult(form, "form");
        result.initConversion(conversion);
        return view(model, d, form, result, Map.of(), List.of());
    }

    @PostMapping
    String save(@PathVariable long id, @ModelAttribute("form") VisitForm form, BindingResult result,
                @RequestParam(name = "action", required = false) String action, Model model, RedirectAttributes redirect) {
        VisitDrafts.Draft d = drafts.get(id);
        if (d.submitted()) {
            redirect.addFlashAttribute("flashError", "survey.error.draftSubmitted");
            return "redirect:/visits/drafts/" + id;
        }
        if (action != null && (action.equals("addMember") || action.startsWith("removeMember:"))) {
            changeMembers(form, action);
            model.addAttribute("notSaved", true);
            return view(model, d, form, result, unreadable(result, List.of()), List.of());
        }
        Saved saved = saveForm(d, form, result, model);
        if (saved.view() != null) {
            return saved.view();
        }
        redirect.addFlashAttribute("flashSuccess", "visit.form.saved");
        return "redirect:/visits/drafts/" + id;
    }

    @PostMapping("/submit")
    String submit(@PathVariable long id, @ModelAttribute("form") VisitForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        VisitDrafts.Draft d = drafts.get(id);
        if (!d.submitted()) {
            Saved saved = saveForm(d, form, result, model);
            if (saved.view() != null) {
                return saved.view();
            }
            d = saved.draft();
            List<FieldProblem> missing = drafts.missing(d);
            if (!missing.isEmpty()) {
                VisitForm fresh = VisitForm.of(d.document(), d.version());
                DirectFieldBindingResult r = new DirectFieldBindingResult(fresh, "form");
                r.initConversion(conversion);
                return view(model, d, fresh, r, problems(missing), missing);
            }
        }
        boolean correction = d.correction();
        try {
            drafts.submit(id, d.version());
        } catch (SurveyRejectedException e) {
            VisitDrafts.Draft now = drafts.get(id);
            VisitForm fresh = VisitForm.of(now.document(), now.version());
            DirectFieldBindingResult r = new DirectFieldBindingResult(fresh, "form");
            r.initConversion(conversion);
            return view(model, now, fresh, r, problems(e.problems()), e.problems());
        } catch (OptimisticLockingFailureException e) {
            if (!drafts.get(id).submitted()) {
                redirect.addFlashAttribute("flashError", "visit.form.conflict");
                return "redirect:/visits/drafts/" + id;
            }
        }
        redirect.addFlashAttribute("flashSuccess", correction ? "visit.form.resubmitted" : "visit.form.submitted");
        return "redirect:" + childPage(children.get(area.scope(), d.childId()));
    }

    /**
     * Attaches a photo. Posted from the visit form (marked {@code withForm}), it first saves the answers on the
     * page, so that nothing typed is lost; when they cannot be saved, the form comes back with its errors and
     * the photo is not attached.
     */
    @PostMapping("/photos")
    String attachPhoto(@PathVariable long id, @RequestParam(name = "kind", required = false) String kind,
                       @RequestParam(name = "file", required = false) MultipartFile file,
                       @RequestParam(name = "withForm", required = false) String withForm,
                       @ModelAttribute("form") VisitForm submitted, BindingResult submittedResult, Model model,
                       RedirectAttributes redirect) throws IOException {
        VisitDrafts.Draft d = drafts.get(id);
        if ("true".equals(withForm) && !d.submitted()) {
            Saved saved = saveForm(d, submitted, submittedResult, model);
            if (saved.view() != null) {
                model.addAttribute("photoProblem", text("visit.photos.fixFirst"));
                return saved.view();
            }
            d = saved.draft();
        }
        PhotoKind photoKind = null;
        try {
            photoKind = kind == null ? null : PhotoKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            photoKind = null;
        }
        String problem = null;
        Object[] args = new Object[0];
        if (photoKind == null) {
            problem = "visit.photos.error.kind";
        } else if (file == null || file.isEmpty()) {
            problem = "photo.error.empty";
        } else {
            try {
                drafts.attachPhoto(id, photoKind, file.getBytes());
                redirect.addFlashAttribute("flashSuccess", "visit.photos.attached");
                return "redirect:/visits/drafts/" + id + "#photos";
            } catch (PhotoRejectedException e) {
                problem = e.getMessageKey();
                args = e.getArgs();
            } catch (SurveyRejectedException e) {
                redirect.addFlashAttribute("flashError", "survey.error.draftSubmitted");
                return "redirect:/visits/drafts/" + id;
            }
        }
        model.addAttribute("photoProblem", text(problem, args));
        VisitForm form = VisitForm.of(d.document(), d.version());
        DirectFieldBindingResult r = new DirectFieldBindingResult(form, "form");
        r.initConversion(conversion);
        return view(model, d, form, r, Map.of(), List.of());
    }

    @GetMapping("/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId,
                                 @RequestParam(name = "size", required = false) String size) throws IOException {
        try (InputStream in = photos.openOfDraft(id, photoId, "thumb".equals(size))) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).header("Cache-Control", "private, max-age=3600")
                    .body(in.readAllBytes());
        }
    }

    // ------------------------------------------------------------------------------------------------------

    private record Saved(VisitDrafts.Draft draft, String view) {
    }

    /** Saves what the form holds, or returns the form view with what stopped it (nothing saved then). */
    private Saved saveForm(VisitDrafts.Draft d, VisitForm form, BindingResult result, Model model) {
        VisitForm.Conversion c = form.toDocument(d.document());
        Map<String, String> unreadable = unreadable(result, c.problems());
        if (!unreadable.isEmpty()) {
            return new Saved(null, view(model, d, form, result, unreadable, List.of()));
        }
        if (form.version == null) {
            model.addAttribute("conflict", true);
            return new Saved(null, view(model, d, form, result, Map.of(), List.of()));
        }
        try {
            return new Saved(drafts.save(d.id(), form.version, c.document()), null);
        } catch (SurveyRejectedException e) {
            if (e.reason() == SurveyRejectedException.Reason.CONFLICT) {
                model.addAttribute("conflict", true);
                return new Saved(null, view(model, d, form, result, Map.of(), List.of()));
            }
            return new Saved(null, view(model, d, form, result, problems(e.problems()), List.of()));
        } catch (OptimisticLockingFailureException e) {
            model.addAttribute("conflict", true);
            return new Saved(null, view(model, d, form, result, Map.of(), List.of()));
        }
    }

    private static void changeMembers(VisitForm form, String action) {
        if (action.equals("addMember")) {
            if (form.members.size() < VisitForm.MAX_MEMBERS) {
                form.members.add(new VisitForm.Member());
            }
            return;
        }
        try {
            int index = Integer.parseInt(action.substring("removeMember:".length()));
            if (index >= 0 && index < form.members.size()) {
                form.members.remove(index);
            }
        } catch (NumberFormatException e) {
            // an unknown row: nothing to remove
        }
    }

    /** Binding failures (unreadable dates) and unreadable numbers: field path → message. */
    private Map<String, String> unreadable(BindingResult result, List<VisitForm.Unreadable> numbers) {
        Map<String, String> m = new LinkedHashMap<>();
        for (FieldError e : result.getFieldErrors()) {
            String key = BuddhistDate.KEY_FORMAT;
            if (e.getRejectedValue() instanceof String s) {
                try {
                    BuddhistDate.parse(s);
                } catch (InvalidValueException ex) {
                    key = ex.messageKey();
                }
            }
            m.putIfAbsent(e.getField(), text(key));
        }
        VisitForm.keys(numbers).forEach((field, key) -> m.putIfAbsent(field, text(key)));
        return m;
    }

    private Map<String, String> problems(List<FieldProblem> problems) {
        Map<String, String> m = new LinkedHashMap<>();
        for (FieldProblem p : problems) {
            String message = text(p.messageKey(), p.args().toArray());
            m.merge(p.field(), message, (a, b) -> a.equals(b) ? a : a + " " + b);
        }
        return m;
    }

    /**
     * Where the form leads back to: the child's page on a roll of the caller's, else — the full visit of a child found
     * out of school, made by an area worker — the found child's page (through the out-of-school module's redirect).
     */
    private String childPage(Child child) {
        return area.scope().coversOrgUnit(child.getOrgUnitId(), child.getProvinceCode()) ? "/children/" + child.getId()
                : "/out-of-school/visited/" + child.getId();
    }

    /** A missing or wrong answer as the list at the top of the form shows it: a link to the field. */
    record Missing(String anchor, String label, String message) {
    }

    private String view(Model model, VisitDrafts.Draft d, VisitForm form, BindingResult result, Map<String, String> problems,
                        List<FieldProblem> missing) {
        Child child = children.get(area.scope(), d.childId());
        model.addAttribute("form", form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", result);
        model.addAttribute("draft", d);
        model.addAttribute("child", child);
        model.addAttribute("childPage", childPage(child));
        model.addAttribute("problems", problems);
        List<Missing> list = new ArrayList<>();
        for (FieldProblem p : missing) {
            list.add(new Missing(anchor(p.field()), label(p.field()), text(p.messageKey(), p.args().toArray())));
        }
        model.addAttribute("missing", list);
        model.addAttribute("photos", photos.ofDraft(d.id()));
        model.addAttribute("photoKinds", PhotoKind.values());
        model.addAttribute("readOnly", d.submitted());
        model.addAttribute("returnNote", drafts.returnNote(d).orElse(null));
        model.addAttribute("correction", d.correction());
        model.addAttribute("householdIncome", form.householdIncome().toPlainString());
        model.addAttribute("perCapitaIncome", form.perCapitaIncome().toPlainString());
        model.addAttribute("maxMembers", VisitForm.MAX_MEMBERS);
        model.addAttribute("choices", VisitChoices.ALL);
        model.addAttribute("anchors", new Anchors());
        List<String> flags = List.of();
        if (d.submitted() && d.visitId() != null) {
            flags = surveys.child(child.getNationalId()).flatMap(v -> v.visits().stream().filter(x -> x.id() == d.visitId()).findFirst())
                    .map(Surveys.ChildView.Visit::evidenceFlags).orElse(List.of());
        }
        model.addAttribute("evidenceFlags", flags);
        return "visit/form";
    }

    /** Ids for the template: the field's wrapper, its input and its error message. */
    static final class Anchors {
        public String of(String path) {
            return anchor(path);
        }

        public String input(String path) {
            return "i" + anchor(path).substring(1);
        }

        public String error(String path) {
            return "e" + anchor(path).substring(1);
        }
    }

    /** The id of a field's wrapper in the form: {@code members[1].income.wages} → {@code f-members-1-income-wages}. */
    static String anchor(String path) {
        String a = path.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
        if (a.startsWith("consent-scopes")) {
            a = "consent-scopes";
        }
        return "f-" + (a.isEmpty() ? "visit" : a);
    }

    /** The field's label: the message {@code visit.field.<path without indexes>}, with the member's number. */
    private String label(String path) {
        String generic = path.replaceAll("\\[[0-9]+]", "");
        String label = messages.getMessage("visit.field." + generic, null, generic, LocaleContextHolder.getLocale());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^members\\[([0-9]+)]").matcher(path);
        if (m.find() && !generic.equals("members")) {
            label = text("visit.members.row", Integer.parseInt(m.group(1)) + 1) + ": " + label;
        }
        return label;
    }

    private String text(String key, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, args, key, locale);
    }
}
