/**
 * User accounts, their roles and area scopes, login with lockout, password rules, the current user, the
 * security filter chains and the admin screens for accounts.
 */
@org.springframework.modulith.ApplicationModule
package org.eduequity.account;
