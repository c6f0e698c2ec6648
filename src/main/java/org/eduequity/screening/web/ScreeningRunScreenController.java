package org.eduequity.screening.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.eduequity.geography.Geography;
import org.eduequity.screening.Classification;
import org.eduequity.screening.RuleSet;
import org.eduequity.screening.RuleSets;
import org.eduequity.screening.ScreeningRefusedException;
import org.eduequity.screening.ScreeningRun;
import org.eduequity.screening.ScreeningRuns;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The fund office's screens for re-screening runs and what-if simulations: start one, follow its progress, read
 * its counts, moves and budget, download them as CSV.
 */
@Controller
@RequestMapping("/screening")
class ScreeningRunScreenController {

    private final ScreeningRuns runs;
    private final RuleSets ruleSets;
    private final Geography geography;
    private final MessageSource messages;
    private final Clock clock;

    ScreeningRunScreenController(ScreeningRuns runs, RuleSets ruleSets, Geography geography, MessageSource messages, Clock clock) {
        this.runs = runs;
        this.ruleSets = ruleSets;
        this.geography = geography;
        this.messages = messages;
        this.clock = clock;
    }

    /** The re-screening form's fields. */
    public static class RunForm {
        private String term = "2569/1";
        private String province = "";
        private Long ruleSet;

        public String getTerm() {
            return term;
        }

        public void setTerm(String term) {
            this.term = term;
        }

        public String getProvince() {
            return province;
        }

        public void setProvince(String province) {
            this.province = province;
        }

        public Long getRuleSet() {
            return ruleSet;
        }

        public void setRuleSet(Long ruleSet) {
            this.ruleSet = ruleSet;
        }
    }

    /** The what-if form's fields. */
    public static class WhatIfForm extends RunForm {
        private Long compareRuleSet;
        private String amountPerChild = "400.00";
        private List<String> fundedClasses = new ArrayList<>();

        public Long getCompareRuleSet() {
            return compareRuleSet;
        }

        public void setCompareRuleSet(Long compareRuleSet) {
            this.compareRuleSet = compareRuleSet;
        }

        public String getAmountPerChild() {
            return amountPerChild;
        }

        public void setAmountPerChild(String amountPerChild) {
            this.amountPerChild = amountPerChild;
        }

        public List<String> getFundedClasses() {
            return fundedClasses;
        }

        public void setFundedClasses(List<String> fundedClasses) {
            this.fundedClasses = fundedClasses == null ? new ArrayList<>() : fundedClasses;
        }
    }

    @GetMapping("/runs")
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    String list(Model model) {
        RunForm form = new RunForm();
        List<RuleSet> published = ruleSets.published();
        if (!published.isEmpty()) {
            form.setRuleSet(published.get(0).id());
        }
        return listPage(model, form, Map.of());
    }

    private String listPage(Model model, RunForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("runs", runs.recent(50));
        model.addAttribute("published", ruleSets.published());
        model.addAttribute("provinces", geography.provinces());
        model.addAttribute("now", Instant.now(clock));
        return "screening/runs";
    }

    @PostMapping("/runs")
    @PreAuthorize("hasRole('FUND')")
    String start(@ModelAttribute("form") RunForm form, Model model, Locale locale) {
        try {
            ScreeningRun run = runs.startRescreen(form.getTerm(), form.getProvince(), form.getRuleSet() == null ? -1 : form.getRuleSet());
            return "redirect:/screening/runs/" + run.id();
        } catch (ScreeningRefusedException e) {
            return listPage(model, form, errors(e, locale));
        }
    }

    @GetMapping("/what-if")
    @PreAuthorize("hasRole('FUND')")
    String whatIfForm(Model model) {
        WhatIfForm form = new WhatIfForm();
        form.setFundedClasses(new ArrayList<>(List.of(Classification.EXTREMELY_POOR.name())));
        List<RuleSet> all = ruleSets.all();
        all.stream().filter(RuleSet::draft).findFirst().ifPresent(r -> form.setRuleSet(r.id()));
        ruleSets.published().stream().findFirst().ifPresent(r -> form.setCompareRuleSet(r.id()));
        return whatIfPage(model, form, Map.of());
    }

    private String whatIfPage(Model model, WhatIfForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("ruleSets", ruleSets.all().stream().filter(r -> r.status() != RuleSet.Status.RETIRED).toList());
        model.addAttribute("published", ruleSets.published());
        model.addAttribute("provinces", geography.provinces());
        model.addAttribute("classes", Classification.values());
        return "screening/what-if";
    }

    @PostMapping("/what-if")
    @PreAuthorize("hasRole('FUND')")
    String startWhatIf(@ModelAttribute("form") WhatIfForm form, Model model, Locale locale) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(form.getAmountPerChild().trim().replace(",", ""));
        } catch (RuntimeException e) {
            amount = null;
        }
        try {
            ScreeningRun run = runs.startWhatIf(form.getTerm(), form.getProvince(), form.getRuleSet() == null ? -1 : form.getRuleSet(),
                    form.getCompareRuleSet() == null ? -1 : form.getCompareRuleSet(), amount, form.getFundedClasses());
            return "redirect:/screening/runs/" + run.id();
        } catch (ScreeningRefusedException e) {
            return whatIfPage(model, form, errors(e, locale));
        }
    }

    @GetMapping("/runs/{id}")
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    String show(@PathVariable long id, Model model) {
        ScreeningRun run = runs.get(id);
        model.addAttribute("run", run);
        model.addAttribute("summary", RunSummary.of(run));
        model.addAttribute("classes", Classification.values());
        model.addAttribute("fromClasses", run.kind() == ScreeningRun.Kind.RESCREEN ? RunSummary.FROM_CLASSES : Classification.values());
        model.addAttribute("provinceNames", provinceNames());
        model.addAttribute("now", Instant.now(clock));
        return "screening/run";
    }

    /** The run's counts as CSV (UTF-8 with a BOM, so that Excel shows Thai): one row per province and pair of classes. */
    @GetMapping("/runs/{id}/counts.csv")
    @PreAuthorize("hasAnyRole('FUND', 'ADMIN')")
    void csv(@PathVariable long id, HttpServletResponse response, Locale locale) throws IOException {
        ScreeningRun run = runs.get(id);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"screening-run-" + id + ".csv\"");
        Map<String, String> names = provinceNames();
        try (Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            w.write('\uFEFF');
            w.write(String.join(",", text("runs.csv.province", locale), text("runs.csv.provinceName", locale),
                    text(run.kind() == ScreeningRun.Kind.RESCREEN ? "runs.csv.before" : "runs.csv.compare", locale),
                    text(run.kind() == ScreeningRun.Kind.RESCREEN ? "runs.csv.after" : "runs.csv.draft", locale),
                    text("runs.csv.households", locale), text("runs.csv.students", locale)));
            w.write("\r\n");
            for (ScreeningRun.Count c : run.counts()) {
                w.write(String.join(",", c.provinceCode(), quote(names.getOrDefault(c.provinceCode(), "")), c.fromClass(), c.toClass(),
                        Integer.toString(c.households()), Integer.toString(c.students())));
                w.write("\r\n");
            }
            if (run.kind() == ScreeningRun.Kind.WHAT_IF) {
                RunSummary s = RunSummary.of(run);
                w.write(String.join(",", "", quote(text("runs.csv.budget", locale)), s.budgetBefore().toPlainString(),
                        s.budgetAfter().toPlainString(), "", ""));
                w.write("\r\n");
            }
        }
    }

    private Map<String, String> provinceNames() {
        Map<String, String> names = new LinkedHashMap<>();
        geography.provinces().forEach(p -> names.put(p.code(), p.nameTh()));
        return names;
    }

    private Map<String, String> errors(ScreeningRefusedException e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(p -> errors.merge(p.field().isEmpty() ? "form" : p.field(),
                messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale), (a, b) -> a + " " + b));
        return errors;
    }

    private String text(String key, Locale locale) {
        return quote(messages.getMessage(key, null, key, locale));
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
