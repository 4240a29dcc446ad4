# syntax=docker/dockerfile:1
# Multi-stage build of the one `caldicott` binary (Matrix and Discord adapters).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked -p caldicott && \
    cp target/release/caldicott /usr/local/bin/caldicott

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin caldicott \
    && mkdir -p /data && chown 10001:10001 /data && chmod 0700 /data
COPY --from=build /usr/local/bin/caldicott /usr/local/bin/caldicott
# Non-root, by number so orchestrators can check it (runAsNonRoot).
USER 10001:10001
ENV CALDICOTT_DATA_DIR=/data
VOLUME ["/data"]
# Health and metrics: loopback by default; the compose file sets
# CALDICOTT_HEALTH_LISTEN=0.0.0.0:9464 and publishes it on the host's loopback.
EXPOSE 9464
# SIGTERM starts a graceful shutdown (bounded by shutdown_timeout_secs).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/caldicott"]
CMD ["run", "--config", "/config/caldicott.toml"]
