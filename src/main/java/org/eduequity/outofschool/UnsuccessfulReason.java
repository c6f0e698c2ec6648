package org.eduequity.outofschool;

/** Why a referral ended without success. */
public enum UnsuccessfulReason { REFUSED_SERVICE, NO_CAPACITY, NO_LONGER_NEEDED, CANNOT_CONTACT_CHILD, CANNOT_CONTACT_PROVIDER, OTHER }
