package org.eduequity.screening.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.eduequity.shared.CurrentArea;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The screened list's old address: the list of a province and term, with its filters, counts and paging, is the
 * provincial review's list now ({@code /review}, review module), which adds the review status and evidence. Links and
 * bookmarks to {@code /screening/list} are sent there with their filters; a province user asking for another
 * province is refused here already.
 */
@Controller
class ScreenedListController {

    private static final Pattern PROVINCE = Pattern.compile("[0-9]{2}");

    private final CurrentArea area;

    ScreenedListController(CurrentArea area) {
        this.area = area;
    }

    @GetMapping("/screening/list")
    @PreAuthorize("hasAnyRole('PROVINCE', 'FUND', 'ADMIN')")
    String list(@RequestParam(name = "province", required = false) String province, HttpServletRequest request) {
        if (province != null && PROVINCE.matcher(province.strip()).matches()) {
            area.requireProvince(province.strip());
        }
        String query = request.getQueryString();
        return "redirect:/review" + (query == null || query.isBlank() ? "" : "?" + query);
    }
}
