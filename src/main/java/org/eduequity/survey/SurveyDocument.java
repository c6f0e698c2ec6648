package org.eduequity.survey;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One household visited once in one term, as the integration API and the NDJSON import carry it (see
 * docs/survey-format.md). Dates and enumerations are strings here so that a bad value is reported against
 * its field rather than failing the whole document.
 */
public record SurveyDocument(UUID externalId, String term, String visitedOn, String orgUnitCode, Address address,
                             Location location, Boolean singleParent, List<Member> members, Housing housing, String farmland,
                             String drinkingWater, String electricity, Vehicles vehicles, Appliances appliances, Consent consent,
                             Journey journeyToSchool, Certifier incomeCertifiedBy) {

    /** Where the household lives. */
    public record Address(String houseNo, Integer villageNo, String subdistrictCode, String postcode) {
    }

    /** The home's GPS position. */
    public record Location(BigDecimal lat, BigDecimal lon) {
    }

    /** Someone who lives in the household; the screened students have relationship STUDENT. */
    public record Member(String relationship, String nationalId, String firstName, String lastName, String birthDate,
                         Integer age, String sex, String gradeLevel, Boolean disabled, Boolean chronicallyIll, Boolean unemployed,
                         Boolean studying, Boolean guardian, Income income) {
    }

    /** Monthly income by source, baht. */
    public record Income(BigDecimal wages, BigDecimal farming, BigDecimal business, BigDecimal welfare, BigDecimal other) {
    }

    /** The dwelling. */
    public record Housing(String tenure, String floor, String walls, String roof, Boolean hasToilet) {
    }

    /** Counts of working vehicles. */
    public record Vehicles(Integer carUpTo15y, Integer carOver15y, Integer pickupUpTo15y, Integer pickupOver15y,
                           Integer tractorUpTo15y, Integer tractorOver15y, Integer motorcycleOrBoat) {
    }

    /** Working appliances the household owns. */
    public record Appliances(Boolean computer, Boolean airConditioner, Boolean flatScreenTv, Boolean washingMachine,
                             Boolean refrigerator) {
    }

    /** The guardian's (or the youth's own) consent. */
    public record Consent(Boolean given, String givenBy, String givenOn, List<String> scopes) {
    }

    /** How the students get to school. */
    public record Journey(BigDecimal distanceKm, Integer minutes, String mode) {
    }

    /** The official who certified the household income. */
    public record Certifier(String name, String position) {
    }
}
