package org.eduequity.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login rules.
 *
 * @param maxFailedLogins failed attempts within the window after which the account is locked
 * @param lockoutWindow the window over which failed attempts are counted (and the lock lasts)
 */
@ConfigurationProperties("eduequity.security")
public record SecurityProperties(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15m") Duration lockoutWindow) {
}
