/**
 * Poverty screening: versioned rule sets, results per visit with their explanation, re-screening runs, what-if
 * simulations and the screened lists (docs: screening.md).
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.screening;
