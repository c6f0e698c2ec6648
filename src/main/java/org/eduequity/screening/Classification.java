package org.eduequity.screening;

/** The outcome of screening one household, from the least to the most in need. */
public enum Classification {
    INCOMPLETE, NOT_POOR, POOR, EXTREMELY_POOR
}
