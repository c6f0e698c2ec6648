package org.eduequity.studentcare;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Schedules {@link NightlyCareRun} ({@code eduequity.care.nightly.cron}, Bangkok time, default 01:30); off when
 * {@code eduequity.care.nightly.enabled} is false (the tests).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "eduequity.care.nightly.enabled", havingValue = "true", matchIfMissing = true)
class NightlyCareSchedule {

    private final NightlyCareRun run;

    NightlyCareSchedule(NightlyCareRun run) {
        this.run = run;
    }

    @Scheduled(cron = "${eduequity.care.nightly.cron:0 30 1 * * *}", zone = "Asia/Bangkok")
    void nightly() {
        run.run();
    }
}
