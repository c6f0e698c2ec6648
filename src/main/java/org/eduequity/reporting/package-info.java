/**
 * Read-only figures and dashboards, starting with each role's home page.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.reporting;
