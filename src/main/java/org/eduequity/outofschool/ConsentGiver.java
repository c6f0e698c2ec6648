package org.eduequity.outofschool;

/** Who gave a case's consent: the guardian, or the youth (from age 18). */
public enum ConsentGiver { GUARDIAN, YOUTH }
