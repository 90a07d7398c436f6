# syntax=docker/dockerfile:1
# Build: docker build -t tamma .      Run: docker compose up (see docker-compose.yml)

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# The Maven repository is cached between builds, so source edits do not download it again.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
 && mkdir -p /out \
 && cp tamma-orchestrator/target/tamma-orchestrator-*.jar /out/tamma-orchestrator.jar \
 && cp tamma /out/tamma

FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends bubblewrap curl git \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/tamma --uid 10001 tamma
COPY --from=build /out/tamma-orchestrator.jar /opt/tamma/lib/tamma-orchestrator.jar
COPY --from=build /out/tamma /opt/tamma/tamma
ENV TAMMA_LIB=/opt/tamma/lib \
    TAMMA_HOME=/var/lib/tamma
USER tamma
WORKDIR /var/lib/tamma
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["/opt/tamma/tamma"]
CMD ["serve"]
