package org.eduequity.audit.web;

import org.eduequity.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The newest audit entries for administrators, filtered by actor or record type. */
@Controller
class AuditLogController {

    private final AuditLog audit;

    AuditLogController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasRole('ADMIN')")
    String log(@RequestParam(required = false) String actor, @RequestParam(required = false) String type, Model model) {
        model.addAttribute("entries", audit.latest(blankToNull(actor), blankToNull(type), 200));
        model.addAttribute("actor", actor);
        model.addAttribute("type", type);
        return "audit/log";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
