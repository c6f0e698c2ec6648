package org.eduequity.outofschool;

/**
 * Where a found record stands: FOUND (recorded), VERIFIED (checked), IN_SCHOOL (the id is on a current school roster,
 * so not out of school), DUPLICATE (merged into another record, which keeps both histories). The case stages
 * (assessed, planned, referred, in service, outcome) belong to the case, a later step.
 */
public enum FoundStatus {
    FOUND, VERIFIED, IN_SCHOOL, DUPLICATE
}
