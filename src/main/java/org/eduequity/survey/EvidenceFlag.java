package org.eduequity.survey;

/**
 * Evidence codes carried in a survey's and a child's {@code evidenceFlags}. They inform the reviewers and never
 * block a submission.
 */
public enum EvidenceFlag {
    /** The same photo (same SHA-256 of the uploaded bytes) is attached to another household. */
    PHOTO_REUSED,
    /** The home's GPS position is further from its subdistrict's centroid than the configured distance. */
    HOME_FAR_FROM_SUBDISTRICT,
    /** A photo's EXIF position is further from the home's GPS position than the configured distance. */
    PHOTO_FAR_FROM_HOME,
    /** A photo was taken longer before the visit than the configured number of days. */
    PHOTO_STALE
}
