package org.eduequity.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every number of a poverty-screening rule set (screening.md), as stored in {@code rule_set.parameters}. Tables of
 * points are keyed by the survey's answers; {@link #problems()} checks that every answer has its points and every
 * number is in range, so the SQL built from a valid set can never meet an unknown answer.
 */
public record RuleParameters(BigDecimal incomeCeiling, Integer cutOff, Map<String, Integer> cutOffByRegion, Dependants dependants,
                             Map<String, Integer> tenure, Map<String, Integer> floor, Map<String, Integer> walls,
                             Map<String, Integer> roof, Integer noToilet, Map<String, Integer> farmland, Map<String, Integer> water,
                             Map<String, Integer> electricity, Map<String, Integer> vehicles, Map<String, Integer> appliances) {

    /** The dependants area: points per dependant, how many count, the single-parent bonus and the ages. */
    public record Dependants(Integer points, Integer maxCounted, Integer singleParent, Integer elderlyFromAge, Integer workingAgeFrom,
                             Integer workingAgeTo) {
    }

    /** The answers each table must cover, in the order the screens show them. */
    public static final Map<String, List<String>> TABLES;
    /** Regions (province.region_id 1–6) whose cut-off may differ from the default. */
    public static final List<String> REGIONS = List.of("NORTH", "CENTRAL", "NORTHEAST", "WEST", "EAST", "SOUTH");
    public static final List<String> VEHICLE_KEYS = List.of("noVehicle", "carUpTo15y", "carOver15y", "pickupUpTo15y", "pickupOver15y",
            "tractorUpTo15y", "tractorOver15y", "motorcycleOrBoat", "lowest");
    public static final List<String> APPLIANCE_KEYS = List.of("computer", "airConditioner", "flatScreenTv", "washingMachine",
            "refrigerator");
    static final int MIN_POINTS = -100;
    static final int MAX_POINTS = 100;

    static {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("tenure", List.of("OWN", "RENT", "DORMITORY", "LIVE_WITH_OTHERS"));
        t.put("floor", List.of("TILE", "PARQUET", "CEMENT", "VINYL", "WOOD_PLANK", "OTHER", "BAMBOO", "EARTH"));
        t.put("walls", List.of("CEMENT_RENDERED", "BRICK_BLOCK", "FIBRE_CEMENT", "WOOD_PLANK", "ZINC", "PLYWOOD", "OTHER", "BAMBOO_SCRAP"));
        t.put("roof", List.of("TILE", "METAL", "WOOD_PLANK", "OTHER", "LEAVES", "SHEET"));
        t.put("farmland", List.of("OVER_5_RAI", "RAI_1_TO_5", "UNDER_1_RAI", "NONE"));
        t.put("water", List.of("TAP", "BOTTLED", "WELL", "RAIN_OR_STREAM"));
        t.put("electricity", List.of("METER", "SHARED_OR_BATTERY", "GENERATOR_OR_SOLAR", "NONE"));
        TABLES = java.util.Collections.unmodifiableMap(t);
    }

    /** The answer table of this name ({@code tenure}, {@code floor}, …). */
    public Map<String, Integer> table(String name) {
        switch (name) {
            case "tenure": return tenure;
            case "floor": return floor;
            case "walls": return walls;
            case "roof": return roof;
            case "farmland": return farmland;
            case "water": return water;
            case "electricity": return electricity;
            default: throw new IllegalArgumentException(name);
        }
    }

    /** The cut-off for a region (NORTH …), the default where the region has none of its own. */
    public int cutOffFor(String region) {
        Integer own = cutOffByRegion == null ? null : cutOffByRegion.get(region);
        return own != null ? own : cutOff;
    }

    /** Everything wrong with these numbers; empty when the set can be published. */
    public List<RuleProblem> problems() {
        List<RuleProblem> p = new ArrayList<>();
        if (incomeCeiling == null) {
            p.add(RuleProblem.of("incomeCeiling", "rules.error.required"));
        } else if (incomeCeiling.signum() <= 0 || incomeCeiling.compareTo(new BigDecimal("1000000")) > 0 || incomeCeiling.scale() > 2) {
            p.add(RuleProblem.of("incomeCeiling", "rules.error.ceiling"));
        }
        points("cutOff", cutOff, -500, 500, p);
        if (cutOffByRegion != null) {
            for (Map.Entry<String, Integer> e : cutOffByRegion.entrySet()) {
                if (!REGIONS.contains(e.getKey())) {
                    p.add(RuleProblem.of("cutOffByRegion." + e.getKey(), "rules.error.unknownKey"));
                } else if (e.getValue() != null) {
                    points("cutOffByRegion." + e.getKey(), e.getValue(), -500, 500, p);
                }
            }
        }
        if (dependants == null) {
            p.add(RuleProblem.of("dependants", "rules.error.required"));
        } else {
            points("dependants.points", dependants.points(), MIN_POINTS, MAX_POINTS, p);
            points("dependants.maxCounted", dependants.maxCounted(), 0, 30, p);
            points("dependants.singleParent", dependants.singleParent(), MIN_POINTS, MAX_POINTS, p);
            points("dependants.elderlyFromAge", dependants.elderlyFromAge(), 0, 130, p);
            points("dependants.workingAgeFrom", dependants.workingAgeFrom(), 0, 130, p);
            points("dependants.workingAgeTo", dependants.workingAgeTo(), 0, 130, p);
            if (dependants.workingAgeFrom() != null && dependants.workingAgeTo() != null
                    && dependants.workingAgeFrom() > dependants.workingAgeTo()) {
                p.add(RuleProblem.of("dependants.workingAgeTo", "rules.error.ageOrder"));
            }
        }
        for (Map.Entry<String, List<String>> t : TABLES.entrySet()) {
            keyed(t.getKey(), table(t.getKey()), t.getValue(), MIN_POINTS, MAX_POINTS, p);
        }
        points("noToilet", noToilet, MIN_POINTS, MAX_POINTS, p);
        keyed("vehicles", vehicles, VEHICLE_KEYS, -500, MAX_POINTS, p);
        keyed("appliances", appliances, APPLIANCE_KEYS, MIN_POINTS, MAX_POINTS, p);
        return p;
    }

    private static void keyed(String name, Map<String, Integer> table, List<String> keys, int min, int max, List<RuleProblem> p) {
        if (table == null) {
            p.add(RuleProblem.of(name, "rules.error.required"));
            return;
        }
        for (String key : keys) {
            points(name + "." + key, table.get(key), min, max, p);
        }
        for (String key : table.keySet()) {
            if (!keys.contains(key)) {
                p.add(RuleProblem.of(name + "." + key, "rules.error.unknownKey"));
            }
        }
    }

    private static void points(String field, Integer value, int min, int max, List<RuleProblem> p) {
        if (value == null) {
            p.add(RuleProblem.of(field, "rules.error.required"));
        } else if (value < min || value > max) {
            p.add(RuleProblem.of(field, "rules.error.range", min, max));
        }
    }

    /** The region names by {@code province.region_id}. */
    static String regionOf(int regionId) {
        return REGIONS.get(regionId - 1);
    }

    static final Set<String> ALL_TABLES = TABLES.keySet();
}
