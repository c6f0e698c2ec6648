package org.eduequity.survey;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eduequity.geography.Geography;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.shared.Term;
import org.springframework.stereotype.Component;

/**
 * Checks a survey document against the limits of docs/survey-format.md and reports every problem with
 * its field path. Missing answers about housing, land, water, electricity, vehicles and appliances are not
 * errors: screening classifies such a household INCOMPLETE.
 */
@Component
class SurveyValidator {

    static final Set<String> RELATIONSHIPS = Set.of("STUDENT", "FATHER", "MOTHER", "GRANDPARENT", "SIBLING", "RELATIVE", "GUARDIAN", "OTHER");
    static final Set<String> TENURE = Set.of("OWN", "RENT", "DORMITORY", "LIVE_WITH_OTHERS");
    static final Set<String> FLOOR = Set.of("TILE", "PARQUET", "CEMENT", "VINYL", "WOOD_PLANK", "OTHER", "BAMBOO", "EARTH");
    static final Set<String> WALLS = Set.of("CEMENT_RENDERED", "BRICK_BLOCK", "FIBRE_CEMENT", "WOOD_PLANK", "ZINC", "PLYWOOD", "OTHER", "BAMBOO_SCRAP");
    static final Set<String> ROOF = Set.of("TILE", "METAL", "WOOD_PLANK", "OTHER", "LEAVES", "SHEET");
    static final Set<String> FARMLAND = Set.of("OVER_5_RAI", "RAI_1_TO_5", "UNDER_1_RAI", "NONE");
    static final Set<String> WATER = Set.of("TAP", "BOTTLED", "WELL", "RAIN_OR_STREAM");
    static final Set<String> ELECTRICITY = Set.of("METER", "SHARED_OR_BATTERY", "GENERATOR_OR_SOLAR", "NONE");
    static final Set<String> JOURNEY_MODES = Set.of("WALK", "BICYCLE", "MOTORCYCLE", "SCHOOL_BUS", "PUBLIC_TRANSPORT", "CAR", "BOAT", "OTHER");
    static final Set<String> CONSENT_SCOPES = Set.of("SCREENING", "REFERRAL", "SHARE_HIGHER_EDUCATION", "SHARE_HEALTH");
    static final Set<String> SEXES = Set.of("M", "F");
    static final BigDecimal MAX_INCOME = new BigDecimal("1000000");

    private final Geography geography;
    private final Clock clock;

    SurveyValidator(Geography geography, Clock clock) {
        this.geography = geography;
        this.clock = clock;
    }

    /** Problems that only say something is missing: a draft may have them, a submitted survey may not. */
    static final Set<String> MISSING = Set.of("survey.error.required", "survey.error.noMembers", "survey.error.noStudent",
            "survey.error.ageOrBirthDate", "survey.error.studentNationalId");

    /** A draft: only what is present is checked; what is missing may be filled in later. */
    List<FieldProblem> checkDraft(SurveyDocument d) {
        return check(d).stream().filter(p -> !MISSING.contains(p.messageKey())).toList();
    }

    /**
     * What the teachers' screen requires before submit beyond {@link #check}: every section answered, the
     * home's position, the income certifier, each member's sex, and the consent answered (given or not).
     */
    List<FieldProblem> checkComplete(SurveyDocument d) {
        List<FieldProblem> p = new ArrayList<>();
        if (d.location() == null || d.location().lat() == null || d.location().lon() == null) {
            p.add(FieldProblem.of("location", "survey.error.locationRequired"));
        }
        SurveyDocument.Housing h = d.housing();
        requireValue(h == null ? null : h.tenure(), "housing.tenure", p);
        requireValue(h == null ? null : h.floor(), "housing.floor", p);
        requireValue(h == null ? null : h.walls(), "housing.walls", p);
        requireValue(h == null ? null : h.roof(), "housing.roof", p);
        requireValue(h == null ? null : h.hasToilet(), "housing.hasToilet", p);
        requireValue(d.farmland(), "farmland", p);
        requireValue(d.drinkingWater(), "drinkingWater", p);
        requireValue(d.electricity(), "electricity", p);
        SurveyDocument.Vehicles v = d.vehicles();
        for (String[] f : new String[][] {{"carUpTo15y"}, {"carOver15y"}, {"pickupUpTo15y"}, {"pickupOver15y"}, {"tractorUpTo15y"},
                {"tractorOver15y"}, {"motorcycleOrBoat"}}) {
            Object value = v == null ? null : switch (f[0]) {
                case "carUpTo15y" -> v.carUpTo15y();
                case "carOver15y" -> v.carOver15y();
                case "pickupUpTo15y" -> v.pickupUpTo15y();
                case "pickupOver15y" -> v.pickupOver15y();
                case "tractorUpTo15y" -> v.tractorUpTo15y();
                case "tractorOver15y" -> v.tractorOver15y();
                default -> v.motorcycleOrBoat();
            };
            requireValue(value, "vehicles." + f[0], p);
        }
        SurveyDocument.Appliances a = d.appliances();
        requireValue(a == null ? null : a.computer(), "appliances.computer", p);
        requireValue(a == null ? null : a.airConditioner(), "appliances.airConditioner", p);
        requireValue(a == null ? null : a.flatScreenTv(), "appliances.flatScreenTv", p);
        requireValue(a == null ? null : a.washingMachine(), "appliances.washingMachine", p);
        requireValue(a == null ? null : a.refrigerator(), "appliances.refrigerator", p);
        SurveyDocument.Certifier c = d.incomeCertifiedBy();
        requireValue(c == null || blank(c.name()) ? null : c.name(), "incomeCertifiedBy.name", p);
        requireValue(c == null || blank(c.position()) ? null : c.position(), "incomeCertifiedBy.position", p);
        requireValue(d.consent() == null ? null : d.consent().given(), "consent.given", p);
        if (d.members() != null) {
            for (int i = 0; i < d.members().size(); i++) {
                SurveyDocument.Member m = d.members().get(i);
                if (m != null) {
                    requireValue(m.sex(), "members[" + i + "].sex", p);
                }
            }
        }
        return p;
    }

    private static void requireValue(Object value, String field, List<FieldProblem> p) {
        if (value == null) {
            p.add(FieldProblem.of(field, "survey.error.required"));
        }
    }

    List<FieldProblem> check(SurveyDocument d) {
        List<FieldProblem> p = new ArrayList<>();
        Term term = null;
        if (blank(d.term())) {
            p.add(FieldProblem.of("term", "survey.error.required"));
        } else {
            try {
                term = Term.parse(d.term());
            } catch (InvalidValueException e) {
                p.add(FieldProblem.of("term", e.messageKey()));
            }
        }
        LocalDate visitedOn = date(d.visitedOn(), "visitedOn", true, p);
        LocalDate today = LocalDate.now(clock);
        if (visitedOn != null) {
            if (visitedOn.isAfter(today)) {
                p.add(FieldProblem.of("visitedOn", "survey.error.future"));
            } else if (term != null && !term.contains(visitedOn)) {
                p.add(FieldProblem.of("visitedOn", "survey.error.outsideTerm", term.toString()));
            }
        }
        if (blank(d.orgUnitCode())) {
            p.add(FieldProblem.of("orgUnitCode", "survey.error.required"));
        }
        checkAddress(d.address(), p);
        if (d.location() != null) {
            range(d.location().lat(), "location.lat", "5.5", "20.5", p);
            range(d.location().lon(), "location.lon", "97.3", "105.7", p);
        }
        checkMembers(d.members(), visitedOn == null ? today : visitedOn, today, p);
        if (d.housing() != null) {
            oneOf(d.housing().tenure(), TENURE, "housing.tenure", p);
            oneOf(d.housing().floor(), FLOOR, "housing.floor", p);
            oneOf(d.housing().walls(), WALLS, "housing.walls", p);
            oneOf(d.housing().roof(), ROOF, "housing.roof", p);
        }
        oneOf(d.farmland(), FARMLAND, "farmland", p);
        oneOf(d.drinkingWater(), WATER, "drinkingWater", p);
        oneOf(d.electricity(), ELECTRICITY, "electricity", p);
        if (d.vehicles() != null) {
            SurveyDocument.Vehicles v = d.vehicles();
            count(v.carUpTo15y(), "vehicles.carUpTo15y", p);
            count(v.carOver15y(), "vehicles.carOver15y", p);
            count(v.pickupUpTo15y(), "vehicles.pickupUpTo15y", p);
            count(v.pickupOver15y(), "vehicles.pickupOver15y", p);
            count(v.tractorUpTo15y(), "vehicles.tractorUpTo15y", p);
            count(v.tractorOver15y(), "vehicles.tractorOver15y", p);
            count(v.motorcycleOrBoat(), "vehicles.motorcycleOrBoat", p);
        }
        if (d.journeyToSchool() != null) {
            SurveyDocument.Journey j = d.journeyToSchool();
            range(j.distanceKm(), "journeyToSchool.distanceKm", "0", "500", p);
            if (j.minutes() != null && (j.minutes() < 0 || j.minutes() > 600)) {
                p.add(FieldProblem.of("journeyToSchool.minutes", "survey.error.range", 0, 600));
            }
            oneOf(j.mode(), JOURNEY_MODES, "journeyToSchool.mode", p);
        }
        if (d.consent() != null) {
            date(d.consent().givenOn(), "consent.givenOn", false, p);
            if (d.consent().scopes() != null) {
                for (int i = 0; i < d.consent().scopes().size(); i++) {
                    oneOf(d.consent().scopes().get(i), CONSENT_SCOPES, "consent.scopes[" + i + "]", p);
                }
            }
            name(d.consent().givenBy(), "consent.givenBy", false, p);
        }
        if (d.incomeCertifiedBy() != null) {
            name(d.incomeCertifiedBy().name(), "incomeCertifiedBy.name", false, p);
            name(d.incomeCertifiedBy().position(), "incomeCertifiedBy.position", false, p);
        }
        return p;
    }

    private void checkAddress(SurveyDocument.Address a, List<FieldProblem> p) {
        if (a == null) {
            p.add(FieldProblem.of("address", "survey.error.required"));
            return;
        }
        if (blank(a.subdistrictCode())) {
            p.add(FieldProblem.of("address.subdistrictCode", "survey.error.required"));
        } else if (!a.subdistrictCode().matches("[0-9]{6}") || geography.subdistrict(a.subdistrictCode()).isEmpty()) {
            p.add(FieldProblem.of("address.subdistrictCode", "survey.error.subdistrict"));
        }
        if (a.villageNo() != null && (a.villageNo() < 1 || a.villageNo() > 99)) {
            p.add(FieldProblem.of("address.villageNo", "survey.error.range", 1, 99));
        }
        if (a.postcode() != null && !a.postcode().matches("[0-9]{5}")) {
            p.add(FieldProblem.of("address.postcode", "survey.error.postcode"));
        }
        if (a.houseNo() != null && (a.houseNo().length() > 30 || hasControl(a.houseNo()))) {
            p.add(FieldProblem.of("address.houseNo", "survey.error.houseNo"));
        }
    }

    private void checkMembers(List<SurveyDocument.Member> members, LocalDate visitedOn, LocalDate today, List<FieldProblem> p) {
        if (members == null || members.isEmpty()) {
            p.add(FieldProblem.of("members", "survey.error.noMembers"));
            return;
        }
        if (members.size() > 30) {
            p.add(FieldProblem.of("members", "survey.error.tooManyMembers", 30));
        }
        boolean student = false;
        int guardians = 0;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            SurveyDocument.Member m = members.get(i);
            String at = "members[" + i + "]";
            if (m == null) {
                p.add(FieldProblem.of(at, "survey.error.required"));
                continue;
            }
            boolean isStudent = "STUDENT".equals(m.relationship());
            student |= isStudent;
            if (blank(m.relationship())) {
                p.add(FieldProblem.of(at + ".relationship", "survey.error.required"));
            } else {
                oneOf(m.relationship(), RELATIONSHIPS, at + ".relationship", p);
            }
            if (Boolean.TRUE.equals(m.guardian())) {
                guardians++;
            }
            if (blank(m.nationalId())) {
                if (isStudent) {
                    p.add(FieldProblem.of(at + ".nationalId", "survey.error.studentNationalId"));
                }
            } else {
                try {
                    String id = NationalId.of(m.nationalId()).value();
                    if (!ids.add(id)) {
                        p.add(FieldProblem.of(at + ".nationalId", "survey.error.duplicateNationalId"));
                    }
                } catch (InvalidValueException e) {
                    p.add(FieldProblem.of(at + ".nationalId", e.messageKey()));
                }
            }
            name(m.firstName(), at + ".firstName", true, p);
            name(m.lastName(), at + ".lastName", true, p);
            LocalDate birth = date(m.birthDate(), at + ".birthDate", false, p);
            if (birth == null && m.age() == null && blank(m.birthDate())) {
                p.add(FieldProblem.of(at + ".age", "survey.error.ageOrBirthDate"));
            }
            if (m.age() != null && (m.age() < 0 || m.age() > 130)) {
                p.add(FieldProblem.of(at + ".age", "survey.error.range", 0, 130));
            }
            if (birth != null) {
                if (birth.isAfter(today)) {
                    p.add(FieldProblem.of(at + ".birthDate", "survey.error.future"));
                } else if (isStudent && birth.isBefore(visitedOn.minusYears(25))) {
                    p.add(FieldProblem.of(at + ".birthDate", "survey.error.studentTooOld", 25));
                }
            }
            if (m.sex() != null) {
                oneOf(m.sex(), SEXES, at + ".sex", p);
            }
            if (m.gradeLevel() != null && !m.gradeLevel().matches("[A-Z0-9-]{1,10}")) {
                p.add(FieldProblem.of(at + ".gradeLevel", "survey.error.gradeLevel"));
            }
            if (m.income() != null) {
                SurveyDocument.Income in = m.income();
                income(in.wages(), at + ".income.wages", p);
                income(in.farming(), at + ".income.farming", p);
                income(in.business(), at + ".income.business", p);
                income(in.welfare(), at + ".income.welfare", p);
                income(in.other(), at + ".income.other", p);
            }
        }
        if (!student) {
            p.add(FieldProblem.of("members", "survey.error.noStudent"));
        }
        if (guardians > 1) {
            p.add(FieldProblem.of("members", "survey.error.oneGuardian"));
        }
    }

    private static void income(BigDecimal amount, String field, List<FieldProblem> p) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0 || amount.compareTo(MAX_INCOME) > 0) {
            p.add(FieldProblem.of(field, "survey.error.income", "1,000,000"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
            p.add(FieldProblem.of(field, "validation.money.scale"));
        }
    }

    private static void count(Integer n, String field, List<FieldProblem> p) {
        if (n != null && (n < 0 || n > 20)) {
            p.add(FieldProblem.of(field, "survey.error.range", 0, 20));
        }
    }

    private static void range(BigDecimal v, String field, String min, String max, List<FieldProblem> p) {
        if (v != null && (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0)) {
            p.add(FieldProblem.of(field, "survey.error.range", min, max));
        }
    }

    private static void oneOf(String value, Set<String> allowed, String field, List<FieldProblem> p) {
        if (value != null && !allowed.contains(value)) {
            p.add(FieldProblem.of(field, "survey.error.oneOf", String.join(", ", new java.util.TreeSet<>(allowed))));
        }
    }

    private static void name(String value, String field, boolean required, List<FieldProblem> p) {
        if (blank(value)) {
            if (required) {
                p.add(FieldProblem.of(field, "survey.error.required"));
            }
        } else if (value.length() > 100 || hasControl(value)) {
            p.add(FieldProblem.of(field, "survey.error.name", 100));
        }
    }

    private static LocalDate date(String value, String field, boolean required, List<FieldProblem> p) {
        if (blank(value)) {
            if (required) {
                p.add(FieldProblem.of(field, "survey.error.required"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            p.add(FieldProblem.of(field, "survey.error.isoDate"));
            return null;
        }
    }

    private static boolean hasControl(String s) {
        return s.codePoints().anyMatch(Character::isISOControl);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
