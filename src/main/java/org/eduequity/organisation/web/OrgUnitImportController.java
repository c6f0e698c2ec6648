package org.eduequity.organisation.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.eduequity.organisation.Affiliation;
import org.eduequity.organisation.OrgUnitImport;
import org.eduequity.organisation.OrgUnitImport.Applied;
import org.eduequity.organisation.OrgUnitImport.Preview;
import org.eduequity.organisation.OrgUnitImport.Row;
import org.eduequity.organisation.OrgUnitManagement.Problem;
import org.eduequity.organisation.OrgUnitType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * CSV import of organisation units: upload, a preview of every row with its problems (nothing written), then
 * apply, which writes all rows in one transaction. See {@link OrgUnitImport} for the rules.
 */
@Controller
@RequestMapping("/admin/org-units/import")
class OrgUnitImportController {

    /** The preview table shows at most this many rows (rows with errors first when there are any). */
    static final int SHOWN_ROWS = 500;

    private final OrgUnitImport imports;

    OrgUnitImportController(OrgUnitImport imports) {
        this.imports = imports;
    }

    @GetMapping
    String uploadForm(Model model) {
        return uploadView(model, null);
    }

    @PostMapping("/preview")
    String preview(@RequestParam(name = "file", required = false) MultipartFile file, Model model) {
        if (file == null || file.isEmpty()) {
            return uploadView(model, new Problem("file", "orgUnit.import.error.noFile"));
        }
        String name = file.getOriginalFilename();
        if (name == null || !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return uploadView(model, new Problem("file", "orgUnit.import.error.notCsv"));
        }
        if (file.getSize() > OrgUnitImport.MAX_BYTES) {
            return uploadView(model, new Problem("file", "orgUnit.import.error.tooLarge",
                    List.of(OrgUnitImport.MAX_BYTES / (1024 * 1024))));
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
            redirect.addFlashAttribute("flashError", "orgUnit.import.expired");
            return "redirect:/admin/org-units/import";
        }
        Applied applied = imports.apply(id);
        switch (applied.outcome()) {
            case APPLIED:
                redirect.addFlashAttribute("flashSuccess", "orgUnit.import.applied");
                redirect.addFlashAttribute("importCreated", applied.created());
                redirect.addFlashAttribute("importUpdated", applied.updated());
                return "redirect:/admin/org-units";
            case ALREADY_APPLIED:
                redirect.addFlashAttribute("flashError", "orgUnit.import.alreadyApplied");
                return "redirect:/admin/org-units";
            case INVALID:
                model.addAttribute("changed", true);
                return previewView(model, applied.preview());
            case NOT_FOUND:
            default:
                redirect.addFlashAttribute("flashError", "orgUnit.import.expired");
                return "redirect:/admin/org-units/import";
        }
    }

    private String uploadView(Model model, Problem fileProblem) {
        model.addAttribute("fileProblem", fileProblem);
        model.addAttribute("header", String.join(",", OrgUnitImport.HEADER));
        model.addAttribute("types", OrgUnitType.values());
        model.addAttribute("affiliations", Affiliation.values());
        model.addAttribute("typeColumn", OrgUnitImport.HEADER.get(3));
        model.addAttribute("affiliationColumn", OrgUnitImport.HEADER.get(4));
        model.addAttribute("maxRows", OrgUnitImport.MAX_ROWS);
        model.addAttribute("maxMegabytes", OrgUnitImport.MAX_BYTES / (1024 * 1024));
        return "organisation/import";
    }

    private String previewView(Model model, Preview preview) {
        List<PreviewRow> shown = new ArrayList<>();
        for (Row row : preview.rows()) {
            if (shown.size() >= SHOWN_ROWS) {
                break;
            }
            if (preview.errors() == 0 || row.status() == OrgUnitImport.RowStatus.ERROR) {
                shown.add(PreviewRow.of(row));
            }
        }
        model.addAttribute("preview", preview);
        model.addAttribute("shown", shown);
        return "organisation/import-preview";
    }

    /** A row as the preview table shows it: always the six columns of the header. */
    record PreviewRow(int line, List<String> cells, OrgUnitImport.RowStatus status, List<Problem> problems) {
        static PreviewRow of(Row row) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < OrgUnitImport.HEADER.size(); i++) {
                cells.add(i < row.values().size() ? row.values().get(i) : "");
            }
            return new PreviewRow(row.line(), cells, row.status(), row.problems());
        }
    }
}
