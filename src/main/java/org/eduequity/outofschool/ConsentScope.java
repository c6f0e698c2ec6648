package org.eduequity.outofschool;

/** What a consent allows: referrals, sharing the child's identity with a provider, payments. */
public enum ConsentScope { REFERRAL, SHARE_WITH_PROVIDER, PAYMENT }
