# Hindsight's web UI in a container (README: "In a container"); misc/container-smoke.sh builds and
# checks it. Build and run:
#
#   docker build -t hindsight .
#   docker run --rm -p 8080:8080 -e HINDSIGHT_TOKEN=choose-a-long-one \
#       --security-opt seccomp=unconfined hindsight
#
# then open http://localhost:8080/?token=choose-a-long-one (without HINDSIGHT_TOKEN the server
# makes one up and prints the URL in the container's log). The seccomp option: the tracer starts
# programs with address-space randomisation off (personality ADDR_NO_RANDOMIZE), and each session's
# sandbox (bubblewrap) makes user, PID and network namespaces, which Docker's default seccomp
# profile refuses; the sandbox then applies its own, stricter filter to every program.
# HINDSIGHT_SERVE_OPTS adds options, e.g. "--max-sessions 32".
FROM debian:bookworm

ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
WORKDIR /opt/hindsight

# Exactly what the launcher installs for `hindsight serve` (clang, libcapstone, Maven, a JDK, node
# and npm for the page, bubblewrap for the sessions' sandbox), by running the launcher's own script.
COPY misc/ensure-deps.sh misc/ensure-deps.sh
RUN misc/ensure-deps.sh nodejs npm bubblewrap && rm -rf /var/lib/apt/lists/*

# The build, as `hindsight setup` does it (the page is bundled with the npm packages pinned in
# web-ui/package-lock.json); Maven's download cache is not needed once the jars and their lib/ exist.
COPY . .
RUN mvn -q -B -ntp -DskipTests package && rm -rf /root/.m2 web-ui/node_modules \
    && useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin hindsight

# Sessions' temporary files go to /tmp; nothing else is written at run time.
USER hindsight
EXPOSE 8080
CMD ["sh", "-c", "exec ./hindsight serve --host 0.0.0.0 --port 8080 ${HINDSIGHT_TOKEN:+--token \"$HINDSIGHT_TOKEN\"} $HINDSIGHT_SERVE_OPTS"]
