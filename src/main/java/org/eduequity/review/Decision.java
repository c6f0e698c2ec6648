package org.eduequity.review;

/** What a reviewer decides about a screened student. */
public enum Decision {
    APPROVE(ReviewStatus.APPROVED), REJECT(ReviewStatus.REJECTED), RETURN(ReviewStatus.RETURNED);

    private final ReviewStatus outcome;

    Decision(ReviewStatus outcome) {
        this.outcome = outcome;
    }

    /** The review status the decision leads to. */
    public ReviewStatus outcome() {
        return outcome;
    }
}
