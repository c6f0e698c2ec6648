package org.eduequity.studentcare;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A risk result explained area by area in the reader's language (messages_th / messages_en): each area's level, the
 * inputs it was screened on (a missing one said to be missing) and the rules that decided its level, with the rule
 * set's numbers.
 */
@Component
public class CareExplanations {

    private final MessageSource messages;
    private final CareRuleSets ruleSets;

    CareExplanations(MessageSource messages, CareRuleSets ruleSets) {
        this.messages = messages;
        this.ruleSets = ruleSets;
    }

    /** One input as shown: its label and value. */
    public record Input(String label, String value) {
    }

    /** One area explained. */
    public record AreaExplanation(CareArea area, RiskLevel level, String label, String levelLabel, List<Input> inputs, List<String> rules) {
    }

    public List<AreaExplanation> explain(RiskResult r, Locale locale) {
        CareParameters p = ruleSets.get(r.ruleSetId()).parameters();
        RiskResult.Inputs in = r.inputs();
        List<AreaExplanation> areas = new ArrayList<>();
        for (CareArea area : CareArea.values()) {
            List<Input> inputs = new ArrayList<>();
            switch (area) {
                case LEARNING -> {
                    inputs.add(input("care.input.gpa", in.gpa() == null ? null : in.gpa().toPlainString(), locale));
                    inputs.add(input("care.input.failedSubjects", in.failedSubjects(), locale));
                }
                case HEALTH -> {
                    inputs.add(input("care.input.nutrition", in.nutrition() == null ? null : msg("care.nutrition." + in.nutrition(), locale), locale));
                    inputs.add(input("care.input.chronicIllness", yesNo(in.chronicIllness(), locale), locale));
                    inputs.add(input("care.input.attendance", in.schoolDays() == null ? null
                            : msg("care.input.attendanceValue", locale, rate(in.schoolDays(), in.daysAbsent()), in.schoolDays(), in.daysAbsent()), locale));
                }
                case EMOTIONAL_BEHAVIOUR -> {
                    inputs.add(input("care.input.sdq", in.sdqForm() == null ? null : in.sdqTotal() == null
                            ? msg("care.input.sdqIncomplete", locale, msg("care.sdq.form." + in.sdqForm(), locale))
                            : msg("care.input.sdqValue", locale, msg("care.sdq.form." + in.sdqForm(), locale), in.sdqTotal(),
                                    msg("care.level." + in.sdqBand(), locale)), locale));
                    inputs.add(input("care.input.incidents", msg("care.input.incidentsValue", locale, in.ebConcern(), in.ebSerious()), locale));
                }
                case FAMILY_ECONOMY -> {
                    inputs.add(input("care.input.visit", in.visitId() == null ? null : msg("care.input.visitValue", locale, in.visitId()), locale));
                    inputs.add(input("care.input.poverty", in.visitId() == null ? null
                            : in.poverty() == null ? msg("care.input.noPovertyResult", locale) : msg("care.poverty." + in.poverty(), locale), locale));
                    inputs.add(input("care.input.singleParent", in.visitId() == null ? null : yesNo(in.singleParent(), locale), locale));
                    inputs.add(input("care.input.noParents", in.visitId() == null ? null : yesNo(in.noParents(), locale), locale));
                }
                case PROTECTION -> inputs.add(input("care.input.incidents",
                        msg("care.input.incidentsValue", locale, in.protectionConcern(), in.protectionSerious()), locale));
                default -> throw new IllegalStateException();
            }
            List<String> rules = new ArrayList<>();
            for (String code : r.firedIn(area)) {
                rules.add(msg("care.rule." + code, locale, args(code, p, in)));
            }
            RiskLevel level = r.areas().get(area);
            areas.add(new AreaExplanation(area, level, msg("care.area." + area.name(), locale), msg("care.level." + level.name(), locale),
                    inputs, rules));
        }
        return areas;
    }

    /** The numbers a rule's message names: the student's value and the rule set's threshold. */
    private static Object[] args(String code, CareParameters p, RiskResult.Inputs in) {
        return switch (code) {
            case "LEARNING.GPA_AT_RISK" -> new Object[] {plain(in.gpa()), plain(p.learning().atRiskGpaBelow())};
            case "LEARNING.GPA_PROBLEM" -> new Object[] {plain(in.gpa()), plain(p.learning().problemGpaBelow())};
            case "LEARNING.FAILED_AT_RISK", "LEARNING.FAILED_PROBLEM" -> new Object[] {in.failedSubjects()};
            case "HEALTH.CHRONIC_LOW_ATTENDANCE" -> new Object[] {rate(in.schoolDays(), in.daysAbsent()),
                    p.health().problemChronicAttendanceBelowPercent().stripTrailingZeros().toPlainString()};
            case "EMOTIONAL_BEHAVIOUR.SDQ_AT_RISK", "EMOTIONAL_BEHAVIOUR.SDQ_PROBLEM" -> new Object[] {in.sdqTotal()};
            case "EMOTIONAL_BEHAVIOUR.CONCERN_AT_RISK", "EMOTIONAL_BEHAVIOUR.CONCERN_PROBLEM" -> new Object[] {in.ebConcern()};
            case "EMOTIONAL_BEHAVIOUR.SERIOUS" -> new Object[] {in.ebSerious()};
            case "PROTECTION.CONCERN_AT_RISK", "PROTECTION.CONCERN_PROBLEM" -> new Object[] {in.protectionConcern()};
            case "PROTECTION.SERIOUS" -> new Object[] {in.protectionSerious()};
            default -> new Object[0];
        };
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** Attendance in per cent, one decimal, rounded half-up. */
    static String rate(Integer schoolDays, Integer daysAbsent) {
        if (schoolDays == null || daysAbsent == null || schoolDays == 0) {
            return "";
        }
        return BigDecimal.valueOf(schoolDays - daysAbsent).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(schoolDays), 1, RoundingMode.HALF_UP).toPlainString();
    }

    private Input input(String key, Object value, Locale locale) {
        return new Input(msg(key, locale), value == null ? msg("care.input.missing", locale) : value.toString());
    }

    private String yesNo(Boolean b, Locale locale) {
        return b == null ? null : msg(b ? "care.yes" : "care.no", locale);
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }
}
