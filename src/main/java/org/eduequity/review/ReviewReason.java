package org.eduequity.review;

import java.util.Arrays;
import java.util.List;

/**
 * The reasons a reviewer picks from when rejecting or returning (message keys {@code review.reason.CODE}); OTHER
 * needs the reviewer's own words.
 */
public enum ReviewReason {
    INCOME_ABOVE_LIMIT(true, false),
    NOT_LIVING_AT_ADDRESS(true, false),
    DUPLICATE(true, false),
    LEFT_SCHOOL(true, false),
    EVIDENCE_INCONSISTENT(true, true),
    PHOTO_UNCLEAR(false, true),
    GPS_WRONG(false, true),
    INCOME_NOT_CERTIFIED(false, true),
    ANSWERS_INCOMPLETE(false, true),
    OTHER(true, true);

    private final boolean forReject;
    private final boolean forReturn;

    ReviewReason(boolean forReject, boolean forReturn) {
        this.forReject = forReject;
        this.forReturn = forReturn;
    }

    /** The reasons offered for a decision (none for an approval). */
    public static List<ReviewReason> offeredFor(Decision decision) {
        return Arrays.stream(values()).filter(r -> decision == Decision.REJECT ? r.forReject : decision == Decision.RETURN && r.forReturn)
                .toList();
    }

    /** The reason of this code, or null for a blank or unknown one. */
    public static ReviewReason parse(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return valueOf(code.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
