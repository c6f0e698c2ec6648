package org.eduequity.survey.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.shared.CurrentArea;
import org.eduequity.survey.GradeLevel;
import org.eduequity.survey.RosterImport;
import org.eduequity.survey.RosterImport.Applied;
import org.eduequity.survey.RosterImport.Preview;
import org.eduequity.survey.RosterImport.Problem;
import org.eduequity.survey.RosterImport.Row;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import of a roster (children on units' rolls) for teachers (their own units) and administrators (any unit):
 * upload, a preview of every row with its problems (nothing written), then apply, which writes all rows in one
 * transaction. See {@link RosterImport} for the rules.
 */
@Controller
@RequestMapping("/roster/import")
@PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
class RosterImportController {

    /** The preview table shows at most this many rows (rows with errors only, when there are any). */
    static final int SHOWN_ROWS = 500;

    private final RosterImport imports;
    private final OrgUnits orgUnits;
    private final CurrentArea area;

    RosterImportController(RosterImport imports, OrgUnits orgUnits, CurrentArea area) {
        this.imports = imports;
        this.orgUnits = orgUnits;
        this.area = area;
    }

    @GetMapping
    String uploadForm(Model model) {
        return uploadView(model, null);
    }

    @PostMapping("/preview")
    String preview(@RequestParam(name = "file", required = false) MultipartFile file, Model model) {
        if (file == null || file.isEmpty()) {
            return uploadView(model, new Problem("file", "roster.import.error.noFile"));
        }
        String name = file.getOriginalFilename();
        if (name == null || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return uploadView(model, new Problem("file", "roster.import.error.notCsv"));
        }
        if (file.getSize() > RosterImport.MAX_BYTES) {
            return uploadView(model, new Problem("file", "roster.import.error.tooLarge", List.of(RosterImport.MAX_BYTES / (1024 * 1024))));
        }
        Preview preview;
        try {
            preview = imports.preview(file.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (preview.fileProblem() != null) {
            return uploadView(model, preview.fileProblem());
        }
        model.addAttribute("fileName", name);
        return previewView(model, preview);
    }

    @PostMapping("/apply")
    String apply(@RequestParam String token, Model model, RedirectAttributes redirect) {
        UUID id;
        try {
            id = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("flashError", "roster.import.expired");
            return "redirect:/roster/import";
        }
        Applied applied = imports.apply(id);
        switch (applied.outcome()) {
            case APPLIED:
                redirect.addFlashAttribute("flashSuccess", "roster.import.applied");
                redirect.addFlashAttribute("importCreated", applied.created());
                redirect.addFlashAttribute("importUpdated", applied.updated());
                redirect.addFlashAttribute("importUnchanged", applied.unchanged());
                return "redirect:/roster/import";
            case ALREADY_APPLIED:
                redirect.addFlashAttribute("flashError", "roster.import.alreadyApplied");
                return "redirect:/roster/import";
            case INVALID:
                model.addAttribute("changed", true);
                return previewView(model, applied.preview());
            case NOT_FOUND:
            default:
                redirect.addFlashAttribute("flashError", "roster.import.expired");
                return "redirect:/roster/import";
        }
    }

    private String uploadView(Model model, Problem fileProblem) {
        model.addAttribute("fileProblem", fileProblem);
        model.addAttribute("header", String.join(",", RosterImport.HEADER));
        model.addAttribute("grades", GradeLevel.values());
        model.addAttribute("maxRows", RosterImport.MAX_ROWS);
        model.addAttribute("maxMegabytes", RosterImport.MAX_BYTES / (1024 * 1024));
        AreaScope scope = area.scope();
        List<OrgUnit> units = scope instanceof AreaScope.OrgUnits own ? orgUnits.byIds(own.ids()) : List.of();
        model.addAttribute("units", units);
        model.addAttribute("anyUnit", scope instanceof AreaScope.National);
        return "survey/roster-import";
    }

    private String previewView(Model model, Preview preview) {
        List<PreviewRow> shown = new ArrayList<>();
        for (Row row : preview.rows()) {
            if (shown.size() >= SHOWN_ROWS) {
                break;
            }
            if (preview.errors() == 0 || row.status() == RosterImport.RowStatus.ERROR) {
                shown.add(PreviewRow.of(row));
            }
        }
        model.addAttribute("preview", preview);
        model.addAttribute("shown", shown);
        return "survey/roster-import-preview";
    }

    /** A row as the preview table shows it: always the eight columns of the header. */
    record PreviewRow(int line, List<String> cells, RosterImport.RowStatus status, List<Problem> problems) {
        static PreviewRow of(Row row) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < RosterImport.HEADER.size(); i++) {
                cells.add(i < row.values().size() ? row.values().get(i) : "");
            }
            return new PreviewRow(row.line(), cells, row.status(), row.problems());
        }
    }
}
