# syntax=docker/dockerfile:1
# Multi-stage build of the one `caldicott` binary.
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
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin caldicott \
    && mkdir -p /data && chown caldicott /data
COPY --from=build /usr/local/bin/caldicott /usr/local/bin/caldicott
USER caldicott
VOLUME ["/data"]
# Health and metrics listen on loopback inside the container by default;
# set [health] listen = "0.0.0.0:9464" in the config to expose them.
EXPOSE 9464
ENTRYPOINT ["/usr/local/bin/caldicott"]
CMD ["run", "--config", "/config/caldicott.toml"]
