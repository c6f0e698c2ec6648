package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A student's risk screening for a term: the level, each area's level, the codes of the rules that decided them
 * ({@link CareSql#RULES}) and every input the evaluation used. {@code id} is null for an evaluation that was not
 * stored (a student without a current result, evaluated to be shown).
 */
public record RiskResult(Long id, long childId, String term, long ruleSetId, String ruleSetCode, String ruleSetVersion, RiskLevel level,
                         Map<CareArea, RiskLevel> areas, List<String> fired, Inputs inputs, Instant computedAt) {

    /** What the evaluation read. Null where the input is missing. */
    public record Inputs(BigDecimal gpa, Integer failedSubjects, String nutrition, Boolean chronicIllness, Integer schoolDays,
                         Integer daysAbsent, Long sdqId, String sdqForm, Integer sdqTotal, String sdqBand, Map<String, Integer> sdqSubscales,
                         int ebConcern, int ebSerious, int protectionConcern, int protectionSerious, Long visitId, Boolean singleParent,
                         Boolean noParents, String poverty) {
    }

    /** The rules that fired in this area. */
    public List<String> firedIn(CareArea area) {
        return fired.stream().filter(f -> f.startsWith(area.name() + ".")).toList();
    }

    /** The areas whose inputs are all missing. */
    public List<CareArea> unknownAreas() {
        return areas.entrySet().stream().filter(e -> e.getValue() == RiskLevel.UNKNOWN).map(Map.Entry::getKey).toList();
    }
}
