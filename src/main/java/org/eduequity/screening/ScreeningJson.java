package org.eduequity.screening;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** A screening result in the JSON form of survey-format.md, for one student of the screened household. */
public final class ScreeningJson {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private ScreeningJson() {
    }

    public static Map<String, Object> of(String nationalId, ScreeningResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nationalId", nationalId);
        json.put("term", r.term());
        json.put("classification", r.classification().name());
        json.put("perCapitaIncome", r.perCapitaIncome() == null ? null : r.perCapitaIncome().toPlainString());
        json.put("hardshipScore", r.hardshipScore());
        json.put("dependants", r.dependants());
        Map<String, Integer> areas = new LinkedHashMap<>();
        if (r.areas() != null) {
            r.areas().forEach((area, points) -> areas.put(area.name(), points));
        }
        json.put("areas", r.areas() == null ? null : areas);
        if (!r.missing().isEmpty()) {
            json.put("missing", r.missing());
        }
        json.put("ruleSet", Map.of("code", r.ruleSetCode(), "version", r.ruleSetVersion()));
        json.put("computedAt", r.computedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(BANGKOK).toOffsetDateTime().toString());
        return json;
    }
}
