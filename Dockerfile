# Build: the same Maven build as the README, without the tests (CI runs those).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY application.properties ./
COPY routes ./routes
COPY src ./src
# exec.skip: the class data archive the build records belongs to this stage's JVM; the image records its own below
RUN mvn -B -q -DskipTests -Dspotless.skip=true -Dexec.skip=true package

# Run: JRE only, as a non-root user, data in a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin storesync \
    && mkdir -p /app/data \
    && chown storesync /app/data \
    && chmod 0700 /app/data
WORKDIR /app
COPY --from=build /src/target/storesync.jar ./storesync.jar
COPY application.properties jvm.options ./
COPY routes ./routes
# Class data sharing: one demo run (simulated stores, nothing leaves the container) records the classes the service
# loads; every start then maps them instead of loading and verifying each one (start-up to ready about 1 s shorter,
# bench/RESULTS.md). The archive belongs to this JVM and this jar: it is rebuilt with the image.
RUN java -XX:ArchiveClassesAtExit=/app/storesync.jsa @/app/jvm.options -jar /app/storesync.jar --demo > /tmp/demo.log 2>&1 \
    && test -s /app/storesync.jsa \
    && rm -f /tmp/demo.log
USER storesync
# MALLOC_ARENA_MAX and the JVM options of jvm.options bound resident memory (README "Running it", bench/RESULTS.md);
# with ExitOnOutOfMemoryError there, a JVM out of heap stops and the container restarts it
ENV DATA_DIR=/app/data \
    PORT=8080 \
    MANAGEMENT_PORT=9876 \
    MALLOC_ARENA_MAX=2
VOLUME ["/app/data"]
EXPOSE 8080 9876
# Liveness only: a store or MongoDB being down is no reason to restart the container. The liveness probe is the one
# path of the management port that answers without ADMIN_USER/ADMIN_PASSWORD, so no password is on curl's command line
# (where every user of the host could read it in ps).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_PORT}/observe/health/live" || exit 1
ENTRYPOINT ["java", "@/app/jvm.options", "-XX:SharedArchiveFile=/app/storesync.jsa", "-jar", "/app/storesync.jar"]
