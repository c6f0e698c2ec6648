package org.eduequity.outofschool;

/** How a case ended. */
public enum CaseOutcome { BACK_IN_SCHOOL, NON_FORMAL_EDUCATION, TRAINING_COMPLETED, EMPLOYED, MOVED_AWAY, LOST_CONTACT, DECEASED, OTHER }
