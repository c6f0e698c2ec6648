package org.eduequity.studentcare;

/** An area's or a student's level; UNKNOWN when the inputs are missing, never shown as NORMAL. */
public enum RiskLevel {
    UNKNOWN, NORMAL, AT_RISK, PROBLEM
}
