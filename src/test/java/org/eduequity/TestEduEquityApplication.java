package org.eduequity;

import org.eduequity.support.LocalPostgresConfiguration;
import org.springframework.boot.SpringApplication;

/**
 * The try-it entry point of {@code ./mvnw spring-boot:test-run}: the application on an embedded real
 * PostgreSQL 17 whose data lives in {@code .data/postgres} (git-ignored, kept across restarts), with the demo
 * data of the pilot provinces loaded.
 */
public class TestEduEquityApplication {

    public static void main(String[] args) {
        SpringApplication.from(EduEquityApplication::main)
                .with(LocalPostgresConfiguration.class)
                .withAdditionalProfiles("demo")
                .run(args);
    }
}
