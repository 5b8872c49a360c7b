# The API only; Neo4j runs in its own container (docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
# The server's JavaScript (dist/), the explorer and GraphiQL (web/dist, graphiql/dist).
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
RUN apt-get update && apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/graphiql/dist ./graphiql/dist
# Read at run time, from paths relative to dist/ as to src/: the schema, the contract's
# operations (warm-up), the database schema and the report's data (first load).
COPY schema.graphql ./
COPY cypher ./cypher
COPY contract ./contract
COPY data ./data
USER node
EXPOSE 4000
CMD ["node", "dist/main.js"]
