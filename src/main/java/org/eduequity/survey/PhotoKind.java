package org.eduequity.survey;

/**
 * What a home-visit photo shows. {@link #STUDENT_WITH_SCHOOL_SIGN} stands in for the house photos when the
 * house cannot be photographed.
 */
public enum PhotoKind {
    EXTERIOR,
    INTERIOR,
    STUDENT,
    STUDENT_WITH_SCHOOL_SIGN
}
