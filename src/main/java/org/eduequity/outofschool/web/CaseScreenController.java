package org.eduequity.outofschool.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eduequity.account.AccountPrincipal;
import org.eduequity.account.CurrentUser;
import org.eduequity.geography.Geography;
import org.eduequity.outofschool.CaseOutcome;
import org.eduequity.outofschool.CaseStage;
import org.eduequity.outofschool.Cases;
import org.eduequity.outofschool.ConsentGiver;
import org.eduequity.outofschool.ConsentScope;
import org.eduequity.outofschool.FindingRejectedException;
import org.eduequity.outofschool.Monitoring;
import org.eduequity.outofschool.Need;
import org.eduequity.outofschool.Providers;
import org.eduequity.outofschool.UnsuccessfulReason;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.survey.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
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
 * The case screens: the case page (stage, timeline and the forms of each step the user's role allows; every view is
 * audited), the list of a province's cases by stage, the provider's referral inbox, and opening a case from a found
 * child. A refused form shows the case page again with the errors under the fields and what was typed.
 */
@Controller
@RequestMapping("/out-of-school")
class CaseScreenController {

    private final Cases cases;
    private final Providers providers;
    private final CurrentUser currentUser;
    private final Geography geography;
    private final MessageSource messages;

    CaseScreenController(Cases cases, Providers providers, CurrentUser currentUser, Geography geography, MessageSource messages) {
        this.cases = cases;
        this.providers = providers;
        this.currentUser = currentUser;
        this.geography = geography;
        this.messages = messages;
    }

    // ------------------------------------------------------------------------------------------- pages

    @GetMapping("/cases")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'PROVINCE', 'FUND', 'ADMIN')")
    String list(@RequestParam(required = false) String province, @RequestParam(required = false) String stage,
                @RequestParam(defaultValue = "0") String page, Model model) {
        AccountPrincipal me = currentUser.require();
        String p = province != null && province.matches("[0-9]{2}") ? province
                : me.provinceCode() != null ? me.provinceCode()
                : me.findingSubdistricts().stream().sorted().findFirst().map(s -> s.substring(0, 2)).orElse("21");
        CaseStage s = null;
        if (stage != null && !stage.isBlank()) {
            try {
                s = CaseStage.valueOf(stage);
            } catch (IllegalArgumentException e) {
                s = null;
            }
        }
        model.addAttribute("province", p);
        model.addAttribute("stage", s);
        model.addAttribute("stages", CaseStage.values());
        int pageNumber;
        try {
            pageNumber = Math.max(0, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            pageNumber = 0;
        }
        Cases.CasePage result = cases.page(p, s, pageNumber, Cases.PAGE_SIZE);
        List<Cases.CaseRow> rows = result.rows();
        model.addAttribute("rows", rows);
        model.addAttribute("result", result);
        Map<CaseStage, Long> counts = cases.countByStage(p);
        model.addAttribute("counts", counts);
        model.addAttribute("allCount", counts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("provinceName", geography.province(p).map(x -> x.name(LocaleContextHolder.getLocale())).orElse(p));
        model.addAttribute("places", places(rows.stream().map(Cases.CaseRow::subdistrictCode).toList()));
        return "outofschool/cases";
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'FUND', 'ADMIN', 'PROVIDER')")
    String show(@PathVariable long id, Model model) {
        return page(id, model, Map.of(), Map.of(), null);
    }

    private String page(long id, Model model, Map<String, String> errors, Map<String, String> form, String openForm) {
        Cases.CaseView v = cases.read(id, "SCREEN");
        model.addAttribute("c", v);
        model.addAttribute("timelineText", v.timeline().stream().map(t -> readable(t.detail())).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("openForm", openForm);
        model.addAttribute("needs", Need.values());
        model.addAttribute("scopes", ConsentScope.values());
        model.addAttribute("givers", ConsentGiver.values());
        model.addAttribute("monitorings", Monitoring.values());
        model.addAttribute("outcomes", CaseOutcome.values());
        model.addAttribute("reasons", UnsuccessfulReason.values());
        model.addAttribute("subdistrict", geography.subdistrict(v.child().subdistrictCode()).orElse(null));
        AccountPrincipal me = currentUser.require();
        boolean manages = !v.providerView() && (me.hasRole("PROVINCE") || me.hasRole("ADMIN"));
        model.addAttribute("manages", manages);
        model.addAttribute("visits", !v.providerView() && !me.hasRole("FUND") && !v.closed()
                && (manages || me.hasRole("AREA_WORKER") || me.hasRole("TEACHER")));
        model.addAttribute("providerList", manages ? providers.ofProvince(v.child().provinceCode()) : List.of());
        model.addAttribute("today", LocalDate.now(BuddhistDate.BANGKOK));
        return "outofschool/case";
    }

    @GetMapping("/referrals")
    @PreAuthorize("hasRole('PROVIDER')")
    String inbox(Model model) {
        List<Cases.InboxRow> rows = cases.inbox();
        model.addAttribute("rows", rows);
        model.addAttribute("provider", providers.own().orElse(null));
        model.addAttribute("places", places(rows.stream().map(Cases.InboxRow::subdistrictCode).toList()));
        return "outofschool/inbox";
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final List<String> CODE_PREFIXES = List.of("case.detail.", "case.giver.", "case.scope.", "finding.need.", "case.outcome.", "case.unsuccessful.");

    /**
     * A timeline entry's detail as a reader of the screen sees it: the codes it holds (who gave consent, scopes, needs,
     * outcomes, reasons) in the user's language, ISO dates in the Buddhist era, no brackets. The API keeps the codes.
     */
    private String readable(String detail) {
        if (detail == null) {
            return null;
        }
        java.util.Locale locale = LocaleContextHolder.getLocale();
        String text = detail.replace("[", "").replace("]", "").replaceAll("foundChild=\\d+", "").strip();
        java.util.regex.Matcher m = CODE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = m.group();
            String label = code;
            for (String prefix : CODE_PREFIXES) {
                String found = messages.getMessage(prefix + code, null, null, locale);
                if (found != null) {
                    label = found;
                    break;
                }
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(label));
        }
        m.appendTail(out);
        java.util.regex.Matcher d = ISO_DATE.matcher(out.toString());
        StringBuilder dated = new StringBuilder();
        while (d.find()) {
            LocalDate date = LocalDate.of(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)), Integer.parseInt(d.group(3)));
            d.appendReplacement(dated, java.util.regex.Matcher.quoteReplacement(BuddhistDate.format(date, locale)));
        }
        d.appendTail(dated);
        return dated.toString().isBlank() ? null : dated.toString();
    }

    private Map<String, String> places(List<String> codes) {
        Map<String, String> names = new java.util.HashMap<>();
        for (String code : codes) {
            names.computeIfAbsent(code, k -> geography.subdistrict(k).map(x -> x.name(LocaleContextHolder.getLocale())).orElse(k));
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------- opening

    @PostMapping("/children/{id}/case")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String open(@PathVariable long id, @RequestParam Map<String, String> p, @RequestParam(required = false) List<String> scope,
                RedirectAttributes redirect) {
        List<FieldProblem> errors = new ArrayList<>();
        Cases.Consent consent = null;
        if (p.get("givenBy") != null && !p.get("givenBy").isBlank()) {
            consent = new Cases.Consent(parse(p.get("givenBy"), ConsentGiver::valueOf, "consent.givenBy", errors), p.get("giverName"),
                    date(p.get("givenOn"), "consent.givenOn", true, errors), scopes(scope), p.get("guardianNationalId"));
        }
        try {
            invalidIf(errors);
            Cases.Receipt r = cases.open(id, consent);
            redirect.addFlashAttribute("flashSuccess", r.created() ? "case.flash.opened" : "case.flash.alreadyOpen");
            return "redirect:/out-of-school/cases/" + r.id();
        } catch (FindingRejectedException e) {
            redirect.addFlashAttribute("flashErrorText", text(e.problems().get(0)));
            return "redirect:/out-of-school/children/" + id;
        }
    }

    // ------------------------------------------------------------------------------------------- the steps

    @PostMapping("/cases/{id}/consent")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String consent(@PathVariable long id, @RequestParam Map<String, String> p, @RequestParam(required = false) List<String> scope, Model model,
                   RedirectAttributes redirect) {
        return step(id, p, "consent", model, redirect, errors -> {
            if ("WITHDRAW".equals(p.get("action"))) {
                LocalDate on = date(p.get("withdrawnOn"), "withdrawnOn", true, errors);
                invalidIf(errors);
                cases.withdrawConsent(id, version(p), on, p.get("reason"));
                return "case.flash.consentWithdrawn";
            }
            Cases.Consent c = new Cases.Consent(parse(p.get("givenBy"), ConsentGiver::valueOf, "consent.givenBy", errors), p.get("giverName"),
                    date(p.get("givenOn"), "consent.givenOn", true, errors), scopes(scope), p.get("guardianNationalId"));
            invalidIf(errors);
            cases.giveConsent(id, version(p), c);
            return "case.flash.consent";
        });
    }

    @PostMapping("/cases/{id}/assessment")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String assessment(@PathVariable long id, @RequestParam Map<String, String> p, @RequestParam(required = false) List<String> need, Model model,
                      RedirectAttributes redirect) {
        return step(id, p, "assessment", model, redirect, errors -> {
            LocalDate on = date(p.get("assessedOn"), "assessedOn", true, errors);
            Set<Need> needs = EnumSet.noneOf(Need.class);
            for (String n : need == null ? List.<String>of() : need) {
                Need parsed = parse(n, Need::valueOf, "needs", errors);
                if (parsed != null) {
                    needs.add(parsed);
                }
            }
            if (needs.isEmpty()) {
                errors.add(new FieldProblem("needs", "case.error.needs", List.of()));
            }
            invalidIf(errors);
            cases.assess(id, version(p), new Cases.Assessment(on, p.get("assessedBy"), needs, p.get("familySituation"), p.get("goals"), p.get("risks")));
            return "case.flash.assessed";
        });
    }

    @PostMapping("/cases/{id}/care-plan")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String plan(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "plan", model, redirect, errors -> {
            Cases.CaseView v = cases.read(id, "SCREEN");
            List<Cases.InterventionData> items = new ArrayList<>();
            List<Long> edited = new ArrayList<>();
            if (v.carePlan() != null) {
                for (Cases.Intervention i : v.carePlan().interventions()) {
                    if (p.get("remove-" + i.id()) != null) {
                        continue;
                    }
                    String k = "i-" + i.id() + "-";
                    if (p.get(k + "edit") != null) {
                        // the intervention as edited on the form; its problems are named i-{id}-field
                        List<FieldProblem> own = new ArrayList<>();
                        Need type = parse(p.get(k + "serviceType"), Need::valueOf, k + "serviceType", own);
                        LocalDate target = date(p.get(k + "targetDate"), k + "targetDate", true, own);
                        Monitoring m = parse(p.get(k + "monitoring"), Monitoring::valueOf, k + "monitoring", own);
                        errors.addAll(own);
                        items.add(new Cases.InterventionData(i.id(), type == null ? i.serviceType() : type,
                                p.get(k + "providerCode") == null || p.get(k + "providerCode").isBlank() ? null : p.get(k + "providerCode"),
                                p.get(k + "goal"), p.get(k + "responsible"), target == null ? i.targetDate() : target,
                                m == null ? i.monitoring() : m, p.get("carriedOut-" + i.id()) != null));
                        edited.add(i.id());
                    } else {
                        items.add(new Cases.InterventionData(i.id(), i.serviceType(), i.providerCode(), i.goal(), i.responsible(), i.targetDate(),
                                i.monitoring(), p.get("carriedOut-" + i.id()) != null));
                        edited.add(i.id());
                    }
                }
            }
            boolean adding = p.get("serviceType") != null && !p.get("serviceType").isBlank();
            if (adding || items.isEmpty()) {
                int n = items.size();
                Need type = parse(p.get("serviceType"), Need::valueOf, "interventions[" + n + "].serviceType", errors);
                LocalDate target = date(p.get("targetDate"), "interventions[" + n + "].targetDate", true, errors);
                Monitoring m = parse(p.get("monitoring"), Monitoring::valueOf, "interventions[" + n + "].monitoring", errors);
                items.add(new Cases.InterventionData(null, type, p.get("providerCode"), p.get("goal"), p.get("responsible"), target,
                        m == null ? Monitoring.MONTHLY : m, false));
                if (type == null || m == null) {
                    invalidIf(errors);
                }
            }
            invalidIf(errors);
            try {
                cases.plan(id, version(p), new Cases.PlanData(p.get("planGoals"), items));
            } catch (FindingRejectedException e) {
                // a problem of an intervention already on the plan belongs under its own fields
                throw new FindingRejectedException(e.reason(), e.problems().stream().map(f -> {
                    java.util.regex.Matcher at = java.util.regex.Pattern.compile("^interventions\\[(\\d+)]\\.(.+)$").matcher(f.field());
                    if (at.matches() && Integer.parseInt(at.group(1)) < edited.size()) {
                        return new FieldProblem("i-" + edited.get(Integer.parseInt(at.group(1))) + "-" + at.group(2), f.messageKey(), f.args());
                    }
                    return f;
                }).toList());
            }
            return "case.flash.planSaved";
        });
    }

    @PostMapping("/cases/{id}/care-plan/approval")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String approval(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "approval", model, redirect, errors -> {
            cases.decidePlan(id, version(p), p.get("decision"), p.get("comment"));
            return "APPROVE".equals(p.get("decision")) ? "case.flash.approved" : "case.flash.returned";
        });
    }

    @PostMapping("/cases/{id}/referrals")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String refer(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "referral", model, redirect, errors -> {
            Long intervention = parse(p.get("interventionId"), Long::valueOf, "interventionId", errors);
            invalidIf(errors);
            cases.refer(id, version(p), new Cases.ReferralData(p.get("providerCode"), intervention, p.get("notes"), p.get("consentOverrideReason")));
            return "case.flash.referred";
        });
    }

    @PostMapping("/cases/{id}/follow-ups")
    @PreAuthorize("hasAnyRole('AREA_WORKER', 'TEACHER', 'PROVINCE', 'ADMIN')")
    String followUp(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "followUp", model, redirect, errors -> {
            LocalDate due = date(p.get("dueOn"), "dueOn", true, errors);
            LocalDate done = date(p.get("doneOn"), "doneOn", false, errors);
            LocalDate next = date(p.get("nextDueOn"), "nextDueOn", false, errors);
            Boolean seen = p.get("seen") == null || p.get("seen").isBlank() ? null : Boolean.valueOf(p.get("seen"));
            invalidIf(errors);
            cases.followUp(id, version(p), new Cases.FollowUpData(due, done, seen, p.get("notSeenReason"), p.get("action"),
                    p.get("anotherVisitNeeded") != null, next, p.get("recommendClosure") != null, null));
            return "case.flash.followUp";
        });
    }

    @PostMapping("/cases/{id}/closure")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String close(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "closure", model, redirect, errors -> {
            CaseOutcome outcome = parse(p.get("outcome"), CaseOutcome::valueOf, "outcome", errors);
            LocalDate on = date(p.get("closedOn"), "closedOn", true, errors);
            invalidIf(errors);
            cases.close(id, version(p), outcome, on, p.get("note"));
            return "case.flash.closed";
        });
    }

    @PostMapping("/cases/{id}/reopen")
    @PreAuthorize("hasAnyRole('PROVINCE', 'ADMIN')")
    String reopen(@PathVariable long id, @RequestParam Map<String, String> p, Model model, RedirectAttributes redirect) {
        return step(id, p, "reopen", model, redirect, errors -> {
            cases.reopen(id, version(p), p.get("reason"));
            return "case.flash.reopened";
        });
    }

    /** A referral's move from the provider's inbox or the case page; back to where it came from with a message. */
    @PostMapping("/referrals/{id}/{move}")
    @PreAuthorize("hasAnyRole('PROVIDER', 'PROVINCE', 'ADMIN')")
    String move(@PathVariable long id, @PathVariable String move, @RequestParam Map<String, String> p, RedirectAttributes redirect) {
        Long version = version(p);
        String back = "inbox".equals(p.get("from")) ? "redirect:/out-of-school/referrals" : null;
        long caseId;
        try {
            caseId = cases.referral(id).caseId();
            switch (move) {
                case "accept" -> cases.accept(id, version);
                case "decline" -> cases.decline(id, version, p.get("reason"));
                case "done" -> {
                    List<FieldProblem> errors = new ArrayList<>();
                    UnsuccessfulReason reason = p.get("reason") == null || p.get("reason").isBlank() ? null
                            : parse(p.get("reason"), UnsuccessfulReason::valueOf, "reason", errors);
                    invalidIf(errors);
                    cases.done(id, version, p.get("successful") == null ? null : Boolean.valueOf(p.get("successful")), reason,
                            p.get("servicesDelivered"), null);
                }
                case "revoke" -> cases.revoke(id, version, p.get("reason"));
                default -> throw new org.eduequity.shared.web.NotFoundException("move " + move);
            }
            redirect.addFlashAttribute("flashSuccess", "case.flash.referral." + move);
        } catch (FindingRejectedException e) {
            redirect.addFlashAttribute("flashErrorText", text(e.problems().get(0)));
            return back != null ? back : "redirect:/out-of-school/referrals";
        }
        if (back != null || currentUser.require().hasRole("PROVIDER") && !cases.referral(id).status().live()) {
            return "redirect:/out-of-school/referrals";
        }
        return "redirect:/out-of-school/cases/" + caseId;
    }

    // ------------------------------------------------------------------------------------------- helpers

    interface Step {
        String run(List<FieldProblem> errors);
    }

    private String step(long id, Map<String, String> p, String formName, Model model, RedirectAttributes redirect, Step step) {
        List<FieldProblem> errors = new ArrayList<>();
        try {
            String flash = step.run(errors);
            redirect.addFlashAttribute("flashSuccess", flash);
            return "redirect:/out-of-school/cases/" + id;
        } catch (FindingRejectedException e) {
            if (e.reason() == FindingRejectedException.Reason.FORBIDDEN) {
                throw new org.springframework.security.access.AccessDeniedException(e.getMessage());
            }
            Map<String, String> byField = new LinkedHashMap<>();
            for (FieldProblem f : e.problems()) {
                String field = f.field().replaceAll("^interventions\\[\\d+]\\.", "").replace("consent.", "");
                byField.putIfAbsent(field, messages.getMessage(f.messageKey(), f.args().toArray(), f.messageKey(), LocaleContextHolder.getLocale()));
            }
            if (e.reason() == FindingRejectedException.Reason.CONFLICT) {
                model.addAttribute("flashErrorText", text(e.problems().get(0)));
            }
            return page(id, model, byField, p, formName);
        }
    }

    private String text(FieldProblem f) {
        return messages.getMessage(f.messageKey(), f.args().toArray(), f.messageKey(), LocaleContextHolder.getLocale());
    }

    private static void invalidIf(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, errors);
        }
    }

    private static Long version(Map<String, String> p) {
        try {
            return p.get("version") == null || p.get("version").isBlank() ? null : Long.valueOf(p.get("version"));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static <T> T parse(String value, Function<String, T> parser, String field, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldProblem(field, "finding.error.required", List.of()));
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem(field, "case.error.choice", List.of()));
            return null;
        }
    }

    private static LocalDate date(String value, String field, boolean required, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldProblem(field, "finding.error.required", List.of()));
            }
            return null;
        }
        try {
            return BuddhistDate.parse(value);
        } catch (InvalidValueException e) {
            errors.add(new FieldProblem(field, e.messageKey(), List.of()));
            return null;
        }
    }

    private static Set<ConsentScope> scopes(List<String> values) {
        Set<ConsentScope> out = EnumSet.noneOf(ConsentScope.class);
        for (String v : values == null ? List.<String>of() : values) {
            try {
                out.add(ConsentScope.valueOf(v));
            } catch (IllegalArgumentException e) {
                // an unknown scope is not recorded
            }
        }
        return out;
    }
}
