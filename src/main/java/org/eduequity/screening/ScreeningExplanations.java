package org.eduequity.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A child's screening results as the child's page shows them (screening.md, "Teachers … see the explanation in
 * Thai, area by area"): each term's current result with the answers that gave each area its points, read from the
 * visit and its members with the numbers of the result's rule set, and the history of every result with what
 * changed from the one before. Labels are message keys ({@code visit.floor.EARTH}, …); the caller checks that the
 * child is in the user's area.
 */
@Service
@Transactional(readOnly = true)
public class ScreeningExplanations {

    private static final String[][] VEHICLES = {{"car_up_to_15y", "carUpTo15y"}, {"car_over_15y", "carOver15y"},
            {"pickup_up_to_15y", "pickupUpTo15y"}, {"pickup_over_15y", "pickupOver15y"}, {"tractor_up_to_15y", "tractorUpTo15y"},
            {"tractor_over_15y", "tractorOver15y"}, {"motorcycle_or_boat", "motorcycleOrBoat"}};
    private static final String[][] APPLIANCES = {{"has_computer", "computer"}, {"has_air_conditioner", "airConditioner"},
            {"has_flat_screen_tv", "flatScreenTv"}, {"has_washing_machine", "washingMachine"}, {"has_refrigerator", "refrigerator"}};

    private final JdbcTemplate jdbc;
    private final Screening screening;
    private final RuleSets ruleSets;

    ScreeningExplanations(JdbcTemplate jdbc, Screening screening, RuleSets ruleSets) {
        this.jdbc = jdbc;
        this.screening = screening;
        this.ruleSets = ruleSets;
    }

    /** How a part of an area's points is shown. */
    public enum Kind {
        /** label: answer (points). */
        ANSWER,
        /** label × count (points). */
        COUNT,
        /** label (points). */
        FLAG,
        /** dependants: count members, counted of them × each = points. */
        DEPENDANTS,
        /** the vehicles' points held at the rule set's lowest. */
        LOWEST,
        /** nothing in this area gave points. */
        NONE
    }

    /** One answer (or fact) and the points it gave. */
    public record Part(Kind kind, String labelKey, String answerKey, Integer count, Integer counted, Integer each, int points) {

        static Part answer(String labelKey, String answerKey, int points) {
            return new Part(Kind.ANSWER, labelKey, answerKey, null, null, null, points);
        }

        static Part flag(String labelKey, int points) {
            return new Part(Kind.FLAG, labelKey, null, null, null, null, points);
        }
    }

    /** An area's points (as the result holds them) and the parts that explain them. */
    public record AreaLine(Area area, int points, List<Part> parts) {
    }

    /** A member counted as a dependant: relationship, age and the message keys of why. */
    public record Dependant(String relationship, int age, List<String> reasonKeys) {
    }

    /**
     * A current result explained. {@code areas} and {@code dependants} are empty for an INCOMPLETE result, whose
     * {@code missing} answers are message keys ({@code visit.field.housing.floor}, …).
     */
    public record Explanation(ScreeningResult result, BigDecimal incomeCeiling, Integer elderlyFromAge, List<AreaLine> areas,
                              List<Dependant> dependants, List<String> missingKeys) {

        public boolean incomplete() {
            return result.classification() == Classification.INCOMPLETE;
        }

        /** Whether the per-capita income passed the income gate (at most the ceiling). */
        public boolean passedGate() {
            return result.perCapitaIncome() != null && incomeCeiling != null && result.perCapitaIncome().compareTo(incomeCeiling) <= 0;
        }
    }

    /** What changed from the result before. {@code what}: CLASSIFICATION, SCORE, INCOME or RULE_SET. */
    public record Change(String what, String from, String to) {
    }

    /** A result with what changed from the child's previous result of the same visit (none for the first). */
    public record HistoryEntry(ScreeningResult result, List<Change> changes, boolean first) {
    }

    /** The current result of each of the child's visits, explained, the newest term first. */
    public List<Explanation> currentOfChild(long childId) {
        List<Explanation> explained = new ArrayList<>();
        screening.historyOfChild(childId).stream().filter(ScreeningResult::current)
                .sorted(Comparator.comparing(ScreeningResult::term).reversed())
                .forEach(r -> explained.add(explain(r)));
        return explained;
    }

    /** Every result of the child, the newest first, each with what changed from the one before it of its visit. */
    public List<HistoryEntry> historyOfChild(long childId) {
        List<ScreeningResult> results = screening.historyOfChild(childId);
        Map<Long, ScreeningResult> previousOfVisit = new HashMap<>();
        List<HistoryEntry> entries = new ArrayList<>();
        for (ScreeningResult r : results) {
            ScreeningResult before = previousOfVisit.put(r.visitId(), r);
            entries.add(new HistoryEntry(r, before == null ? List.of() : changes(before, r), before == null));
        }
        java.util.Collections.reverse(entries);
        return entries;
    }

    static List<Change> changes(ScreeningResult before, ScreeningResult after) {
        List<Change> changes = new ArrayList<>();
        if (before.classification() != after.classification()) {
            changes.add(new Change("CLASSIFICATION", before.classification().name(), after.classification().name()));
        }
        if (!Objects.equals(before.hardshipScore(), after.hardshipScore())) {
            changes.add(new Change("SCORE", text(before.hardshipScore()), text(after.hardshipScore())));
        }
        if (!sameAmount(before.perCapitaIncome(), after.perCapitaIncome())) {
            changes.add(new Change("INCOME", text(before.perCapitaIncome()), text(after.perCapitaIncome())));
        }
        if (!before.ruleSetCode().equals(after.ruleSetCode()) || !before.ruleSetVersion().equals(after.ruleSetVersion())) {
            changes.add(new Change("RULE_SET", before.ruleSetCode() + " " + before.ruleSetVersion(),
                    after.ruleSetCode() + " " + after.ruleSetVersion()));
        }
        return changes;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** A result with the answers of its visit and the numbers of its rule set. */
    public Explanation explain(ScreeningResult r) {
        RuleParameters p = ruleSets.byCodeAndVersion(r.ruleSetCode(), r.ruleSetVersion()).map(RuleSet::parameters).orElse(null);
        if (r.classification() == Classification.INCOMPLETE || r.areas() == null || p == null) {
            return new Explanation(r, p == null ? null : p.incomeCeiling(), null, List.of(), List.of(),
                    r.missing().stream().map(m -> "visit.field." + m).toList());
        }
        Map<String, Object> v = jdbc.queryForMap("SELECT * FROM home_visit WHERE id = ?", r.visitId());
        RuleParameters.Dependants d = p.dependants();
        List<Dependant> dependants = jdbc.query("""
                SELECT hm.relationship, COALESCE(hm.age, date_part('year', age(v.visited_on, hm.birth_date))::int) AS a,
                       hm.disabled, hm.chronically_ill, hm.unemployed, hm.studying
                FROM household_member hm JOIN home_visit v ON v.id = hm.visit_id WHERE hm.visit_id = ? ORDER BY hm.position""",
                (rs, i) -> {
                    int age = rs.getInt("a");
                    List<String> why = new ArrayList<>();
                    if (rs.getBoolean("disabled")) {
                        why.add("visit.field.members.disabled");
                    }
                    if (rs.getBoolean("chronically_ill")) {
                        why.add("visit.field.members.chronicallyIll");
                    }
                    if (age >= d.elderlyFromAge()) {
                        why.add("screening.reason.elderly");
                    }
                    if (age >= d.workingAgeFrom() && age <= d.workingAgeTo() && rs.getBoolean("unemployed") && !rs.getBoolean("studying")) {
                        why.add("screening.reason.unemployed");
                    }
                    return why.isEmpty() ? null : new Dependant(rs.getString("relationship"), age, List.copyOf(why));
                }, r.visitId()).stream().filter(Objects::nonNull).toList();

        List<AreaLine> areas = new ArrayList<>();
        for (Area area : Area.values()) {
            List<Part> parts = new ArrayList<>();
            switch (area) {
                case DEPENDANTS -> {
                    int counted = Math.min(dependants.size(), d.maxCounted());
                    parts.add(new Part(Kind.DEPENDANTS, "screening.area.DEPENDANTS", null, dependants.size(), counted, d.points(),
                            counted * d.points()));
                    if (Boolean.TRUE.equals(v.get("single_parent"))) {
                        parts.add(Part.flag("visit.field.singleParent", d.singleParent()));
                    }
                }
                case TENURE -> parts.add(answer(v, "housing_tenure", "housing.tenure", "tenure", p.tenure()));
                case DWELLING -> {
                    parts.add(answer(v, "housing_floor", "housing.floor", "floor", p.floor()));
                    parts.add(answer(v, "housing_walls", "housing.walls", "walls", p.walls()));
                    parts.add(answer(v, "housing_roof", "housing.roof", "roof", p.roof()));
                    if (!Boolean.TRUE.equals(v.get("has_toilet"))) {
                        parts.add(Part.flag("screening.answer.noToilet", p.noToilet()));
                    }
                }
                case FARMLAND -> parts.add(answer(v, "farmland", "farmland", "farmland", p.farmland()));
                case WATER -> parts.add(answer(v, "drinking_water", "drinkingWater", "water", p.water()));
                case ELECTRICITY -> parts.add(answer(v, "electricity", "electricity", "electricity", p.electricity()));
                case VEHICLES -> {
                    int sum = 0;
                    for (String[] vehicle : VEHICLES) {
                        int count = v.get(vehicle[0]) == null ? 0 : ((Number) v.get(vehicle[0])).intValue();
                        if (count > 0) {
                            int points = count * p.vehicles().get(vehicle[1]);
                            sum += points;
                            parts.add(new Part(Kind.COUNT, "visit.field.vehicles." + vehicle[1], null, count, null, null, points));
                        }
                    }
                    if (parts.isEmpty()) {
                        parts.add(Part.flag("screening.answer.noVehicle", p.vehicles().get("noVehicle")));
                    } else if (sum < p.vehicles().get("lowest")) {
                        parts.add(new Part(Kind.LOWEST, "screening.area.VEHICLES", null, null, null, null, p.vehicles().get("lowest")));
                    }
                }
                case APPLIANCES -> {
                    for (String[] appliance : APPLIANCES) {
                        if (Boolean.TRUE.equals(v.get(appliance[0]))) {
                            parts.add(Part.flag("visit.field.appliances." + appliance[1], p.appliances().get(appliance[1])));
                        }
                    }
                    if (parts.isEmpty()) {
                        parts.add(new Part(Kind.NONE, "screening.answer.noAppliance", null, null, null, null, 0));
                    }
                }
                default -> throw new IllegalStateException(area.name());
            }
            areas.add(new AreaLine(area, r.areas().get(area), List.copyOf(parts)));
        }
        return new Explanation(r, p.incomeCeiling(), d.elderlyFromAge(), List.copyOf(areas), dependants, List.of());
    }

    private static Part answer(Map<String, Object> visit, String column, String field, String table, Map<String, Integer> points) {
        String value = (String) visit.get(column);
        return Part.answer("visit.field." + field, "visit." + table + "." + value, value == null ? 0 : points.getOrDefault(value, 0));
    }
}
