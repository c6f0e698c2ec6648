package org.eduequity.outofschool;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eduequity.geography.Geography;
import org.eduequity.shared.BuddhistDate;
import org.eduequity.shared.InvalidValueException;
import org.eduequity.shared.NationalId;
import org.eduequity.survey.FieldProblem;
import org.springframework.stereotype.Component;

/** Checks a found record field by field and turns it into typed values; every problem is reported at once. */
@Component
class FindingValidator {

    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 500;
    static final int MAX_NOTES = 2000;

    private final Geography geography;
    private final Clock clock;

    FindingValidator(Geography geography, Clock clock) {
        this.geography = geography;
        this.clock = clock;
    }

    /** A found record's checked values. */
    record Data(String externalId, NationalId nationalId, String noIdReason, String firstName, String lastName, LocalDate birthDate,
                String sex, LocalDate surveyedOn, String houseNo, Integer villageNo, Geography.Subdistrict subdistrict,
                BigDecimal lat, BigDecimal lon, String guardianPhone, String situation, HighestGrade highestGrade,
                LocalDate leftSchoolOn, Set<Reason> reasons, Set<Need> needs, String notes, String notDuplicateReason,
                int ageYears, AgeBand ageBand) {

        String nameKey() {
            return NameKey.of(firstName, lastName);
        }
    }

    /** The checked values, or a {@link FindingRejectedException} (INVALID) with every problem. */
    Data check(FoundChildDocument d) {
        List<FieldProblem> problems = new ArrayList<>();
        String externalId = text(d.externalId(), "externalId", 100, problems);
        NationalId nationalId = null;
        String noIdReason = text(d.noIdReason(), "noIdReason", MAX_TEXT, problems);
        if (d.nationalId() != null && !d.nationalId().isBlank()) {
            try {
                nationalId = NationalId.of(d.nationalId());
            } catch (InvalidValueException e) {
                problems.add(problem("nationalId", e.messageKey()));
            }
            noIdReason = null;
        } else if (noIdReason == null) {
            problems.add(problem("nationalId", "finding.error.idOrReason"));
        }
        String firstName = required(d.firstName(), "firstName", MAX_NAME, problems);
        String lastName = required(d.lastName(), "lastName", MAX_NAME, problems);
        LocalDate today = LocalDate.now(clock.withZone(BuddhistDate.BANGKOK));
        LocalDate birthDate = date(d.birthDate(), "birthDate", true, problems);
        LocalDate surveyedOn = date(d.surveyedOn(), "surveyedOn", true, problems);
        if (surveyedOn != null && surveyedOn.isAfter(today)) {
            problems.add(problem("surveyedOn", "finding.error.future"));
            surveyedOn = null;
        }
        if (birthDate != null && birthDate.isAfter(today)) {
            problems.add(problem("birthDate", "finding.error.future"));
            birthDate = null;
        }
        int age = -1;
        AgeBand band = null;
        if (birthDate != null && surveyedOn != null) {
            if (birthDate.isAfter(surveyedOn)) {
                problems.add(problem("birthDate", "finding.error.bornAfterSurvey"));
            } else {
                age = AgeBand.age(birthDate, surveyedOn);
                band = AgeBand.ofAge(age).orElse(null);
                if (band == null) {
                    problems.add(problem("birthDate", "finding.error.age", AgeBand.MIN_AGE, AgeBand.MAX_AGE, age));
                }
            }
        }
        String sex = null;
        if (d.sex() == null || d.sex().isBlank()) {
            problems.add(problem("sex", "finding.error.required"));
        } else {
            sex = switch (d.sex().strip().toUpperCase(Locale.ROOT)) {
                case "M", "MALE" -> "MALE";
                case "F", "FEMALE" -> "FEMALE";
                default -> {
                    problems.add(problem("sex", "finding.error.oneOf", "M, F"));
                    yield null;
                }
            };
        }
        String houseNo = null;
        Integer villageNo = null;
        Geography.Subdistrict subdistrict = null;
        if (d.address() == null) {
            problems.add(problem("address.subdistrictCode", "finding.error.required"));
        } else {
            houseNo = text(d.address().houseNo(), "address.houseNo", 20, problems);
            villageNo = d.address().villageNo();
            if (villageNo != null && (villageNo < 0 || villageNo > 99)) {
                problems.add(problem("address.villageNo", "finding.error.villageNo"));
                villageNo = null;
            }
            String code = d.address().subdistrictCode();
            if (code == null || code.isBlank()) {
                problems.add(problem("address.subdistrictCode", "finding.error.required"));
            } else {
                subdistrict = code.strip().matches("[0-9]{6}") ? geography.subdistrict(code.strip()).orElse(null) : null;
                if (subdistrict == null) {
                    problems.add(problem("address.subdistrictCode", "finding.error.subdistrict"));
                }
            }
        }
        BigDecimal lat = null;
        BigDecimal lon = null;
        if (d.location() != null && (d.location().lat() != null || d.location().lon() != null)) {
            lat = d.location().lat();
            lon = d.location().lon();
            if (lat == null || lon == null || lat.compareTo(BigDecimal.valueOf(5)) < 0 || lat.compareTo(BigDecimal.valueOf(21)) > 0
                    || lon.compareTo(BigDecimal.valueOf(97)) < 0 || lon.compareTo(BigDecimal.valueOf(106)) > 0) {
                problems.add(problem("location", "finding.error.location"));
                lat = null;
                lon = null;
            } else {
                lat = lat.setScale(6, java.math.RoundingMode.HALF_UP);
                lon = lon.setScale(6, java.math.RoundingMode.HALF_UP);
            }
        }
        String phone = null;
        if (d.guardianPhone() != null && !d.guardianPhone().isBlank()) {
            phone = d.guardianPhone().replaceAll("[\\s-]", "");
            if (!phone.matches("0[0-9]{8,9}")) {
                problems.add(problem("guardianPhone", "finding.error.phone"));
                phone = null;
            }
        }
        String situation = text(d.situation(), "situation", MAX_TEXT, problems);
        HighestGrade grade = null;
        if (d.highestGrade() != null && !d.highestGrade().isBlank()) {
            try {
                grade = HighestGrade.valueOf(d.highestGrade().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(problem("highestGrade", "finding.error.oneOf", names(HighestGrade.values())));
            }
        }
        LocalDate leftOn = date(d.leftSchoolOn(), "leftSchoolOn", false, problems);
        if (leftOn != null && ((birthDate != null && leftOn.isBefore(birthDate)) || (surveyedOn != null && leftOn.isAfter(surveyedOn)))) {
            problems.add(problem("leftSchoolOn", "finding.error.leftSchoolOn"));
            leftOn = null;
        }
        Set<Reason> reasons = enums(Reason.class, d.reasons(), "reasons", problems);
        Set<Need> needs = enums(Need.class, d.needs(), "needs", problems);
        String notes = text(d.notes(), "notes", MAX_NOTES, problems);
        String notDuplicate = text(d.notDuplicateReason(), "notDuplicateReason", MAX_TEXT, problems);
        if (!problems.isEmpty()) {
            throw new FindingRejectedException(FindingRejectedException.Reason.INVALID, problems);
        }
        return new Data(externalId, nationalId, noIdReason, firstName, lastName, birthDate, sex, surveyedOn, houseNo, villageNo,
                subdistrict, lat, lon, phone, situation, grade, leftOn, reasons, needs, notes, notDuplicate, age, band);
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, List<String> values, String field, List<FieldProblem> problems) {
        Set<E> result = EnumSet.noneOf(type);
        if (values == null) {
            return result;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            try {
                result.add(Enum.valueOf(type, v == null ? "" : v.strip()));
            } catch (IllegalArgumentException e) {
                problems.add(problem(field + "[" + i + "]", "finding.error.oneOf", names(type.getEnumConstants())));
            }
        }
        return result;
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Enum::name).toList());
    }

    private static LocalDate date(String value, String field, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(problem(field, "finding.error.required"));
            }
            return null;
        }
        try {
            return BuddhistDate.parse(value);
        } catch (InvalidValueException e) {
            problems.add(problem(field, "finding.error.date"));
            return null;
        }
    }

    private static String required(String value, String field, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(problem(field, "finding.error.required"));
            return null;
        }
        return text(value, field, max, problems);
    }

    private static String text(String value, String field, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.strip();
        if (s.length() > max) {
            problems.add(problem(field, "finding.error.tooLong", max));
            return null;
        }
        return s;
    }

    static FieldProblem problem(String field, String key, Object... args) {
        return new FieldProblem(field, key, List.of(args));
    }
}
