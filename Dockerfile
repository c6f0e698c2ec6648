# syntax=docker/dockerfile:1

# ---- build stage ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Maven wrapper + pom first so the dependency layer is cached between builds
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package

# ---- runtime stage ----
FROM eclipse-temurin:17-jre
RUN groupadd --system eduequity \
 && useradd --system --gid eduequity --home-dir /app --shell /usr/sbin/nologin eduequity \
 && mkdir -p /app /var/lib/eduequity/photos \
 && chown -R eduequity:eduequity /app /var/lib/eduequity
WORKDIR /app
COPY --from=build /src/target/eduequity-*.jar /app/eduequity.jar
USER eduequity
ENV EDUEQUITY_PHOTOS_DIR=/var/lib/eduequity/photos
VOLUME ["/var/lib/eduequity/photos"]
EXPOSE 8080
# JVM flags can be passed with JAVA_TOOL_OPTIONS, e.g. -XX:MaxRAMPercentage=75
ENTRYPOINT ["java", "-jar", "/app/eduequity.jar"]
