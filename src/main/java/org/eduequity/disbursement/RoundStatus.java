package org.eduequity.disbursement;

/** Where a payment round stands: planned, approved by a second fund user, exported to the bank, reconciled. */
public enum RoundStatus {
    PLANNED, APPROVED, EXPORTED, RECONCILED, CANCELLED
}
