/**
 * Student care: attendance, grades, health, SDQ forms and incidents per student and term, the care rule sets and the
 * risk screening in five areas (docs: student-care.md, ADR 0006).
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.studentcare;
