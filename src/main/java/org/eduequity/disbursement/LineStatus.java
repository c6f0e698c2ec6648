package org.eduequity.disbursement;

/** Where one payment line stands. A FAILED or CANCELLED line may be planned again in a later round. */
public enum LineStatus {
    PLANNED, APPROVED, PAID, FAILED, CANCELLED
}
