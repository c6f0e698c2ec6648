/**
 * Out-of-school children and youth (issue 8, docs/out-of-school.md): area workers and non-formal-education teachers
 * record the children and youth aged 2–21 they find out of school, with duplicate offers and the in-school flag; the
 * province groups them by age band, area and need; the registry of service providers.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.outofschool;
