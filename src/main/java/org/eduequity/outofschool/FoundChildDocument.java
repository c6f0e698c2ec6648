package org.eduequity.outofschool;

import java.math.BigDecimal;
import java.util.List;

/**
 * A found child or youth as the API ({@code POST /api/v1/found-children}) and the mobile form carry it (see
 * docs/out-of-school.md). Dates and enumerations are strings here so that a bad value is reported against its field.
 * Dates are ISO ({@code 2009-03-02}) or Buddhist-era day/month/year ({@code 2/3/2552}).
 *
 * @param externalId         the sender's id of this record: the same id again records nothing and answers with the first receipt
 * @param nationalId         the 13-digit national id or a G-code; when none is known, {@code noIdReason} says why
 * @param sex                {@code M} or {@code F} ({@code MALE}, {@code FEMALE} are read too)
 * @param notDuplicateReason why this is a different person from the possible duplicates offered (optional)
 */
public record FoundChildDocument(String externalId, String nationalId, String noIdReason, String firstName, String lastName,
                                 String birthDate, String sex, String surveyedOn, Address address, Location location,
                                 String guardianPhone, String situation, String highestGrade, String leftSchoolOn,
                                 List<String> reasons, List<String> needs, String notes, String notDuplicateReason) {

    /** Where the child lives: house number, village number (หมู่), six-digit DOPA subdistrict code. */
    public record Address(String houseNo, Integer villageNo, String subdistrictCode) {
    }

    /** The home's GPS position. */
    public record Location(BigDecimal lat, BigDecimal lon) {
    }
}
