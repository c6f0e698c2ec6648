package org.eduequity.survey;

/** A child's sex as recorded on the civil registration. */
public enum Sex {
    MALE, FEMALE
}
