package org.eduequity.survey;

/** Whether a child is in school, out of school, or has left the unit's roll. */
public enum ChildStatus {
    IN_SCHOOL, OUT_OF_SCHOOL, LEFT
}
