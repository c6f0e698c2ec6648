package org.eduequity.screening;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * screening.md written out plainly in Java, independently of the production SQL: the tests compare the two.
 * Numbers come from a {@link RuleParameters}; the logic is the document's, step by step.
 */
final class ReferenceScreening {

    record Outcome(Classification classification, BigDecimal perCapitaIncome, Integer score, Integer dependants, Map<Area, Integer> areas,
                   List<String> missing) {
    }

    private ReferenceScreening() {
    }

    static Outcome screen(TestHousehold h, RuleParameters r, String region) {
        List<String> missing = new ArrayList<>();
        if (h.tenure() == null) {
            missing.add("housing.tenure");
        }
        if (h.floor() == null) {
            missing.add("housing.floor");
        }
        if (h.walls() == null) {
            missing.add("housing.walls");
        }
        if (h.roof() == null) {
            missing.add("housing.roof");
        }
        if (h.hasToilet() == null) {
            missing.add("housing.hasToilet");
        }
        if (h.farmland() == null) {
            missing.add("farmland");
        }
        if (h.water() == null) {
            missing.add("drinkingWater");
        }
        if (h.electricity() == null) {
            missing.add("electricity");
        }
        for (int i = 0; i < 7; i++) {
            if (h.vehicles()[i] == null) {
                missing.add("vehicles." + TestHousehold.VEHICLES[i]);
            }
        }
        for (int i = 0; i < 5; i++) {
            if (h.appliances()[i] == null) {
                missing.add("appliances." + TestHousehold.APPLIANCES[i]);
            }
        }
        if (!missing.isEmpty()) {
            return new Outcome(Classification.INCOMPLETE, null, null, null, null, missing);
        }

        // step 1
        BigDecimal total = BigDecimal.ZERO;
        for (TestHousehold.Member m : h.members()) {
            total = total.add(m.income());
        }
        BigDecimal perCapita = total.divide(BigDecimal.valueOf(h.members().size()), 2, RoundingMode.HALF_UP);

        // step 2
        RuleParameters.Dependants d = r.dependants();
        int dependants = 0;
        for (TestHousehold.Member m : h.members()) {
            boolean counts = m.disabled() || m.chronicallyIll() || m.age() >= d.elderlyFromAge()
                    || (m.age() >= d.workingAgeFrom() && m.age() <= d.workingAgeTo() && m.unemployed() && !m.studying());
            if (counts) {
                dependants++;
            }
        }
        Map<Area, Integer> areas = new EnumMap<>(Area.class);
        areas.put(Area.DEPENDANTS, d.points() * Math.min(dependants, d.maxCounted()) + (h.singleParent() ? d.singleParent() : 0));
        areas.put(Area.TENURE, r.tenure().get(h.tenure()));
        areas.put(Area.DWELLING, r.floor().get(h.floor()) + r.walls().get(h.walls()) + r.roof().get(h.roof())
                + (h.hasToilet() ? 0 : r.noToilet()));
        areas.put(Area.FARMLAND, r.farmland().get(h.farmland()));
        areas.put(Area.WATER, r.water().get(h.water()));
        areas.put(Area.ELECTRICITY, r.electricity().get(h.electricity()));
        boolean anyVehicle = false;
        int vehiclePoints = 0;
        for (int i = 0; i < 7; i++) {
            if (h.vehicles()[i] > 0) {
                anyVehicle = true;
            }
            vehiclePoints += h.vehicles()[i] * r.vehicles().get(TestHousehold.VEHICLES[i]);
        }
        areas.put(Area.VEHICLES, anyVehicle ? Math.max(r.vehicles().get("lowest"), vehiclePoints) : r.vehicles().get("noVehicle"));
        int appliancePoints = 0;
        for (int i = 0; i < 5; i++) {
            if (h.appliances()[i]) {
                appliancePoints += r.appliances().get(TestHousehold.APPLIANCES[i]);
            }
        }
        areas.put(Area.APPLIANCES, appliancePoints);
        int score = areas.values().stream().mapToInt(Integer::intValue).sum();

        // step 3
        Classification c;
        if (perCapita.compareTo(r.incomeCeiling()) > 0) {
            c = Classification.NOT_POOR;
        } else if (score >= r.cutOffFor(region)) {
            c = Classification.EXTREMELY_POOR;
        } else {
            c = Classification.POOR;
        }
        return new Outcome(c, perCapita, score, dependants, areas, List.of());
    }
}
