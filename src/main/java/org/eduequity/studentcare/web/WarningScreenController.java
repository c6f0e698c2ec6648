package org.eduequity.studentcare.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.eduequity.studentcare.CareProblem;
import org.eduequity.studentcare.CareRefusedException;
import org.eduequity.studentcare.FollowUps;
import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The early-warning screens (ADR 0009): a follow-up (the student's indicators explained, acknowledge, record an action,
 * resolve), the warnings of an area (open follow-ups by age per unit, a chart of warnings over terms, the list, CSV
 * and XLSX exports, audited) and the transfer form.
 */
@Controller
@RequestMapping("/care")
class WarningScreenController {

    private final FollowUps followUps;
    private final MessageSource messages;

    WarningScreenController(FollowUps followUps, MessageSource messages) {
        this.followUps = followUps;
        this.messages = messages;
    }

    // ----- follow-up ------------------------------------------------------------------------------------------

    @GetMapping("/follow-ups/{id}")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    String followUp(@PathVariable long id, Model model) {
        return followUpView(id, model, List.of(), null, null, null, null, null);
    }

    private String followUpView(long id, Model model, List<CareProblem> problems, String kind, String date, String note, String outcome,
                                String outcomeNote) {
        FollowUps.Detail d;
        try {
            d = followUps.detail(id);
        } catch (CareRefusedException e) {
            if (e.reason() == CareRefusedException.Reason.NOT_FOUND) {
                throw new org.eduequity.shared.web.NotFoundException("follow-up " + id);
            }
            throw new AccessDeniedException("follow-up outside the caller's area");
        }
        model.addAttribute("d", d);
        model.addAttribute("f", d.followUp());
        model.addAttribute("actions", FollowUps.ACTIONS);
        model.addAttribute("outcomes", FollowUps.OUTCOMES);
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        model.addAttribute("kind", kind);
        model.addAttribute("date", date == null ? org.eduequity.shared.BuddhistDate.formatShort(java.time.LocalDate.now(
                java.time.ZoneId.of("Asia/Bangkok"))) : date);
        model.addAttribute("note", note);
        model.addAttribute("outcome", outcome);
        model.addAttribute("outcomeNote", outcomeNote);
        return "care/follow-up";
    }

    @PostMapping("/follow-ups/{id}/acknowledge")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String acknowledge(@PathVariable long id, @RequestParam(defaultValue = "-1") long version, Model model, RedirectAttributes redirect) {
        try {
            followUps.acknowledge(id, version);
            redirect.addFlashAttribute("flashSuccess", "care.followUp.acknowledged");
        } catch (CareRefusedException e) {
            return refused(id, e, model, null, null, null, null, null);
        }
        return "redirect:/care/follow-ups/" + id;
    }

    @PostMapping("/follow-ups/{id}/actions")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String action(@PathVariable long id, @RequestParam(defaultValue = "-1") long version, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) String date, @RequestParam(required = false) String note, Model model,
                  RedirectAttributes redirect) {
        try {
            followUps.addAction(id, version, new FollowUps.ActionEntry(kind, date, note));
            redirect.addFlashAttribute("flashSuccess", "care.followUp.actionSaved");
        } catch (CareRefusedException e) {
            return refused(id, e, model, kind, date, note, null, null);
        }
        return "redirect:/care/follow-ups/" + id;
    }

    @PostMapping("/follow-ups/{id}/resolve")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String resolve(@PathVariable long id, @RequestParam(defaultValue = "-1") long version, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) String outcomeNote, Model model, RedirectAttributes redirect) {
        try {
            followUps.resolve(id, version, outcome, outcomeNote);
            redirect.addFlashAttribute("flashSuccess", "care.followUp.resolved");
        } catch (CareRefusedException e) {
            return refused(id, e, model, null, null, null, outcome, outcomeNote);
        }
        return "redirect:/care/follow-ups/" + id;
    }

    private String refused(long id, CareRefusedException e, Model model, String kind, String date, String note, String outcome, String outcomeNote) {
        if (e.reason() == CareRefusedException.Reason.FORBIDDEN) {
            throw new AccessDeniedException("follow-up outside the caller's area");
        }
        if (e.reason() == CareRefusedException.Reason.NOT_FOUND) {
            throw new org.eduequity.shared.web.NotFoundException("follow-up " + id);
        }
        return followUpView(id, model, e.problems(), kind, date, note, outcome, outcomeNote);
    }

    // ----- warnings of an area ----------------------------------------------------------------------------------

    @GetMapping("/warnings")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    String warnings(@RequestParam(required = false) String term, @RequestParam(required = false) String orgUnitCode,
                    @RequestParam(required = false) String level, Model model) {
        String t = term == null || term.isBlank() ? followUps.currentTerm() : term.strip();
        model.addAttribute("term", t);
        model.addAttribute("orgUnitCode", orgUnitCode);
        model.addAttribute("level", level);
        model.addAttribute("canWrite", org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                .getAuthorities().stream().anyMatch(a -> List.of("ROLE_TEACHER", "ROLE_PROVINCE", "ROLE_ADMIN").contains(a.getAuthority())));
        List<FollowUps.Warning> list = List.of();
        List<CareProblem> problems = new ArrayList<>();
        try {
            list = followUps.warnings(t, orgUnitCode, level);
        } catch (CareRefusedException e) {
            problems.addAll(e.problems());
        }
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        model.addAttribute("warnings", list);
        model.addAttribute("byAge", followUps.openByAge(problems.isEmpty() ? t : null));
        List<FollowUps.TermCount> perTerm = followUps.perTerm(problems.isEmpty() ? orgUnitCode : null);
        model.addAttribute("perTerm", perTerm);
        model.addAttribute("largest", Math.max(1, perTerm.stream().mapToLong(c -> c.watch() + c.alert()).max().orElse(1)));
        return "care/warnings";
    }

    private List<String> headers(Locale locale) {
        return List.of("nationalId", "name", "orgUnitCode", "term", "level", "indicators", "attendanceRate", "absenceStreak", "previousGrade",
                "transition", "followUpStatus", "followUpAgeDays", "escalation").stream()
                .map(h -> messages.getMessage("care.warnings.export." + h, null, h, locale)).toList();
    }

    private static List<String> fields(FollowUps.Warning w) {
        FollowUps.FollowUp f = w.followUp();
        return List.of(w.nationalId(), w.name(), w.orgUnitCode(), w.term(), w.level(),
                String.join(" ", w.indicators().stream().map(i -> i.code() + ":" + i.level()).toList()),
                w.attendanceRate() == null ? "" : w.attendanceRate().toPlainString(), String.valueOf(w.absenceStreak()),
                w.previousGrade() == null ? "" : w.previousGrade(), String.valueOf(w.transition()), f == null ? "" : f.status(),
                f == null ? "" : String.valueOf(f.ageDays()), f == null ? "" : f.escalation());
    }

    private static String csvField(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** The warnings as CSV (UTF-8 with a BOM so Excel shows Thai); the export is audited. */
    @GetMapping("/warnings/export.csv")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    void csv(@RequestParam(required = false) String term, @RequestParam(required = false) String orgUnitCode,
             @RequestParam(required = false) String level, HttpServletResponse response) throws IOException {
        List<FollowUps.Warning> list = followUps.warnings(term, orgUnitCode, level);
        String t = list.isEmpty() ? (term == null ? followUps.currentTerm() : term) : list.get(0).term();
        followUps.auditExport("CSV", t, list.size());
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"early-warnings-" + t.replace('/', '-') + ".csv\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", headers(LocaleContextHolder.getLocale()).stream().map(WarningScreenController::csvField).toList()) + "\r\n");
        for (FollowUps.Warning x : list) {
            w.write(String.join(",", fields(x).stream().map(WarningScreenController::csvField).toList()) + "\r\n");
        }
        w.flush();
    }

    /** The warnings as XLSX (SXSSF); the export is audited. */
    @GetMapping("/warnings/export.xlsx")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'FUND', 'ADMIN')")
    void xlsx(@RequestParam(required = false) String term, @RequestParam(required = false) String orgUnitCode,
              @RequestParam(required = false) String level, HttpServletResponse response) throws IOException {
        List<FollowUps.Warning> list = followUps.warnings(term, orgUnitCode, level);
        String t = list.isEmpty() ? (term == null ? followUps.currentTerm() : term) : list.get(0).term();
        followUps.auditExport("XLSX", t, list.size());
        Locale locale = LocaleContextHolder.getLocale();
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"early-warnings-" + t.replace('/', '-') + ".xlsx\"");
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            Sheet sheet = book.createSheet(messages.getMessage("care.warnings.title", null, locale).replaceAll("[\\\\/?*\\[\\]:]", " "));
            CellStyle bold = book.createCellStyle();
            org.apache.poi.ss.usermodel.Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row head = sheet.createRow(0);
            List<String> headers = headers(locale);
            for (int i = 0; i < headers.size(); i++) {
                Cell cell = head.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
            }
            int r = 1;
            for (FollowUps.Warning x : list) {
                Row row = sheet.createRow(r++);
                List<String> values = fields(x);
                for (int i = 0; i < values.size(); i++) {
                    if ((i == 6 || i == 7 || i == 11) && !values.get(i).isEmpty()) {
                        row.createCell(i).setCellValue(Double.parseDouble(values.get(i)));
                    } else {
                        row.createCell(i).setCellValue(values.get(i));
                    }
                }
            }
            book.write(response.getOutputStream());
            book.dispose();
        }
    }

    // ----- transfers -----------------------------------------------------------------------------------------------

    @GetMapping("/transfers/new")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String transferForm(@RequestParam(required = false) String nationalId, Model model) {
        return transferView(model, nationalId, null, null, null, List.of());
    }

    private String transferView(Model model, String nationalId, String date, String destination, String note, List<CareProblem> problems) {
        model.addAttribute("nationalId", nationalId);
        model.addAttribute("date", date);
        model.addAttribute("destination", destination);
        model.addAttribute("note", note);
        model.addAttribute("problems", problems);
        model.addAttribute("problemFields", problems.stream().map(CareProblem::field).toList());
        return "care/transfer";
    }

    @PostMapping("/transfers")
    @PreAuthorize("hasAnyRole('TEACHER', 'PROVINCE', 'ADMIN')")
    String transfer(@RequestParam(required = false) String nationalId, @RequestParam(required = false) String date,
                    @RequestParam(required = false) String destination, @RequestParam(required = false) String note, Model model,
                    RedirectAttributes redirect) {
        try {
            followUps.recordTransfer(new FollowUps.TransferEntry(nationalId, date, destination, note));
        } catch (CareRefusedException e) {
            return transferView(model, nationalId, date, destination, note, e.problems());
        }
        redirect.addFlashAttribute("flashSuccess", "care.transfer.saved");
        return "redirect:/care/warnings";
    }
}
