package org.eduequity.outofschool;

/** How often an intervention of a care plan is monitored. */
public enum Monitoring { ONCE, WEEKLY, MONTHLY }
