# syntax=docker/dockerfile:1.7
#
# One Dockerfile, one target per service:
#   docker build --target projection -t ghcr.io/<owner>/slipstream-projection:<sha> \
#     --build-arg VERSION=<version> --build-arg REVISION=<sha> .
# Targets: ingestion, telemetry-replay, normalization, projection, live-gateway, all-in-one.

ARG NODE_VERSION=24
# The base image by digest (node:24-slim, multi-platform index), so a rebuild gets the same bytes;
# bump it deliberately (docs/deploy.md#images). Keep NODE_VERSION in step with the tag.
ARG NODE_IMAGE=node:24-slim@sha256:a9f5f7c91a432850b2a8a7797adf5eadb6c733ceed61167806cee7ea7fbc29df

# ---------------------------------------------------------------- manifests
# Only the package manifests, so the dependency layers are rebuilt when dependencies change, not code.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/clickhouse/package.json libs/clickhouse/
COPY libs/contracts/package.json libs/contracts/
COPY libs/historical/package.json libs/historical/
COPY libs/livetiming/package.json libs/livetiming/
COPY libs/livetiming-access/package.json libs/livetiming-access/
COPY libs/messaging/package.json libs/messaging/
COPY libs/platform/package.json libs/platform/
COPY libs/testing/package.json libs/testing/
COPY services/ingestion/package.json services/ingestion/
COPY services/live-gateway/package.json services/live-gateway/
COPY services/normalization/package.json services/normalization/
COPY services/projection/package.json services/projection/
COPY services/telemetry-replay/package.json services/telemetry-replay/
COPY apps/all-in-one/package.json apps/all-in-one/

# ---------------------------------------------------------------- build
FROM manifests AS build
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs libs
COPY services services
COPY apps apps
RUN npm run build \
 && mkdir -p /out \
 && for project in libs/* services/* apps/*; do \
      mkdir -p "/out/$project" && cp -r "$project/package.json" "$project/dist" "/out/$project/"; \
      if [ -d "$project/public" ]; then cp -r "$project/public" "/out/$project/"; fi; \
    done

# ---------------------------------------------------------------- production dependencies
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# The same without chDB (its native library is ~540 MB): only projection and all-in-one use it.
FROM prod-deps AS prod-deps-lean
RUN rm -rf node_modules/chdb node_modules/@chdb

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG SOURCE=https://github.com/slipstream-f1/slipstream
LABEL org.opencontainers.image.title="slipstream" \
      org.opencontainers.image.description="Open-source Formula 1 data platform on NATS JetStream and ClickHouse" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# A fixed numeric id, so that Kubernetes' runAsNonRoot can verify it.
RUN groupadd --system --gid 10001 slipstream \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin slipstream
COPY --from=prod-deps-lean /app/node_modules ./node_modules
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=build /out ./
USER 10001:10001
# Ask the service itself; HTTP_PORT is the port it listens on (each target sets the default).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# The runtime plus chDB, for the one service that can run ClickHouse embedded.
FROM runtime AS runtime-chdb
COPY --from=prod-deps /app/node_modules/chdb ./node_modules/chdb
COPY --from=prod-deps /app/node_modules/@chdb ./node_modules/@chdb

FROM runtime AS ingestion
ENV HTTP_PORT=3001
EXPOSE 3001
CMD ["node", "services/ingestion/dist/main.js"]

FROM runtime AS telemetry-replay
ENV HTTP_PORT=3002
EXPOSE 3002
CMD ["node", "services/telemetry-replay/dist/main.js"]

FROM runtime AS normalization
ENV HTTP_PORT=3003
EXPOSE 3003
CMD ["node", "services/normalization/dist/main.js"]

# Also runs the provisioning Job: node services/projection/dist/provision.js
FROM runtime-chdb AS projection
ENV HTTP_PORT=3004
EXPOSE 3004
CMD ["node", "services/projection/dist/main.js"]

FROM runtime AS live-gateway
ENV HTTP_PORT=3005
EXPOSE 3005
CMD ["node", "services/live-gateway/dist/main.js"]

FROM runtime-chdb AS all-in-one
ENV HTTP_PORT=3000
EXPOSE 3000
CMD ["node", "apps/all-in-one/dist/main.js"]
