package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** Photo and evidence settings bind from configuration, with the documented defaults. */
class PhotoPropertiesTest {

    @EnableConfigurationProperties({PhotoProperties.class, EvidenceProperties.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            PhotoProperties photos = context.getBean(PhotoProperties.class);
            assertThat(photos.dir().normalize()).isEqualTo(Path.of(".data/photos")); // relative to the working directory
            assertThat(photos.maxUploadSize()).isEqualTo(DataSize.ofMegabytes(10));
            assertThat(photos.maxMegapixels()).isEqualTo(40);
            assertThat(photos.displaySize()).isEqualTo(1600);
            assertThat(photos.thumbnailSize()).isEqualTo(320);
            assertThat(photos.jpegQuality()).isEqualTo(0.85f);
            assertThat(context.getBean(EvidenceProperties.class)).isEqualTo(EvidenceProperties.defaults());
            assertThat(PhotoProperties.withDir(photos.dir())).isEqualTo(photos);
        });
    }

    @Test
    void bindsFromProperties() {
        runner.withPropertyValues("eduequity.photos.dir=/srv/eduequity/photos", "eduequity.photos.max-upload-size=5MB",
                "eduequity.evidence.home-max-km-from-subdistrict=15", "eduequity.evidence.photo-max-age-days=90")
                .run(context -> {
                    assertThat(context.getBean(PhotoProperties.class).dir()).isEqualTo(Path.of("/srv/eduequity/photos"));
                    assertThat(context.getBean(PhotoProperties.class).maxUploadSize()).isEqualTo(DataSize.ofMegabytes(5));
                    assertThat(context.getBean(EvidenceProperties.class).homeMaxKmFromSubdistrict()).isEqualTo(15.0);
                    assertThat(context.getBean(EvidenceProperties.class).photoMaxAgeDays()).isEqualTo(90);
                });
    }

    @Test
    void theFolderCanBeSetWithTheEnvironmentVariable() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("EDUEQUITY_PHOTOS_DIR", "/var/lib/eduequity/photos"))))
                .run(context -> assertThat(context.getBean(PhotoProperties.class).dir())
                        .isEqualTo(Path.of("/var/lib/eduequity/photos")));
    }
}
