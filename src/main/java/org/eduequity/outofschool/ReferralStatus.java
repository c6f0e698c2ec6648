package org.eduequity.outofschool;

/** A referral's state: PENDING → ACCEPTED or DECLINED; ACCEPTED → DONE; PENDING or ACCEPTED → REVOKED. */
public enum ReferralStatus {
    PENDING, ACCEPTED, DECLINED, DONE, REVOKED;

    /** Whether the provider still sees the case through this referral. */
    public boolean live() {
        return this == PENDING || this == ACCEPTED;
    }
}
