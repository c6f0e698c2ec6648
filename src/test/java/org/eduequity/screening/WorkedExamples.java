package org.eduequity.screening;

import static org.eduequity.screening.TestHousehold.Member.of;

import java.math.BigDecimal;
import java.util.List;

/** The six worked examples of screening.md, with the results the document gives. */
public final class WorkedExamples {

    public record Example(String name, TestHousehold household, Classification classification, BigDecimal perCapitaIncome, int score,
                   int[] areas) {
    }

    private WorkedExamples() {
    }

    public static List<Example> all() {
        return List.of(
                new Example("A", TestHousehold.example(
                        of("STUDENT", 10).inSchool(), of("FATHER", 41).wages(6000), of("MOTHER", 39).farming(2000),
                        of("GRANDPARENT", 68).welfare(600))
                        .land("UNDER_1_RAI", "WELL", "METER").housing("OWN", "WOOD_PLANK", "WOOD_PLANK", "METAL", true)
                        .vehicles(0, 0, 0, 0, 0, 0, 1).appliances(false, false, true, false, true),
                        Classification.POOR, new BigDecimal("2150.00"), 13, new int[] {5, 0, 5, 2, 3, 0, 0, -2}),
                new Example("B", TestHousehold.example(
                        of("STUDENT", 12).inSchool(), of("MOTHER", 35).wages(3500), of("RELATIVE", 40).jobless())
                        .singleParent(true).housing("LIVE_WITH_OTHERS", "EARTH", "BAMBOO_SCRAP", "SHEET", false)
                        .land("NONE", "RAIN_OR_STREAM", "SHARED_OR_BATTERY"),
                        Classification.EXTREMELY_POOR, new BigDecimal("1166.67"), 51, new int[] {10, 6, 19, 3, 5, 5, 3, 0}),
                new Example("C", TestHousehold.example(
                        of("STUDENT", 9).inSchool(), of("FATHER", 45).business(12000), of("MOTHER", 44).wages(8000),
                        of("SIBLING", 16).inSchool(), of("SIBLING", 6))
                        .vehicles(0, 0, 1, 0, 0, 0, 0).appliances(false, false, true, true, true),
                        Classification.NOT_POOR, new BigDecimal("4000.00"), -5, new int[] {0, 0, 3, 3, 0, 0, -8, -3}),
                new Example("D", TestHousehold.example(
                        of("STUDENT", 14).inSchool(), of("FATHER", 50).farming(5000).other(1000))
                        .land("RAI_1_TO_5", "TAP", "METER").vehicles(0, 0, 0, 1, 0, 1, 0),
                        Classification.POOR, new BigDecimal("3000.00"), -2, new int[] {0, 0, 3, 1, 0, 0, -6, 0}),
                new Example("E", TestHousehold.example(
                        of("STUDENT", 8).inSchool(), of("RELATIVE", 15).jobless(), of("RELATIVE", 65).jobless(),
                        of("RELATIVE", 66).jobless(), of("GRANDPARENT", 60), of("RELATIVE", 30).withDisability(), of("MOTHER", 33).wages(7000))
                        .housing("RENT", "CEMENT", "BRICK_BLOCK", "METAL", true).land("NONE", "BOTTLED", "NONE")
                        .appliances(true, true, false, false, false),
                        Classification.EXTREMELY_POOR, new BigDecimal("1000.00"), 36, new int[] {20, 4, 3, 3, 1, 8, 3, -6}),
                new Example("F", TestHousehold.example(
                        of("STUDENT", 11).inSchool(), of("FATHER", 40).wages(1000), of("MOTHER", 40))
                        .housing("RENT", "EARTH", "ZINC", "LEAVES", false).vehicles(2, 0, 1, 0, 0, 0, 0),
                        Classification.POOR, new BigDecimal("333.33"), 4, new int[] {0, 4, 17, 3, 0, 0, -20, 0}));
    }
}
