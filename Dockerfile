# SINet Node container image: `sinet-node run` as a non-root user, data in the /data volume.
#
#   docker build -t sinet-node .
#   docker run -p 8080:8080 -v sinet-data:/data \
#     -e SINET_BASE_URL=https://sinet.example.org -e SINET_NAME="Example" sinet-node
#
# BASE_IMAGE: any Debian-like image with python3 (>= 3.11) and its venv module; builder
# and final stage use the same one so the venv's interpreter path matches.
ARG BASE_IMAGE=python:3.11-slim-bookworm

FROM ${BASE_IMAGE} AS builder
# How pip reaches a package index. Build arguments, never ENV: they stay out of the final
# image. Left empty, pip uses its own defaults (PyPI).
ARG PIP_INDEX_URL=
ARG PIP_EXTRA_INDEX_URL=
ARG PIP_FIND_LINKS=
ARG PIP_TRUSTED_HOST=
ARG PIP_CERT=
ARG PIP_DEFAULT_TIMEOUT=
COPY . /src
# An empty PIP_* variable would override pip's default with "", so drop the unset ones.
RUN set -eu; \
    for v in PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_TRUSTED_HOST PIP_CERT \
             PIP_DEFAULT_TIMEOUT; do \
      eval "[ -n \"\${$v:-}\" ] || unset $v"; \
    done; \
    python3 -m venv /opt/venv; \
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 /opt/venv/bin/pip install --quiet /src; \
    /opt/venv/bin/python -c "import sinet_node"

FROM ${BASE_IMAGE}
ARG SINET_UID=10001
# useradd where the base has it; otherwise the two lines it would write.
RUN set -eu; \
    if command -v useradd >/dev/null 2>&1; then \
      groupadd --gid "$SINET_UID" sinet; \
      useradd --uid "$SINET_UID" --gid "$SINET_UID" --home-dir /home/sinet --create-home \
        --shell /usr/sbin/nologin sinet; \
    else \
      echo "sinet:x:$SINET_UID:" >>/etc/group; \
      echo "sinet:x:$SINET_UID:$SINET_UID::/home/sinet:/usr/sbin/nologin" >>/etc/passwd; \
      mkdir -p /home/sinet && chown "$SINET_UID:$SINET_UID" /home/sinet; \
    fi; \
    mkdir -p /data && chown "$SINET_UID:$SINET_UID" /data && chmod 0750 /data
COPY --from=builder /opt/venv /opt/venv
COPY docker/entrypoint.sh /usr/local/bin/sinet-entrypoint
ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SINET_DATA_DIR=/data
USER ${SINET_UID}:${SINET_UID}
WORKDIR /home/sinet
VOLUME /data
EXPOSE 8080
LABEL org.opencontainers.image.title="sinet-node" \
      org.opencontainers.image.description="SINet Node: a federated ActivityPub node for social-innovation networks" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
ENTRYPOINT ["/usr/local/bin/sinet-entrypoint"]
