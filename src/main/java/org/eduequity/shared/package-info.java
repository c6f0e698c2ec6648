/**
 * Tiny value types and cross-cutting web conventions used by every module: national ids, terms, money,
 * Buddhist-era dates, the user's area scope and problem responses.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.eduequity.shared;
