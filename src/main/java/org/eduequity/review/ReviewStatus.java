package org.eduequity.review;

/** Where a screened student stands in the provincial review of a term. */
public enum ReviewStatus {
    /** Not decided yet (or resubmitted after a return). */
    PENDING,
    /** Approved for support. */
    APPROVED,
    /** Rejected, with a reason. */
    REJECTED,
    /** Returned to the teacher for correction, with a reason; waits for the corrected visit. */
    RETURNED
}
