/**
 * The provincial committee's review of the screened lists: approve, reject or return each screened student,
 * bulk approval of a filtered selection, and certified list versions with their amendments and differences
 * (issue 6; API in survey-format.md, "Review and certification").
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.review;
