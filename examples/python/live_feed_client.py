#!/usr/bin/env python3
"""Subscribes to a session on slipstream's live feed and prints what arrives.

Needs python-socketio 5 (Debian: apt-get install python3-socketio; or pip install
"python-socketio[client]" websocket-client). Usage:

    python3 examples/python/live_feed_client.py --url http://localhost:3000 --session 9873

Prints one line per message: first the snapshot, then each delta frame
("delta <topic> <items> <last seq>"), and a JSON summary at the end.
"""

import argparse
import json
import sys
import threading
import time

import socketio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://localhost:3000", help="gateway (or all-in-one) base URL")
    parser.add_argument("--session", type=int, required=True, help="session key, e.g. 9873")
    parser.add_argument("--topics", default="timing,telemetry", help="comma-separated topics")
    parser.add_argument("--drivers", default="", help="comma-separated car numbers (default: all)")
    parser.add_argument("--token", default=None, help="GATEWAY_AUTH_TOKEN of a private deployment")
    parser.add_argument("--seconds", type=float, default=30, help="stop after this long")
    parser.add_argument("--frames", type=int, default=0, help="stop once every topic has this many frames")
    args = parser.parse_args()

    topics = [topic for topic in args.topics.split(",") if topic]
    request = {"sessionKey": args.session, "topics": topics}
    if args.drivers:
        request["drivers"] = [int(number) for number in args.drivers.split(",")]

    # request_timeout: the WebSocket handshake may take a while on a busy gateway (default 5 s).
    sio = socketio.Client(reconnection=True, request_timeout=20)
    # python-engineio hands every incoming message to a thread of its own, so two frames can be
    # handled in either order; handle them on the reading thread instead, in the order they arrived
    # (the handlers below only count and print, so they never hold that thread up).
    trigger = sio.eio._trigger_event
    sio.eio._trigger_event = lambda event, *args, run_async=False: trigger(event, *args, run_async=False)
    frames = {topic: 0 for topic in topics}
    items = {topic: 0 for topic in topics}
    # Where to resume from after a reconnect: the gateway's last `sync` for this session.
    position = {"sequences": None}
    done = threading.Event()

    def on_subscribed(reply: dict) -> None:
        # Acknowledgements run on the client's thread in arrival order: this prints before any delta.
        if not reply.get("ok"):
            print(f"refused {reply['error']['code']}: {reply['error']['message']}", flush=True)
            done.set()
            return
        position["sequences"] = reply["sequences"]
        if reply["mode"] == "snapshot":
            snapshot = reply["snapshot"]
            rows = len((snapshot.get("timing") or {}).get("rows", []))
            print(
                f"snapshot session={snapshot['sessionKey']} drivers={len(snapshot['session']['drivers'])}"
                f" timing_rows={rows} sequences={json.dumps(snapshot['sequences'], sort_keys=True)}",
                flush=True,
            )
        else:
            print(f"resumed replayed={reply['replayed']}", flush=True)

    @sio.on("connect", namespace="/live")
    def on_connect() -> None:
        wanted = dict(request)
        if position["sequences"]:  # a reconnect: ask for what was missed
            wanted["resumeFrom"] = [{"stream": s, "sequence": n} for s, n in position["sequences"].items()]
        sio.emit("subscribe", wanted, namespace="/live", callback=on_subscribed)

    @sio.on("delta", namespace="/live")
    def on_delta(frame: dict) -> None:
        if done.is_set():  # stopping: frames still in flight are not counted
            return
        topic = frame["topic"]
        if topic not in frames:  # `session` (driver list, status) comes with every subscription
            frames[topic] = items[topic] = 0
        frames[topic] += 1
        items[topic] += len(frame["items"])
        print(f"delta {topic} {len(frame['items'])} {frame['items'][-1]['seq']}", flush=True)
        if args.frames and all(frames[t] >= args.frames for t in topics):
            done.set()

    @sio.on("sync", namespace="/live")
    def on_sync(sync: dict) -> None:
        if sync["sessionKey"] == args.session:
            position["sequences"] = sync["sequences"]

    @sio.on("gateway_error", namespace="/live")
    def on_error(error: dict) -> None:
        print(f"gateway_error {error.get('code')}: {error.get('message')}", file=sys.stderr, flush=True)

    # python-socketio reconnects a dropped connection by itself, but not a first one that fails
    # (a busy gateway, or a 429 from its handshake rate limit): retry that with a growing delay.
    for attempt in range(6):
        try:
            sio.connect(
                args.url,
                namespaces=["/live"],
                transports=["websocket"],
                auth={"token": args.token} if args.token else None,
                wait_timeout=30,  # the default (1 s) is short for a busy gateway
            )
            break
        except socketio.exceptions.ConnectionError as error:
            if attempt == 5:
                raise
            print(f"connect failed ({error}); retrying", file=sys.stderr, flush=True)
            time.sleep(2**attempt)
    done.wait(args.seconds)
    sio.disconnect()
    print("summary " + json.dumps({"frames": frames, "items": items}, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
