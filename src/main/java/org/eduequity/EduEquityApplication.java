package org.eduequity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * EduEquity: one deployable server for area-based education-equity programmes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class EduEquityApplication {

    public static void main(String[] args) {
        SpringApplication.run(EduEquityApplication.class, args);
    }
}
