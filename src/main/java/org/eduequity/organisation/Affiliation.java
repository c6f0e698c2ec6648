package org.eduequity.organisation;

/** The body an organisation unit belongs to. */
public enum Affiliation {
    /** Office of the Basic Education Commission (สพฐ.). */
    OBEC,
    /** A local administrative organisation (อปท.). */
    LOCAL_ADMINISTRATION,
    /** The Office of Non-Formal and Informal Education (สกร./กศน.). */
    NFE,
    /** A private school (สช.). */
    PRIVATE,
    /** Border Patrol Police schools (ตชด.). */
    BORDER_PATROL_POLICE,
    OTHER
}
