package org.eduequity.outofschool;

import java.util.Collection;

/**
 * Where a case stands, derived from what it holds and never set by hand (docs/out-of-school.md): OPENED → ASSESSED →
 * PLANNED (care plan approved) → IN_SERVICE (a referral accepted) → SERVICES_DONE → CLOSED. Reopening a closed case
 * clears its closure and the plan's approval, and counts only the referrals made since: it returns to ASSESSED (or
 * OPENED when it was never assessed).
 */
public enum CaseStage {
    OPENED, ASSESSED, PLANNED, IN_SERVICE, SERVICES_DONE, CLOSED;

    /**
     * What the stage is derived from.
     *
     * @param assessed a needs assessment is recorded
     * @param planApproved the care plan was approved since the case was (re)opened (an edit waiting for re-approval keeps it)
     * @param referrals the statuses of the referrals made since the case was (re)opened
     * @param closed the case is closed
     */
    public record Facts(boolean assessed, boolean planApproved, Collection<ReferralStatus> referrals, boolean closed) {
    }

    /** The one function that gives a case's stage. */
    public static CaseStage of(Facts f) {
        if (f.closed()) {
            return CLOSED;
        }
        if (!f.assessed()) {
            return OPENED;
        }
        if (!f.planApproved()) {
            return ASSESSED;
        }
        if (f.referrals().contains(ReferralStatus.ACCEPTED)) {
            return IN_SERVICE;
        }
        if (f.referrals().contains(ReferralStatus.DONE) && !f.referrals().contains(ReferralStatus.PENDING)) {
            return SERVICES_DONE;
        }
        return PLANNED;
    }
}
