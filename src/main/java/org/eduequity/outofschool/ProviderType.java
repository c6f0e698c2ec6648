package org.eduequity.outofschool;

/** The kinds of service provider. */
public enum ProviderType {
    SCHOOL, NFE_CENTRE, VOCATIONAL_COLLEGE, SKILLS_TRAINING_CENTRE, HEALTH_OFFICE, SOCIAL_DEVELOPMENT_OFFICE, NGO
}
