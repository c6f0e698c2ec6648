/**
 * DEMO DATA ONLY (profile {@code demo}): two pilot provinces, Khon Kaen (40) and Rayong (21), with a
 * handful of organisation units, about 200 invented children and the fixed demo accounts. Never active in
 * production.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.demo;
