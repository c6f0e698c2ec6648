package org.eduequity.outofschool;

/** What a found child or youth needs, and what a service provider offers. */
public enum Need {
    RETURN_TO_SCHOOL, NON_FORMAL_EDUCATION, VOCATIONAL_TRAINING, LIFE_SKILLS, EARLY_CHILDHOOD_CARE, HEALTH, SOCIAL_WELFARE, OTHER
}
