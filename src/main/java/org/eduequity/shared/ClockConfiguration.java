package org.eduequity.shared;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application: inject it wherever "today" or "now" matters. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Thailand's time zone, in which days, terms and dates shown to users are reckoned. */
    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    @Bean
    Clock clock() {
        return Clock.system(BANGKOK);
    }
}
