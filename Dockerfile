# syntax=docker/dockerfile:1
# One Dockerfile, one image per service: build a target by name.
#   docker build --target gateway    -t sahem/gateway .
#   docker build --target volunteers -t sahem/volunteers .
#   docker build --target programs   -t sahem/programs .
#   docker build --target indicators -t sahem/indicators .
# Run read-only and unprivileged:
#   docker run --read-only --tmpfs /tmp -p 4000:4000 -e GATEWAY_DATABASE_URL=… sahem/gateway

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build: the full development install, the bundles, and the staged runtime files.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build -- --stage /stage

# 2. Production install of the staged copy: no dev, peer-optional or optional packages,
#    then what no service loads is pruned (other databases' Prisma engines, source maps).
FROM ${NODE_IMAGE} AS install
WORKDIR /app
COPY --from=build /stage/ ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund \
 && node scripts/pruneProduction.mjs \
 && rm -rf /root/.npm

# 3. Runtime: Node and the app only. npm, npx, corepack and yarn are removed, so the image
#    holds no package manager or build tool; the app's files belong to root and are read-only
#    for the user that runs it.
FROM ${NODE_IMAGE} AS runtime
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
      /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
ENV NODE_ENV=production \
    SAHEM_PRODUCTION=true
WORKDIR /app
COPY --from=install /app/ ./
# The only writable place a service may need (the gateway's generated keys, when not mounted),
# for a volume to take over; everything else stays read-only (--read-only, readOnlyRootFilesystem).
RUN mkdir -p /var/lib/sahem && chown node:node /var/lib/sahem
# The node image's unprivileged user (uid 1000); Kubernetes runs it with runAsNonRoot.
USER node

FROM runtime AS gateway
ENV GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=4000 \
    SAHEM_DATA_DIR=/var/lib/sahem
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs", "gateway"]
CMD ["node", "gateway/dist/index.js"]

FROM runtime AS volunteers
ENV VOLUNTEERS_HOST=0.0.0.0 \
    VOLUNTEERS_PORT=4001
EXPOSE 4001
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs", "volunteers"]
CMD ["node", "subgraphs/volunteers/dist/index.js"]

FROM runtime AS programs
ENV PROGRAMS_HOST=0.0.0.0 \
    PROGRAMS_PORT=4002
EXPOSE 4002
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs", "programs"]
CMD ["node", "subgraphs/programs/dist/index.js"]

FROM runtime AS indicators
ENV INDICATORS_HOST=0.0.0.0 \
    INDICATORS_PORT=4003
EXPOSE 4003
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs", "indicators"]
CMD ["node", "subgraphs/indicators/dist/index.js"]
