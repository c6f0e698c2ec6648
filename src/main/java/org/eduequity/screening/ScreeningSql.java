package org.eduequity.screening;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The screening of screening.md as one set-based SQL query, built from a rule set's numbers: every survey that
 * matches a filter is screened in one pass over its members, by PostgreSQL. The same query serves the screening at
 * submit (a filter on visit ids), re-screening runs (a term, a province, a range of ids) and what-if simulations,
 * which screen each household under two rule sets at once ({@code _0}, {@code _1} columns).
 *
 * <p>Numbers are written into the SQL as literals: they come from a validated {@link RuleParameters} (integers and
 * a decimal), and the answers they are keyed by come from fixed lists, so nothing a user typed reaches the SQL text.
 * Filter values are bound as parameters.
 *
 * <p>Columns: {@code visit_id, term, province_code, members, students, household_income, per_capita_income, missing}
 * and per rule set {@code i}: {@code dependants_i, p_dependants_i … p_appliances_i, cut_off_i, score_i, class_i}.
 */
final class ScreeningSql {

    /** The survey answers screening needs, by column, with the name a result lists when one is missing. */
    static final Map<String, String> REQUIRED = new java.util.LinkedHashMap<>();

    static {
        REQUIRED.put("housing_tenure", "housing.tenure");
        REQUIRED.put("housing_floor", "housing.floor");
        REQUIRED.put("housing_walls", "housing.walls");
        REQUIRED.put("housing_roof", "housing.roof");
        REQUIRED.put("has_toilet", "housing.hasToilet");
        REQUIRED.put("farmland", "farmland");
        REQUIRED.put("drinking_water", "drinkingWater");
        REQUIRED.put("electricity", "electricity");
        REQUIRED.put("car_up_to_15y", "vehicles.carUpTo15y");
        REQUIRED.put("car_over_15y", "vehicles.carOver15y");
        REQUIRED.put("pickup_up_to_15y", "vehicles.pickupUpTo15y");
        REQUIRED.put("pickup_over_15y", "vehicles.pickupOver15y");
        REQUIRED.put("tractor_up_to_15y", "vehicles.tractorUpTo15y");
        REQUIRED.put("tractor_over_15y", "vehicles.tractorOver15y");
        REQUIRED.put("motorcycle_or_boat", "vehicles.motorcycleOrBoat");
        REQUIRED.put("has_computer", "appliances.computer");
        REQUIRED.put("has_air_conditioner", "appliances.airConditioner");
        REQUIRED.put("has_flat_screen_tv", "appliances.flatScreenTv");
        REQUIRED.put("has_washing_machine", "appliances.washingMachine");
        REQUIRED.put("has_refrigerator", "appliances.refrigerator");
    }

    private static final String[][] VEHICLES = {{"car_up_to_15y", "carUpTo15y"}, {"car_over_15y", "carOver15y"},
            {"pickup_up_to_15y", "pickupUpTo15y"}, {"pickup_over_15y", "pickupOver15y"}, {"tractor_up_to_15y", "tractorUpTo15y"},
            {"tractor_over_15y", "tractorOver15y"}, {"motorcycle_or_boat", "motorcycleOrBoat"}};
    private static final String[][] APPLIANCES = {{"has_computer", "computer"}, {"has_air_conditioner", "airConditioner"},
            {"has_flat_screen_tv", "flatScreenTv"}, {"has_washing_machine", "washingMachine"}, {"has_refrigerator", "refrigerator"}};

    private ScreeningSql() {
    }

    /**
     * The screening query over the surveys (alias {@code v} = home_visit, {@code hm} = household_member) that
     * {@code filter} selects.
     */
    static String select(List<RuleParameters> sets, String filter) {
        return select(sets, filter, false);
    }

    /**
     * As {@link #select(List, String)}; {@code perVisit} aggregates each visit's members separately through the index
     * (for a handful of visits, at submit) instead of in one pass over all of them (for a term or a slice).
     */
    static String select(List<RuleParameters> sets, String filter, boolean perVisit) {
        StringJoiner dependants = new StringJoiner(",\n                         ");
        StringJoiner points = new StringJoiner(",\n       ");
        StringJoiner outcome = new StringJoiner(",\n       ");
        for (int i = 0; i < sets.size(); i++) {
            RuleParameters r = sets.get(i);
            RuleParameters.Dependants d = r.dependants();
            dependants.add("count(*) FILTER (WHERE hm.disabled OR hm.chronically_ill OR ag.a >= " + d.elderlyFromAge() + " OR (ag.a BETWEEN "
                    + d.workingAgeFrom() + " AND " + d.workingAgeTo() + " AND hm.unemployed AND NOT hm.studying)) AS dependants_" + i);
            points.add("v.dependants_" + i + "::int AS dependants_" + i);
            points.add("(LEAST(v.dependants_" + i + ", " + d.maxCounted() + ") * " + d.points() + " + CASE WHEN v.single_parent THEN "
                    + d.singleParent() + " ELSE 0 END) AS p_dependants_" + i);
            points.add(lookup("v.housing_tenure", r.tenure()) + " AS p_tenure_" + i);
            points.add("(" + lookup("v.housing_floor", r.floor()) + " + " + lookup("v.housing_walls", r.walls()) + " + "
                    + lookup("v.housing_roof", r.roof()) + " + CASE WHEN v.has_toilet THEN 0 ELSE " + r.noToilet() + " END) AS p_dwelling_" + i);
            points.add(lookup("v.farmland", r.farmland()) + " AS p_farmland_" + i);
            points.add(lookup("v.drinking_water", r.water()) + " AS p_water_" + i);
            points.add(lookup("v.electricity", r.electricity()) + " AS p_electricity_" + i);
            StringJoiner anyVehicle = new StringJoiner(" + ");
            StringJoiner vehiclePoints = new StringJoiner(" + ");
            for (String[] vehicle : VEHICLES) {
                anyVehicle.add("v." + vehicle[0]);
                vehiclePoints.add("v." + vehicle[0] + " * " + r.vehicles().get(vehicle[1]));
            }
            points.add("CASE WHEN " + anyVehicle + " = 0 THEN " + r.vehicles().get("noVehicle") + " ELSE GREATEST("
                    + r.vehicles().get("lowest") + ", " + vehiclePoints + ") END AS p_vehicles_" + i);
            StringJoiner appliancePoints = new StringJoiner(" + ");
            for (String[] appliance : APPLIANCES) {
                appliancePoints.add("CASE WHEN v." + appliance[0] + " THEN " + r.appliances().get(appliance[1]) + " ELSE 0 END");
            }
            points.add("(" + appliancePoints + ") AS p_appliances_" + i);
            StringJoiner cutOff = new StringJoiner(" ", "CASE p.region_id ", " ELSE " + r.cutOff() + " END");
            for (int region = 0; region < RuleParameters.REGIONS.size(); region++) {
                cutOff.add("WHEN " + (region + 1) + " THEN " + r.cutOffFor(RuleParameters.REGIONS.get(region)));
            }
            points.add(cutOff + " AS cut_off_" + i);
            String score = "(y.p_dependants_" + i + " + y.p_tenure_" + i + " + y.p_dwelling_" + i + " + y.p_farmland_" + i + " + y.p_water_" + i
                    + " + y.p_electricity_" + i + " + y.p_vehicles_" + i + " + y.p_appliances_" + i + ")";
            outcome.add(score + " AS score_" + i);
            outcome.add("CASE WHEN cardinality(y.missing) > 0 THEN 'INCOMPLETE' WHEN y.per_capita_income > " + r.incomeCeiling().toPlainString()
                    + " THEN 'NOT_POOR' WHEN " + score + " >= y.cut_off_" + i + " THEN 'EXTREMELY_POOR' ELSE 'POOR' END AS class_" + i);
        }
        // the list of missing answers is only built for the few households that miss one
        StringJoiner anyMissing = new StringJoiner(" OR ");
        StringJoiner names = new StringJoiner(", ", "array_remove(ARRAY[", "]::varchar[], NULL)");
        REQUIRED.forEach((column, name) -> {
            anyMissing.add("v." + column + " IS NULL");
            names.add("CASE WHEN v." + column + " IS NULL THEN '" + name + "' END");
        });
        String missing = "CASE WHEN " + anyMissing + " THEN " + names + " ELSE '{}'::varchar[] END";
        String visit = """
                v.id AS visit_id, v.term, v.province_code, v.single_parent, v.housing_tenure, v.housing_floor,
                         v.housing_walls, v.housing_roof, v.has_toilet, v.farmland, v.drinking_water, v.electricity, v.car_up_to_15y,
                         v.car_over_15y, v.pickup_up_to_15y, v.pickup_over_15y, v.tractor_up_to_15y, v.tractor_over_15y,
                         v.motorcycle_or_boat, v.has_computer, v.has_air_conditioner, v.has_flat_screen_tv, v.has_washing_machine,
                         v.has_refrigerator""";
        String aggregates = """
                count(*)::int AS members,
                         count(*) FILTER (WHERE hm.relationship = 'STUDENT')::int AS students,
                         sum(hm.income_wages + hm.income_farming + hm.income_business + hm.income_welfare + hm.income_other) AS income,
                         """ + dependants;
        String age = "CROSS JOIN LATERAL (SELECT COALESCE(hm.age, date_part('year', age(v.visited_on, hm.birth_date))::int) AS a) ag";
        String x = perVisit
                // a few visits (at submit): each visit's members through the index, whatever the statistics say about
                // tables that grow fast during an import
                ? """
                  SELECT %s, %s AS missing, m.*
                  FROM home_visit v CROSS JOIN LATERAL (
                    SELECT %s FROM household_member hm %s WHERE hm.visit_id = v.id) m
                  WHERE %s""".formatted(visit, missing, aggregates, age, filter)
                // a whole term or slice: one pass, the members aggregated per visit and the visit's own answers carried
                // through the grouping (they depend on its primary key), so each visit and member row is read once
                : """
                  SELECT %s, %s AS missing, %s
                  FROM home_visit v JOIN household_member hm ON hm.visit_id = v.id
                  %s
                  WHERE %s
                  GROUP BY v.id""".formatted(visit, missing, aggregates, age, filter);
        // OFFSET 0 keeps y a level of its own: each area's points are computed once per household, and the score and
        // the class add up y's columns instead of evaluating every area's CASE again (three times over without it)
        return """
                WITH x AS (
                %s
                ), y AS (
                  SELECT v.visit_id, v.term, v.province_code, v.members, v.students, v.income AS household_income,
                         round(v.income / v.members, 2) AS per_capita_income, v.missing,
                         %s
                  FROM x v JOIN province p ON p.code = v.province_code
                  OFFSET 0
                )
                SELECT y.*,
                       %s
                FROM y""".formatted(x, points, outcome);
    }

    private static String lookup(String column, Map<String, Integer> points) {
        StringJoiner sql = new StringJoiner(" ", "CASE " + column + " ", " END");
        points.forEach((answer, value) -> {
            if (!answer.matches("[A-Z0-9_]+")) {
                throw new IllegalArgumentException("not an answer: " + answer);
            }
            sql.add("WHEN '" + answer + "' THEN " + value);
        });
        return sql.toString();
    }
}
