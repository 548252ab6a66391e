# The Wirestream worker image: small, non-root, state under /var/lib/wirestream.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY streams ./streams
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/wirestream --create-home wire
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER wire
WORKDIR /var/lib/wirestream
# Logs straight to the container log; no .pyc writes (Kubernetes runs a read-only root).
ENV WIRE_HOME=/var/lib/wirestream \
    WIRE_WEB_HOST=0.0.0.0 \
    WIRE_WEB_PORT=6066 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
EXPOSE 6066
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD python -c "import urllib.request,os;urllib.request.urlopen('http://127.0.0.1:6066/wire/health',timeout=2)"
ENTRYPOINT ["wire"]
CMD ["worker", "-l", "info"]
