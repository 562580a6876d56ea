# ---- Build stage -----------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /build

# Maven wrapper and POM first: dependency resolution gets its own layer and is
# only redone when one of these files changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
# The executable bit can be lost on some checkouts (e.g. Windows).
RUN chmod +x mvnw && ./mvnw -B -q dependency:go-offline

COPY src/ src/
# Extracted (app.jar plus lib/): no nested-jar class loading, which takes about a quarter of the start-up time.
RUN ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar target/session-tracker-*.jar extract --destination /build/app \
 && mv /build/app/session-tracker-*.jar /build/app/app.jar

# ---- Runtime stage ---------------------------------------------------------
FROM eclipse-temurin:21-jre

# Unprivileged user with a fixed UID (so runAsNonRoot-style checks can verify it).
# /app is owned by it so the app can write to its working directory, and so is
# /app/data, the embedded database's (used only when no SPRING_DATASOURCE_URL is
# set): a named volume mounted there starts with that owner, so that its data
# outlives the container.
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin app \
 && mkdir -p /app/data \
 && chown -R app:app /app

WORKDIR /app
COPY --from=build /build/app/ /app/

USER app:app
EXPOSE 8080

# No HEALTHCHECK: the JRE image is not guaranteed to ship curl or wget, and the
# port is the runner's choice (SERVER_PORT). docker-compose.yml probes
# /actuator/health/readiness with bash's /dev/tcp; orchestrators should probe
# /actuator/health/liveness and /actuator/health/readiness over HTTP.
# G1's adaptive start of concurrent cycles began one after nearly every young collection on a small heap, and
# cost 1.3-1.5x the CPU per heartbeat in docs/benchmarks.md; a fixed threshold of 75% does not.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=75", \
            "-jar", "/app/app.jar"]
