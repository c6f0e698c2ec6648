package org.eduequity.survey.web;

import java.util.List;
import java.util.Map;

/** The options of the home-visit form's selects, in the order docs/survey-format.md lists them (best off first). */
final class VisitChoices {

    static final Map<String, List<String>> ALL = Map.ofEntries(
            Map.entry("relationship", List.of("STUDENT", "FATHER", "MOTHER", "GRANDPARENT", "SIBLING", "RELATIVE", "GUARDIAN", "OTHER")),
            Map.entry("tenure", List.of("OWN", "RENT", "DORMITORY", "LIVE_WITH_OTHERS")),
            Map.entry("floor", List.of("TILE", "PARQUET", "CEMENT", "VINYL", "WOOD_PLANK", "OTHER", "BAMBOO", "EARTH")),
            Map.entry("walls", List.of("CEMENT_RENDERED", "BRICK_BLOCK", "FIBRE_CEMENT", "WOOD_PLANK", "ZINC", "PLYWOOD", "OTHER",
                    "BAMBOO_SCRAP")),
            Map.entry("roof", List.of("TILE", "METAL", "WOOD_PLANK", "OTHER", "LEAVES", "SHEET")),
            Map.entry("farmland", List.of("OVER_5_RAI", "RAI_1_TO_5", "UNDER_1_RAI", "NONE")),
            Map.entry("water", List.of("TAP", "BOTTLED", "WELL", "RAIN_OR_STREAM")),
            Map.entry("electricity", List.of("METER", "SHARED_OR_BATTERY", "GENERATOR_OR_SOLAR", "NONE")),
            Map.entry("journeyMode", List.of("WALK", "BICYCLE", "MOTORCYCLE", "SCHOOL_BUS", "PUBLIC_TRANSPORT", "CAR", "BOAT", "OTHER")),
            Map.entry("consentScope", List.of("SCREENING", "REFERRAL", "SHARE_HIGHER_EDUCATION", "SHARE_HEALTH")),
            Map.entry("consentBy", List.of("GUARDIAN", "SELF")),
            Map.entry("sex", List.of("M", "F")),
            Map.entry("vehicles", List.of("carUpTo15y", "carOver15y", "pickupUpTo15y", "pickupOver15y", "tractorUpTo15y",
                    "tractorOver15y", "motorcycleOrBoat")),
            Map.entry("appliances", List.of("computer", "airConditioner", "flatScreenTv", "washingMachine", "refrigerator")),
            Map.entry("memberFlags", List.of("disabled", "chronicallyIll", "unemployed", "studying", "guardian")),
            Map.entry("incomeSources", List.of("wages", "farming", "business", "welfare", "other")));

    private VisitChoices() {
    }
}
