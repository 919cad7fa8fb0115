#!/bin/sh
# workerd for the proxy figure's host (workerd-host.ts): the same binary and arguments
# Miniflare gives it, with its stdout (the Worker's console output) appended to a file
# instead of a pipe into the host process, which would wake up for every log line.
exec "$CHATOMNI_WORKERD_BIN" "$@" >>"$CHATOMNI_WORKERD_STDOUT"
