package org.eduequity.organisation;

/** The kinds of organisation unit that record children. */
public enum OrgUnitType {
    /** A school; its code is the 10-digit Ministry of Education school code. */
    SCHOOL,
    /** A child-development centre (ศูนย์พัฒนาเด็กเล็ก, ศพด.). */
    CHILD_DEVELOPMENT_CENTRE,
    /** A non-formal-education centre (กศน.). */
    NFE_CENTRE
}
