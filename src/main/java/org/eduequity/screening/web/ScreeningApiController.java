package org.eduequity.screening.web;

import java.util.Map;

import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningJson;
import org.eduequity.shared.CurrentArea;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Screening results over the API (survey-format.md). */
@RestController
@RequestMapping("/api/v1")
class ScreeningApiController {

    private final Screening screening;
    private final JdbcTemplate jdbc;
    private final CurrentArea area;

    ScreeningApiController(Screening screening, JdbcTemplate jdbc, CurrentArea area) {
        this.screening = screening;
        this.jdbc = jdbc;
        this.area = area;
    }

    /** The student's current screening result for a term, for users whose area covers the child. */
    @GetMapping("/children/{nationalId}/screening")
    Map<String, Object> current(@PathVariable String nationalId, @RequestParam String term) {
        NationalId id = NationalId.of(nationalId);
        String theTerm = Term.parse(term).toString();
        Map<String, Object> child = jdbc.queryForList("SELECT id, org_unit_id, province_code FROM child WHERE national_id = ?", id.value())
                .stream().findFirst().orElseThrow(() -> new NotFoundException("child " + id.value()));
        area.requireOrgUnit(((Number) child.get("org_unit_id")).longValue(), (String) child.get("province_code"));
        return screening.currentOfChild(((Number) child.get("id")).longValue(), theTerm)
                .map(r -> ScreeningJson.of(id.value(), r))
                .orElseThrow(() -> new NotFoundException("screening of " + id.value() + " in " + theTerm));
    }
}
