package org.eduequity.outofschool;

/**
 * The highest class a found child completed: NONE (never attended), early childhood (ECE), kindergarten K1–K3, primary
 * P1–P6, secondary M1–M6, non-formal education (NFE) or vocational (VOC, ปวช.).
 */
public enum HighestGrade {
    NONE, ECE, K1, K2, K3, P1, P2, P3, P4, P5, P6, M1, M2, M3, M4, M5, M6, NFE, VOC
}
