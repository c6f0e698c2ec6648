package org.eduequity.account;

/** What a user does; each role has its own home page and its own area scope. */
public enum Role {
    /** A school, child-development-centre or non-formal-education teacher: sees the children of their units. */
    TEACHER,
    /** Provincial secretariat or committee: one province. */
    PROVINCE,
    /** The fund office: national. */
    FUND,
    /** Accounts and reference data: national. */
    ADMIN,
    /**
     * A non-formal-education teacher or village health volunteer who finds out-of-school children: one or more
     * subdistricts.
     */
    AREA_WORKER,
    /** A user of one service provider (school, centre, college, office, NGO): the cases referred to it. */
    PROVIDER;

    public String authority() {
        return "ROLE_" + name();
    }
}
