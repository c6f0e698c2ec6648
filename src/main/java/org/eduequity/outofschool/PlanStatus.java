package org.eduequity.outofschool;

/** A care plan's approval: DRAFT (new or edited), APPROVED by a province user, RETURNED with comments. */
public enum PlanStatus { DRAFT, APPROVED, RETURNED }
