# The API only; Neo4j runs in its own container (docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build:web --if-present

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save tsx@4
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/graphiql/dist ./graphiql/dist
COPY schema.graphql tsconfig.json ./
COPY src ./src
COPY cypher ./cypher
COPY contract ./contract
COPY data ./data
USER node
EXPOSE 4000
CMD ["npx", "tsx", "src/main.ts"]
