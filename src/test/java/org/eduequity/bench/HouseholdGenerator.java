package org.eduequity.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic, realistic home-visit households for the benchmarks: household {@code i} of a generator is the
 * same on every run (its own {@link Random} seeded from the generator's seed and {@code i}), so the NDJSON import
 * and the COPY baseline carry exactly the same rows. 1–8 members, at least one STUDENT with a valid national id
 * unique within the generator (prefix + serial), answers drawn from the enumerations of docs/survey-format.md,
 * addresses in real subdistricts of one province, term 2569/1 with the visit inside the term.
 */
final class HouseholdGenerator {

    /** A subdistrict the households live in. */
    record Place(String code, String postcode, BigDecimal lat, BigDecimal lon) {
    }

    /** One generated member. {@code nationalId} only for students. */
    record Member(String relationship, String nationalId, String firstName, String lastName, LocalDate birthDate, Integer age,
                  String sex, String gradeLevel, boolean disabled, boolean chronicallyIll, boolean unemployed, boolean studying,
                  boolean guardian, int wages, int farming, int business, int welfare, int other) {
    }

    /** One generated household with its visit. */
    record Household(int index, UUID externalId, LocalDate visitedOn, String houseNo, int villageNo, Place place,
                     BigDecimal lat, BigDecimal lon, boolean singleParent, List<Member> members, String tenure, String floor,
                     String walls, String roof, boolean toilet, String farmland, String water, String electricity, int[] vehicles,
                     boolean[] appliances, BigDecimal distanceKm, int minutes, String mode, String certifierName,
                     String certifierPosition, List<String> consentScopes) {
    }

    static final String TERM = "2569/1";
    static final LocalDate TERM_START = LocalDate.of(2026, 5, 16);
    static final LocalDate TERM_END = LocalDate.of(2026, 10, 31);

    private static final String[] GIVEN_F = {"มะลิ", "สมใจ", "กุหลาบ", "นภา", "พิมพ์ชนก", "ศิริพร", "อรุณี", "จันทร์เพ็ญ", "ดวงใจ", "สุภาพร"};
    private static final String[] GIVEN_M = {"สมชาย", "ประเสริฐ", "วีระ", "สมศักดิ์", "ธนากร", "อนันต์", "บุญมี", "ชัยวัฒน์", "สุรชัย", "ณัฐพล"};
    private static final String[] FAMILY = {"ใจดี", "ศรีสุข", "บุญมา", "แสนดี", "พรหมมา", "สีดา", "ทองคำ", "คำแก้ว", "ภูมิพัฒน์", "วงศ์ใหญ่",
            "อินทร์แก้ว", "ชัยมงคล"};
    private static final String[] ADULT_REL = {"MOTHER", "FATHER", "GRANDPARENT", "RELATIVE", "SIBLING", "OTHER"};
    private static final int[] ADULT_REL_WEIGHT = {30, 22, 25, 12, 8, 3};
    private static final String[] TENURE = {"OWN", "RENT", "LIVE_WITH_OTHERS", "DORMITORY"};
    private static final int[] TENURE_W = {70, 12, 16, 2};
    private static final String[] FLOOR = {"CEMENT", "WOOD_PLANK", "TILE", "EARTH", "BAMBOO", "VINYL", "PARQUET", "OTHER"};
    private static final int[] FLOOR_W = {40, 25, 15, 8, 4, 4, 2, 2};
    private static final String[] WALLS = {"CEMENT_RENDERED", "WOOD_PLANK", "BRICK_BLOCK", "ZINC", "PLYWOOD", "BAMBOO_SCRAP", "FIBRE_CEMENT", "OTHER"};
    private static final int[] WALLS_W = {30, 25, 15, 10, 8, 6, 4, 2};
    private static final String[] ROOF = {"METAL", "TILE", "SHEET", "WOOD_PLANK", "LEAVES", "OTHER"};
    private static final int[] ROOF_W = {55, 20, 15, 4, 4, 2};
    private static final String[] FARMLAND = {"NONE", "UNDER_1_RAI", "RAI_1_TO_5", "OVER_5_RAI"};
    private static final int[] FARMLAND_W = {35, 20, 30, 15};
    private static final String[] WATER = {"BOTTLED", "TAP", "WELL", "RAIN_OR_STREAM"};
    private static final int[] WATER_W = {45, 35, 12, 8};
    private static final String[] ELECTRICITY = {"METER", "SHARED_OR_BATTERY", "GENERATOR_OR_SOLAR", "NONE"};
    private static final int[] ELECTRICITY_W = {85, 10, 3, 2};
    private static final String[] MODES = {"MOTORCYCLE", "WALK", "BICYCLE", "SCHOOL_BUS", "PUBLIC_TRANSPORT", "CAR", "BOAT", "OTHER"};
    private static final int[] MODES_W = {40, 20, 15, 12, 6, 4, 1, 2};
    private static final int[] MEMBERS_W = {2, 10, 20, 24, 20, 12, 7, 5}; // 1..8 members
    private static final String[] POSITIONS = {"ผู้ใหญ่บ้าน", "กำนัน", "ผู้อำนวยการโรงเรียน", "ครู"};

    private final long seed;
    private final String idPrefix;
    private final List<Place> places;

    /**
     * @param idPrefix two digits that start every student's national id (the rest is the student's serial), so
     *                 that different generators never share ids
     */
    HouseholdGenerator(long seed, String idPrefix, List<Place> places) {
        if (idPrefix.length() != 2 || places.isEmpty()) {
            throw new IllegalArgumentException("two-digit prefix and at least one place");
        }
        this.seed = seed;
        this.idPrefix = idPrefix;
        this.places = List.copyOf(places);
    }

    /** Household {@code i}; students are numbered {@code i * 8 + position}, so ids are unique without state. */
    Household household(int i) {
        Random r = new Random(seed * 1_000_003L + i);
        UUID externalId = new UUID(0xB0B0_0000_0000_4000L | (seed & 0xFFFF) << 16, 0x8000_0000_0000_0000L | i);
        LocalDate visitedOn = TERM_START.plusDays(r.nextInt((int) (TERM_END.toEpochDay() - TERM_START.toEpochDay()) + 1));
        Place place = places.get(r.nextInt(places.size()));
        BigDecimal lat = null;
        BigDecimal lon = null;
        if (place.lat() != null && place.lon() != null) {
            lat = place.lat().add(BigDecimal.valueOf(r.nextInt(4001) - 2000, 5)).setScale(6, RoundingMode.HALF_UP);
            lon = place.lon().add(BigDecimal.valueOf(r.nextInt(4001) - 2000, 5)).setScale(6, RoundingMode.HALF_UP);
        }
        int size = pick(r, MEMBERS_W) + 1;
        int students = Math.max(1, Math.min(size == 1 ? 1 : size - 1, 1 + (r.nextInt(10) < 3 ? 1 : 0) + (r.nextInt(10) < 1 ? 1 : 0)));
        String family = FAMILY[r.nextInt(FAMILY.length)];
        List<Member> members = new ArrayList<>(size);
        for (int s = 0; s < students; s++) {
            boolean female = r.nextBoolean();
            LocalDate birth = visitedOn.minusYears(4 + r.nextInt(15)).minusDays(r.nextInt(365));
            int age = visitedOn.getYear() - birth.getYear();
            String grade = age <= 5 ? "K" + Math.max(1, age - 2) : age <= 11 ? "P" + (age - 5) : age <= 17 ? "M" + (age - 11) : "M6";
            members.add(new Member("STUDENT", nationalId(i * 8L + members.size()), (female ? "ด.ญ. " + GIVEN_F[r.nextInt(10)]
                    : "ด.ช. " + GIVEN_M[r.nextInt(10)]), family, birth, null, female ? "F" : "M", grade, r.nextInt(50) == 0,
                    r.nextInt(30) == 0, false, true, false, 0, 0, 0, r.nextInt(4) == 0 ? 400 : 0, 0));
        }
        boolean guardianTaken = false;
        while (members.size() < size) {
            String rel = ADULT_REL[pick(r, ADULT_REL_WEIGHT)];
            boolean female = "MOTHER".equals(rel) || (!"FATHER".equals(rel) && r.nextBoolean());
            int age = switch (rel) {
                case "GRANDPARENT" -> 55 + r.nextInt(30);
                case "SIBLING" -> 19 + r.nextInt(10);
                default -> 26 + r.nextInt(30);
            };
            boolean guardian = !guardianTaken && !"SIBLING".equals(rel);
            guardianTaken |= guardian;
            boolean unemployed = r.nextInt(8) == 0;
            int wages = unemployed ? 0 : r.nextInt(3) == 0 ? 0 : 1500 + r.nextInt(120) * 100;
            int farming = r.nextInt(3) == 0 ? r.nextInt(60) * 100 : 0;
            int business = r.nextInt(10) == 0 ? r.nextInt(200) * 100 : 0;
            int welfare = age >= 60 ? 600 + r.nextInt(5) * 100 : r.nextInt(6) == 0 ? 300 : 0;
            members.add(new Member(rel, null, (female ? GIVEN_F[r.nextInt(10)] : GIVEN_M[r.nextInt(10)]), family, null, age,
                    female ? "F" : "M", null, r.nextInt(40) == 0, r.nextInt(12) == 0, unemployed, false, guardian, wages, farming,
                    business, welfare, r.nextInt(15) == 0 ? 500 : 0));
        }
        int[] vehicles = {r.nextInt(10) == 0 ? 1 : 0, r.nextInt(12) == 0 ? 1 : 0, r.nextInt(6) == 0 ? 1 : 0, r.nextInt(8) == 0 ? 1 : 0,
                r.nextInt(20) == 0 ? 1 : 0, r.nextInt(25) == 0 ? 1 : 0, r.nextInt(4)};
        boolean[] appliances = {r.nextInt(5) == 0, r.nextInt(8) == 0, r.nextInt(2) == 0, r.nextInt(3) == 0, r.nextInt(5) != 0};
        List<String> scopes = r.nextInt(3) == 0 ? List.of("SCREENING", "REFERRAL") : List.of("SCREENING");
        return new Household(i, externalId, visitedOn, (1 + r.nextInt(300)) + (r.nextInt(4) == 0 ? "/" + (1 + r.nextInt(9)) : ""),
                1 + r.nextInt(20), place, lat, lon, r.nextInt(5) == 0, members, TENURE[pick(r, TENURE_W)], FLOOR[pick(r, FLOOR_W)],
                WALLS[pick(r, WALLS_W)], ROOF[pick(r, ROOF_W)], r.nextInt(10) != 0, FARMLAND[pick(r, FARMLAND_W)],
                WATER[pick(r, WATER_W)], ELECTRICITY[pick(r, ELECTRICITY_W)], vehicles, appliances,
                BigDecimal.valueOf(5 + r.nextInt(2000), 2), 5 + r.nextInt(60), MODES[pick(r, MODES_W)],
                "นาย" + GIVEN_M[r.nextInt(10)] + " " + FAMILY[r.nextInt(FAMILY.length)], POSITIONS[r.nextInt(POSITIONS.length)], scopes);
    }

    /** A valid 13-digit national id: prefix, 10-digit serial, check digit. */
    String nationalId(long serial) {
        String twelve = idPrefix + String.format("%010d", serial);
        int sum = 0;
        for (int k = 0; k < 12; k++) {
            sum += (twelve.charAt(k) - '0') * (13 - k);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    /** The household as one line of the NDJSON import (docs/survey-format.md), without the newline. */
    static String json(Household h, String orgUnitCode) {
        StringBuilder b = new StringBuilder(1600);
        b.append("{\"externalId\":\"").append(h.externalId()).append("\",\"term\":\"").append(TERM)
                .append("\",\"visitedOn\":\"").append(h.visitedOn()).append("\",\"orgUnitCode\":\"").append(orgUnitCode)
                .append("\",\"address\":{\"houseNo\":\"").append(h.houseNo()).append("\",\"villageNo\":").append(h.villageNo())
                .append(",\"subdistrictCode\":\"").append(h.place().code()).append('"');
        if (h.place().postcode() != null) {
            b.append(",\"postcode\":\"").append(h.place().postcode()).append('"');
        }
        b.append('}');
        if (h.lat() != null) {
            b.append(",\"location\":{\"lat\":").append(h.lat().toPlainString()).append(",\"lon\":").append(h.lon().toPlainString()).append('}');
        }
        b.append(",\"singleParent\":").append(h.singleParent()).append(",\"members\":[");
        for (int k = 0; k < h.members().size(); k++) {
            Member m = h.members().get(k);
            if (k > 0) {
                b.append(',');
            }
            b.append("{\"relationship\":\"").append(m.relationship()).append('"');
            if (m.nationalId() != null) {
                b.append(",\"nationalId\":\"").append(m.nationalId()).append('"');
            }
            b.append(",\"firstName\":\"").append(m.firstName()).append("\",\"lastName\":\"").append(m.lastName()).append('"');
            if (m.birthDate() != null) {
                b.append(",\"birthDate\":\"").append(m.birthDate()).append('"');
            }
            if (m.age() != null) {
                b.append(",\"age\":").append(m.age());
            }
            b.append(",\"sex\":\"").append(m.sex()).append('"');
            if (m.gradeLevel() != null) {
                b.append(",\"gradeLevel\":\"").append(m.gradeLevel()).append('"');
            }
            b.append(",\"disabled\":").append(m.disabled()).append(",\"chronicallyIll\":").append(m.chronicallyIll())
                    .append(",\"unemployed\":").append(m.unemployed()).append(",\"studying\":").append(m.studying())
                    .append(",\"guardian\":").append(m.guardian()).append(",\"income\":{\"wages\":").append(m.wages())
                    .append(",\"farming\":").append(m.farming()).append(",\"business\":").append(m.business())
                    .append(",\"welfare\":").append(m.welfare()).append(",\"other\":").append(m.other()).append("}}");
        }
        int[] v = h.vehicles();
        boolean[] a = h.appliances();
        b.append("],\"housing\":{\"tenure\":\"").append(h.tenure()).append("\",\"floor\":\"").append(h.floor())
                .append("\",\"walls\":\"").append(h.walls()).append("\",\"roof\":\"").append(h.roof()).append("\",\"hasToilet\":")
                .append(h.toilet()).append("},\"farmland\":\"").append(h.farmland()).append("\",\"drinkingWater\":\"")
                .append(h.water()).append("\",\"electricity\":\"").append(h.electricity()).append("\",\"vehicles\":{\"carUpTo15y\":")
                .append(v[0]).append(",\"carOver15y\":").append(v[1]).append(",\"pickupUpTo15y\":").append(v[2])
                .append(",\"pickupOver15y\":").append(v[3]).append(",\"tractorUpTo15y\":").append(v[4]).append(",\"tractorOver15y\":")
                .append(v[5]).append(",\"motorcycleOrBoat\":").append(v[6]).append("},\"appliances\":{\"computer\":").append(a[0])
                .append(",\"airConditioner\":").append(a[1]).append(",\"flatScreenTv\":").append(a[2]).append(",\"washingMachine\":")
                .append(a[3]).append(",\"refrigerator\":").append(a[4]).append("},\"journeyToSchool\":{\"distanceKm\":")
                .append(h.distanceKm().toPlainString()).append(",\"minutes\":").append(h.minutes()).append(",\"mode\":\"")
                .append(h.mode()).append("\"},\"incomeCertifiedBy\":{\"name\":\"").append(h.certifierName()).append("\",\"position\":\"")
                .append(h.certifierPosition()).append("\"},\"consent\":{\"given\":true,\"givenBy\":\"GUARDIAN\",\"givenOn\":\"")
                .append(h.visitedOn()).append("\",\"scopes\":[");
        for (int k = 0; k < h.consentScopes().size(); k++) {
            b.append(k == 0 ? "\"" : ",\"").append(h.consentScopes().get(k)).append('"');
        }
        return b.append("]}}").toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int pick(Random r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int k = 0; k < weights.length; k++) {
            x -= weights[k];
            if (x < 0) {
                return k;
            }
        }
        return weights.length - 1;
    }
}
