/**
 * Organisation units — schools, child-development centres and non-formal-education centres — each in a
 * subdistrict, with the admin screens and CSV import that maintain them.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.organisation;
