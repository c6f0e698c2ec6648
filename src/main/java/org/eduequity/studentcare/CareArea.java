package org.eduequity.studentcare;

/** The five areas of the risk screening, with their column in care_result. */
public enum CareArea {
    LEARNING("learning"), HEALTH("health"), EMOTIONAL_BEHAVIOUR("emotional_behaviour"), FAMILY_ECONOMY("family_economy"),
    PROTECTION("protection");

    final String column;

    CareArea(String column) {
        this.column = column;
    }
}
