# The render job (jobs/main.ts): a Container Apps job that renders large PDF / HTML reports with the
# Chromium that @sparticuz/chromium ships inside its npm package (unpacked to /tmp at first use).
# Build: docker build -t render-job .   Run: the job's settings as environment variables (bicep/).

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY shared shared
COPY functions functions
COPY local local
COPY jobs jobs
COPY bench bench
RUN npm run build

FROM node:22-bookworm-slim
# @sparticuz/chromium brings its fonts (FONTCONFIG_PATH) and SwiftShader; off Amazon Linux it links the
# system's NSS and expat (ldd of the unpacked binary on Debian 12: libnss3, libnspr4, libexpat1).
RUN apt-get update \
  && apt-get install -y --no-install-recommends libnss3 libexpat1 \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The official image's unprivileged user; Chromium runs with --no-sandbox (launch-chromium.ts).
USER node
CMD ["node", "dist/jobs/main.js"]
