# The diplograph API for docker compose (Neo4j runs in its own container; see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci && npm cache clean --force
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
CMD ["node", "bin/diplograph.js", "serve"]
