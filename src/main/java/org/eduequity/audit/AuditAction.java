package org.eduequity.audit;

/** What an audit entry records. */
public enum AuditAction {
    LOGIN, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT, CREATE, UPDATE, DELETE, IMPORT, PASSWORD_RESET, DISABLE, ENABLE,
    /** A read of personal data that is audited (a student's risk page, a case of an out-of-school child). */
    READ,
    /** Personal data taken out of the system (an export of found children). */
    EXPORT
}
