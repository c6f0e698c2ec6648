package org.eduequity.audit;

/** What an audit entry records. */
public enum AuditAction {
    LOGIN, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT, CREATE, UPDATE, DELETE, IMPORT, PASSWORD_RESET, DISABLE, ENABLE, READ
}
