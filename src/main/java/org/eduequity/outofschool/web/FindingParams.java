package org.eduequity.outofschool.web;

import java.util.List;

import org.eduequity.outofschool.AgeBand;
import org.eduequity.outofschool.FoundChildren;
import org.eduequity.outofschool.FoundStatus;
import org.eduequity.outofschool.Need;
import org.eduequity.survey.FieldProblem;
import tools.jackson.core.JacksonException;

/** Reads the list and group filters of the API and the screens, noting a problem per bad parameter. */
final class FindingParams {

    private FindingParams() {
    }

    static FoundChildren.Filter filter(String province, String district, String subdistrict, String ageBand, String need, String status,
                                       List<FieldProblem> errors) {
        String provinceCode = province(province, errors);
        String districtCode = code(district, "district", 4, errors);
        String subdistrictCode = code(subdistrict, "subdistrict", 6, errors);
        if (provinceCode != null && districtCode != null && !districtCode.startsWith(provinceCode)) {
            errors.add(new FieldProblem("district", "finding.error.notInProvince", List.of()));
        }
        if (provinceCode != null && subdistrictCode != null && !subdistrictCode.startsWith(provinceCode)) {
            errors.add(new FieldProblem("subdistrict", "finding.error.notInProvince", List.of()));
        }
        AgeBand band = null;
        if (ageBand != null && !ageBand.isBlank()) {
            band = AgeBand.parse(ageBand).orElse(null);
            if (band == null) {
                errors.add(new FieldProblem("ageBand", "finding.error.oneOf", List.of("2-6, 7-12, 13-15, 16-18, 19-21")));
            }
        }
        Need theNeed = parse(Need.class, need, "need", errors);
        FoundStatus theStatus = parse(FoundStatus.class, status, "status", errors);
        return new FoundChildren.Filter(provinceCode, districtCode, subdistrictCode, band, theNeed, theStatus, false);
    }

    static String province(String province, List<FieldProblem> errors) {
        if (province == null || province.isBlank()) {
            errors.add(new FieldProblem("province", "finding.error.required", List.of()));
            return null;
        }
        return code(province, "province", 2, errors);
    }

    private static String code(String value, String field, int digits, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.strip();
        if (!s.matches("[0-9]{" + digits + "}")) {
            errors.add(new FieldProblem(field, "finding.error.code", List.of(digits)));
            return null;
        }
        return s;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<FieldProblem> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem(field, "finding.error.oneOf", List.of(String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()))));
            return null;
        }
    }

    static int number(String value, String field, int min, int max, List<FieldProblem> errors) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldProblem(field, "finding.error.range", List.of(min, max)));
        return min;
    }

    static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
