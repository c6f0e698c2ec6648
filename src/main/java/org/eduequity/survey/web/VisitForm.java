package org.eduequity.survey.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eduequity.shared.BuddhistDateFormat;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.Money;
import org.eduequity.survey.SurveyDocument;

/**
 * The home-visit form as the browser posts it (bound field by field, so every input keeps what was typed). Numbers
 * are text here and read strictly by {@link #toDocument}, which reports each unreadable one against its field path
 * — the same paths as {@link SurveyDocument}'s problems ({@code members[1].income.wages}). Dates are Buddhist era.
 */
public class VisitForm {

    public static final int MAX_MEMBERS = 30;

    public Long version;
    @BuddhistDateFormat
    public LocalDate visitedOn;
    public Address address = new Address();
    public Location location = new Location();
    public Boolean singleParent;
    public List<Member> members = new ArrayList<>();
    public Housing housing = new Housing();
    public String farmland;
    public String drinkingWater;
    public String electricity;
    public Vehicles vehicles = new Vehicles();
    public Appliances appliances = new Appliances();
    public Consent consent = new Consent();
    public Journey journeyToSchool = new Journey();
    public Certifier incomeCertifiedBy = new Certifier();

    public static class Address {
        public String houseNo;
        public String villageNo;
        public String subdistrictCode;
        public String postcode;
    }

    public static class Location {
        public String lat;
        public String lon;
    }

    public static class Member {
        public String relationship;
        public String nationalId;
        public String firstName;
        public String lastName;
        @BuddhistDateFormat
        public LocalDate birthDate;
        public String age;
        public String sex;
        public String gradeLevel;
        public Boolean disabled;
        public Boolean chronicallyIll;
        public Boolean unemployed;
        public Boolean studying;
        public Boolean guardian;
        public Income income = new Income();
    }

    public static class Income {
        public String wages;
        public String farming;
        public String business;
        public String welfare;
        public String other;
    }

    public static class Housing {
        public String tenure;
        public String floor;
        public String walls;
        public String roof;
        public Boolean hasToilet;
    }

    public static class Vehicles {
        public String carUpTo15y;
        public String carOver15y;
        public String pickupUpTo15y;
        public String pickupOver15y;
        public String tractorUpTo15y;
        public String tractorOver15y;
        public String motorcycleOrBoat;
    }

    /** Each appliance is a yes/no radio pair: nothing chosen (not answered) stays null, unlike "no". */
    public static class Appliances {
        public Boolean computer;
        public Boolean airConditioner;
        public Boolean flatScreenTv;
        public Boolean washingMachine;
        public Boolean refrigerator;
    }

    public static class Consent {
        public Boolean given;
        public String givenBy;
        @BuddhistDateFormat
        public LocalDate givenOn;
        public List<String> scopes = new ArrayList<>();
    }

    public static class Journey {
        public String distanceKm;
        public String minutes;
        public String mode;
    }

    public static class Certifier {
        public String name;
        public String position;
    }

    /** A field that could not be read: its path and message key. */
    public record Unreadable(String field, String messageKey) {
    }

    /** The document, or the fields that could not be read (then the document is null). */
    public record Conversion(SurveyDocument document, List<Unreadable> problems) {
    }

    // ------------------------------------------------------------------------------------------ from the document

    static VisitForm of(SurveyDocument d, long version) {
        VisitForm f = new VisitForm();
        f.version = version;
        f.visitedOn = date(d.visitedOn());
        if (d.address() != null) {
            f.address.houseNo = d.address().houseNo();
            f.address.villageNo = text(d.address().villageNo());
            f.address.subdistrictCode = d.address().subdistrictCode();
            f.address.postcode = d.address().postcode();
        }
        if (d.location() != null) {
            f.location.lat = text(d.location().lat());
            f.location.lon = text(d.location().lon());
        }
        f.singleParent = d.singleParent();
        if (d.members() != null) {
            for (SurveyDocument.Member m : d.members()) {
                Member r = new Member();
                if (m != null) {
                    r.relationship = m.relationship();
                    r.nationalId = m.nationalId();
                    r.firstName = m.firstName();
                    r.lastName = m.lastName();
                    r.birthDate = date(m.birthDate());
                    r.age = text(m.age());
                    r.sex = m.sex();
                    r.gradeLevel = m.gradeLevel();
                    r.disabled = m.disabled();
                    r.chronicallyIll = m.chronicallyIll();
                    r.unemployed = m.unemployed();
                    r.studying = m.studying();
                    r.guardian = m.guardian();
                    if (m.income() != null) {
                        r.income.wages = money(m.income().wages());
                        r.income.farming = money(m.income().farming());
                        r.income.business = money(m.income().business());
                        r.income.welfare = money(m.income().welfare());
                        r.income.other = money(m.income().other());
                    }
                }
                f.members.add(r);
            }
        }
        if (d.housing() != null) {
            f.housing.tenure = d.housing().tenure();
            f.housing.floor = d.housing().floor();
            f.housing.walls = d.housing().walls();
            f.housing.roof = d.housing().roof();
            f.housing.hasToilet = d.housing().hasToilet();
        }
        f.farmland = d.farmland();
        f.drinkingWater = d.drinkingWater();
        f.electricity = d.electricity();
        SurveyDocument.Vehicles v = d.vehicles();
        if (v != null) {
            f.vehicles.carUpTo15y = text(v.carUpTo15y());
            f.vehicles.carOver15y = text(v.carOver15y());
            f.vehicles.pickupUpTo15y = text(v.pickupUpTo15y());
            f.vehicles.pickupOver15y = text(v.pickupOver15y());
            f.vehicles.tractorUpTo15y = text(v.tractorUpTo15y());
            f.vehicles.tractorOver15y = text(v.tractorOver15y());
            f.vehicles.motorcycleOrBoat = text(v.motorcycleOrBoat());
        }
        SurveyDocument.Appliances a = d.appliances();
        if (a != null) {
            f.appliances.computer = a.computer();
            f.appliances.airConditioner = a.airConditioner();
            f.appliances.flatScreenTv = a.flatScreenTv();
            f.appliances.washingMachine = a.washingMachine();
            f.appliances.refrigerator = a.refrigerator();
        }
        if (d.consent() != null) {
            f.consent.given = d.consent().given();
            f.consent.givenBy = d.consent().givenBy();
            f.consent.givenOn = date(d.consent().givenOn());
            f.consent.scopes = d.consent().scopes() == null ? new ArrayList<>() : new ArrayList<>(d.consent().scopes());
        }
        if (d.journeyToSchool() != null) {
            f.journeyToSchool.distanceKm = text(d.journeyToSchool().distanceKm());
            f.journeyToSchool.minutes = text(d.journeyToSchool().minutes());
            f.journeyToSchool.mode = d.journeyToSchool().mode();
        }
        if (d.incomeCertifiedBy() != null) {
            f.incomeCertifiedBy.name = d.incomeCertifiedBy().name();
            f.incomeCertifiedBy.position = d.incomeCertifiedBy().position();
        }
        return f;
    }

    // ------------------------------------------------------------------------------------------ to the document

    /** The document the form describes; blank inputs are "not answered" (null). */
    Conversion toDocument(SurveyDocument draft) {
        List<Unreadable> p = new ArrayList<>();
        SurveyDocument.Address addr = new SurveyDocument.Address(blank(address.houseNo),
                integer(address.villageNo, "address.villageNo", p), blank(address.subdistrictCode), blank(address.postcode));
        BigDecimal lat = decimal(location.lat, "location.lat", p);
        BigDecimal lon = decimal(location.lon, "location.lon", p);
        List<SurveyDocument.Member> ms = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            String at = "members[" + i + "]";
            if (m == null) {
                m = new Member();
            }
            Income in = m.income == null ? new Income() : m.income;
            ms.add(new SurveyDocument.Member(blank(m.relationship), blank(m.nationalId), blank(m.firstName), blank(m.lastName),
                    m.birthDate == null ? null : m.birthDate.toString(), integer(m.age, at + ".age", p), blank(m.sex),
                    blank(m.gradeLevel), m.disabled, m.chronicallyIll, m.unemployed, m.studying, m.guardian,
                    new SurveyDocument.Income(money(in.wages, at + ".income.wages", p), money(in.farming, at + ".income.farming", p),
                            money(in.business, at + ".income.business", p), money(in.welfare, at + ".income.welfare", p),
                            money(in.other, at + ".income.other", p))));
        }
        SurveyDocument.Vehicles v = new SurveyDocument.Vehicles(integer(vehicles.carUpTo15y, "vehicles.carUpTo15y", p),
                integer(vehicles.carOver15y, "vehicles.carOver15y", p), integer(vehicles.pickupUpTo15y, "vehicles.pickupUpTo15y", p),
                integer(vehicles.pickupOver15y, "vehicles.pickupOver15y", p),
                integer(vehicles.tractorUpTo15y, "vehicles.tractorUpTo15y", p),
                integer(vehicles.tractorOver15y, "vehicles.tractorOver15y", p),
                integer(vehicles.motorcycleOrBoat, "vehicles.motorcycleOrBoat", p));
        boolean anyVehicle = vehicles.carUpTo15y != null || vehicles.carOver15y != null || vehicles.pickupUpTo15y != null
                || vehicles.pickupOver15y != null || vehicles.tractorUpTo15y != null || vehicles.tractorOver15y != null
                || vehicles.motorcycleOrBoat != null;
        SurveyDocument.Journey j = new SurveyDocument.Journey(decimal(journeyToSchool.distanceKm, "journeyToSchool.distanceKm", p),
                integer(journeyToSchool.minutes, "journeyToSchool.minutes", p), blank(journeyToSchool.mode));
        if (!p.isEmpty()) {
            return new Conversion(null, p);
        }
        List<String> scopes = consent.scopes == null ? List.of() : consent.scopes.stream().filter(s -> s != null && !s.isBlank()).toList();
        SurveyDocument doc = new SurveyDocument(draft.externalId(), draft.term(), visitedOn == null ? null : visitedOn.toString(),
                draft.orgUnitCode(), addr, lat == null && lon == null ? null : new SurveyDocument.Location(lat, lon), singleParent, ms,
                new SurveyDocument.Housing(blank(housing.tenure), blank(housing.floor), blank(housing.walls), blank(housing.roof),
                        housing.hasToilet),
                blank(farmland), blank(drinkingWater), blank(electricity), anyVehicle ? v : null,
                new SurveyDocument.Appliances(appliances.computer, appliances.airConditioner, appliances.flatScreenTv,
                        appliances.washingMachine, appliances.refrigerator),
                new SurveyDocument.Consent(consent.given, blank(consent.givenBy), consent.givenOn == null ? null : consent.givenOn.toString(),
                        scopes),
                j.distanceKm() == null && j.minutes() == null && j.mode() == null ? null : j,
                new SurveyDocument.Certifier(blank(incomeCertifiedBy.name), blank(incomeCertifiedBy.position)));
        return new Conversion(doc, List.of());
    }

    // ------------------------------------------------------------------------------------------ totals

    /** The household's monthly income (readable amounts only), two decimals. */
    BigDecimal householdIncome() {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Member m : members) {
            if (m != null && m.income != null) {
                for (String s : new String[] {m.income.wages, m.income.farming, m.income.business, m.income.welfare, m.income.other}) {
                    total = total.add(amountOrZero(s));
                }
            }
        }
        return total;
    }

    /** The income per household member, two decimals (rounded half up); zero without members. */
    BigDecimal perCapitaIncome() {
        return members.isEmpty() ? BigDecimal.ZERO.setScale(2)
                : householdIncome().divide(BigDecimal.valueOf(members.size()), 2, RoundingMode.HALF_UP);
    }

    /** A map of every field that could not be read to its message key. */
    static Map<String, String> keys(List<Unreadable> problems) {
        Map<String, String> m = new LinkedHashMap<>();
        problems.forEach(u -> m.putIfAbsent(u.field(), u.messageKey()));
        return m;
    }

    private static BigDecimal amountOrZero(String s) {
        if (s == null || s.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            return Money.baht(s).amount();
        } catch (InvalidValueException e) {
            return BigDecimal.ZERO;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Integer integer(String s, String field, List<Unreadable> p) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (!t.matches("[0-9]{1,7}")) {
            p.add(new Unreadable(field, "visit.form.error.wholeNumber"));
            return null;
        }
        return Integer.valueOf(t);
    }

    private static BigDecimal decimal(String s, String field, List<Unreadable> p) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (!t.matches("-?[0-9]{1,9}(\\.[0-9]{1,8})?")) {
            p.add(new Unreadable(field, "visit.form.error.number"));
            return null;
        }
        return new BigDecimal(t);
    }

    private static BigDecimal money(String s, String field, List<Unreadable> p) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Money.baht(s).amount();
        } catch (InvalidValueException e) {
            p.add(new Unreadable(field, e.messageKey()));
            return null;
        }
    }

    private static LocalDate date(String iso) {
        try {
            return iso == null ? null : LocalDate.parse(iso);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Object o) {
        return o == null ? null : o instanceof BigDecimal b ? b.toPlainString() : o.toString();
    }

    private static String money(BigDecimal b) {
        return b == null ? null : b.stripTrailingZeros().scale() <= 0 ? b.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
                : b.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
