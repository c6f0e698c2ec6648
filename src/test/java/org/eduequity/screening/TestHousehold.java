package org.eduequity.screening;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A household as screening.md describes its inputs, for tests: written to the database by {@link TestHouseholds}
 * or sent through the API as a survey document ({@link #json}). Null answers make it INCOMPLETE.
 */
public record TestHousehold(String provinceCode, boolean singleParent, String tenure, String floor, String walls, String roof, Boolean hasToilet,
                     String farmland, String water, String electricity, Integer[] vehicles, Boolean[] appliances, List<Member> members) {

    /** vehicles: carUpTo15y, carOver15y, pickupUpTo15y, pickupOver15y, tractorUpTo15y, tractorOver15y, motorcycleOrBoat. */
    public static final String[] VEHICLES = {"carUpTo15y", "carOver15y", "pickupUpTo15y", "pickupOver15y", "tractorUpTo15y", "tractorOver15y",
            "motorcycleOrBoat"};
    /** appliances: computer, airConditioner, flatScreenTv, washingMachine, refrigerator. */
    public static final String[] APPLIANCES = {"computer", "airConditioner", "flatScreenTv", "washingMachine", "refrigerator"};

    public record Member(String relationship, int age, boolean disabled, boolean chronicallyIll, boolean unemployed, boolean studying,
                  BigDecimal wages, BigDecimal farming, BigDecimal business, BigDecimal welfare, BigDecimal other) {

        public static Member of(String relationship, int age) {
            return new Member(relationship, age, false, false, false, false, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO);
        }

        public Member inSchool() {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, true, wages, farming, business, welfare, other);
        }

        public Member jobless() {
            return new Member(relationship, age, disabled, chronicallyIll, true, studying, wages, farming, business, welfare, other);
        }

        public Member withDisability() {
            return new Member(relationship, age, true, chronicallyIll, unemployed, studying, wages, farming, business, welfare, other);
        }

        public Member wages(int baht) {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, studying, BigDecimal.valueOf(baht), farming, business,
                    welfare, other);
        }

        public Member farming(int baht) {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, studying, wages, BigDecimal.valueOf(baht), business,
                    welfare, other);
        }

        public Member business(int baht) {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, studying, wages, farming, BigDecimal.valueOf(baht),
                    welfare, other);
        }

        public Member welfare(int baht) {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, studying, wages, farming, business,
                    BigDecimal.valueOf(baht), other);
        }

        public Member other(int baht) {
            return new Member(relationship, age, disabled, chronicallyIll, unemployed, studying, wages, farming, business, welfare,
                    BigDecimal.valueOf(baht));
        }

        public BigDecimal income() {
            return wages.add(farming).add(business).add(welfare).add(other);
        }
    }

    /** The defaults of the worked examples: OWN / CEMENT / BRICK_BLOCK / METAL with a toilet, NONE, TAP, METER, nothing owned. */
    public static TestHousehold example(Member... members) {
        return new TestHousehold("40", false, "OWN", "CEMENT", "BRICK_BLOCK", "METAL", true, "NONE", "TAP", "METER",
                new Integer[] {0, 0, 0, 0, 0, 0, 0}, new Boolean[] {false, false, false, false, false}, List.of(members));
    }

    public TestHousehold singleParent(boolean value) {
        return new TestHousehold(provinceCode, value, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, vehicles, appliances,
                members);
    }

    public TestHousehold housing(String tenure, String floor, String walls, String roof, Boolean hasToilet) {
        return new TestHousehold(provinceCode, singleParent, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, vehicles,
                appliances, members);
    }

    public TestHousehold land(String farmland, String water, String electricity) {
        return new TestHousehold(provinceCode, singleParent, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, vehicles,
                appliances, members);
    }

    public TestHousehold vehicles(Integer... counts) {
        return new TestHousehold(provinceCode, singleParent, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, counts,
                appliances, members);
    }

    public TestHousehold appliances(Boolean... owned) {
        return new TestHousehold(provinceCode, singleParent, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, vehicles,
                owned, members);
    }

    public TestHousehold in(String province) {
        return new TestHousehold(province, singleParent, tenure, floor, walls, roof, hasToilet, farmland, water, electricity, vehicles,
                appliances, members);
    }

    /** The household as a survey document of the demo school 1040010001; one national id per STUDENT, in order. */
    public String json(String term, String visitedOn, List<String> studentIds) {
        List<String> memberJson = new ArrayList<>();
        int student = 0;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            StringBuilder b = new StringBuilder("{\"relationship\": \"" + m.relationship() + "\", ");
            if ("STUDENT".equals(m.relationship())) {
                b.append("\"nationalId\": \"").append(studentIds.get(student++)).append("\", \"sex\": \"F\", \"gradeLevel\": \"P4\", ")
                        .append("\"birthDate\": \"").append(2026 - m.age() - 1).append("-01-15\", ");
            } else {
                b.append("\"age\": ").append(m.age()).append(", ");
            }
            b.append("\"firstName\": \"สมาชิก").append(i).append("\", \"lastName\": \"ทดสอบ\", ");
            b.append(String.format(Locale.ROOT, "\"disabled\": %s, \"chronicallyIll\": %s, \"unemployed\": %s, \"studying\": %s, ",
                    m.disabled(), m.chronicallyIll(), m.unemployed(), m.studying()));
            b.append(String.format(Locale.ROOT, "\"income\": {\"wages\": %s, \"farming\": %s, \"business\": %s, \"welfare\": %s, \"other\": %s}}",
                    m.wages().toPlainString(), m.farming().toPlainString(), m.business().toPlainString(), m.welfare().toPlainString(),
                    m.other().toPlainString()));
            memberJson.add(b.toString());
        }
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < VEHICLES.length; i++) {
            v.append(i == 0 ? "" : ", ").append('"').append(VEHICLES[i]).append("\": ").append(vehicles[i]);
        }
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < APPLIANCES.length; i++) {
            a.append(i == 0 ? "" : ", ").append('"').append(APPLIANCES[i]).append("\": ").append(appliances[i]);
        }
        return """
                {"term": "%s", "visitedOn": "%s", "orgUnitCode": "1040010001",
                 "address": {"houseNo": "9", "villageNo": 3, "subdistrictCode": "400102", "postcode": "40000"},
                 "location": {"lat": 16.537, "lon": 102.837}, "singleParent": %s,
                 "members": [%s],
                 "housing": {"tenure": %s, "floor": %s, "walls": %s, "roof": %s, "hasToilet": %s},
                 "farmland": %s, "drinkingWater": %s, "electricity": %s,
                 "vehicles": {%s}, "appliances": {%s}}
                """.formatted(term, visitedOn, singleParent, String.join(",\n", memberJson), q(tenure), q(floor), q(walls), q(roof), hasToilet,
                q(farmland), q(water), q(electricity), v, a);
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
