/**
 * The append-only audit log: who did what, when, to which record — logins, failed logins and every
 * create, update and delete.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.audit;
