"""Tandem's local Stripe stand-in: localstripe's app, brought to the shape of today's API.

The server starts this (`python3 -c <this file>`) when no Stripe key is configured, so payments work
on a laptop with nothing set up; tests start it the same way. On top of localstripe it:
- fills the PaymentIntent fields today's API always sends and localstripe leaves out, so the real
  client types decode them (we never loosen our types for the stand-in);
- honours `Idempotency-Key`: a POST repeated with the same key gets the first answer, as from Stripe;
- attaches a confirmed SetupIntent's card to the SetupIntent's customer, as Stripe does;
- lists PaymentIntents by `customer`, as Stripe does (localstripe lists them all or refuses);
- refuses a SetupIntent or PaymentIntent for a customer that does not exist (deleted), as Stripe
  does, where localstripe makes one anyway;
- answers `POST /_config/lose-next` (tests): the next request to a path runs, and its answer is lost
  on the way back, as when a network or a process fails at the worst moment;
- answers `POST /_config/fail-next` (tests): the next request to a path is not run, and gets a
  Stripe-shaped 500, as when Stripe itself fails.

Arguments: --port (0: any free one; the chosen one is printed as `listening <port>`), --state FILE
(keep the data across restarts; without it nothing is written to disk). It stops when its standard
input closes, that is when the server that started it is gone.
"""

import argparse
import asyncio
import json
import os
import pickle
import socket
import sys

from aiohttp import web
from localstripe import resources, server

_answers = {}
_locks = {}
_lose = []
_fail = []


def _fill_payment_intent(pi):
    status = pi.get("status")
    amount = pi.get("amount") or 0
    pi.setdefault("amount_capturable", amount if status == "requires_capture" else 0)
    pi.setdefault("amount_received", amount if status == "succeeded" else 0)
    pi.setdefault("confirmation_method", "automatic")
    pi.setdefault("payment_method_types", ["card"])
    pi.setdefault("capture_method", "automatic")
    # today's API names the latest charge by id unless asked to expand it, and has no `charges`
    if isinstance(pi.get("latest_charge"), dict):
        pi["latest_charge"] = pi["latest_charge"]["id"]
    pi.pop("charges", None)
    if isinstance(pi.get("last_payment_error"), dict):
        pi["last_payment_error"].setdefault("type", "card_error")


def _shaped(value):
    if isinstance(value, dict):
        for v in value.values():
            _shaped(v)
        if value.get("object") == "payment_intent":
            _fill_payment_intent(value)
    elif isinstance(value, list):
        for v in value:
            _shaped(v)
    return value


def _attach_confirmed_setup(path, body):
    parts = path.strip("/").split("/")
    if len(parts) == 4 and parts[:2] == ["v1", "setup_intents"] and parts[3] == "confirm":
        if body.get("status") == "succeeded" and body.get("customer") and body.get("payment_method"):
            pm = resources.PaymentMethod._api_retrieve(body["payment_method"])
            pm.customer = body["customer"]


@web.middleware
async def shape(request, handler):
    response = await handler(request)
    if isinstance(response, web.Response) and response.content_type == "application/json" and response.body:
        body = json.loads(response.body)
        if request.method == "POST" and response.status == 200:
            _attach_confirmed_setup(request.path, body)
        response = web.json_response(_shaped(body), status=response.status)
    return response


@web.middleware
async def idempotent(request, handler):
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return await handler(request)
    async with _locks.setdefault(key, asyncio.Lock()):
        replayed = key in _answers
        if not replayed:
            response = await handler(request)
            _answers[key] = (response.status, response.body)
        status, body = _answers[key]
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return web.Response(status=status, body=body, content_type="application/json", headers=headers)


@web.middleware
async def payment_intents_of_customer(request, handler):
    customer = request.query.get("customer")
    if request.method != "GET" or request.path != "/v1/payment_intents" or not customer:
        return await handler(request)
    listed = resources.List(
        "/v1/payment_intents", request.query.get("limit"), request.query.get("starting_after")
    )
    listed._list = sorted(
        (v for k, v in resources.store.items()
         if k.startswith("payment_intent:") and v.customer == customer),
        key=lambda pi: pi.created,
        reverse=True,
    )
    return web.json_response(listed._export())


@web.middleware
async def known_customer(request, handler):
    if request.method == "POST" and request.path in ("/v1/setup_intents", "/v1/payment_intents"):
        customer = (await request.post()).get("customer")
        if customer and "customer:" + customer not in resources.store:
            error = {
                "type": "invalid_request_error", "code": "resource_missing", "param": "customer",
                "message": "No such customer: '%s'" % customer,
            }
            return web.json_response({"error": error}, status=400)
    return await handler(request)


@web.middleware
async def faults(request, handler):
    for i, prefix in enumerate(_fail):
        if request.path.startswith(prefix):
            del _fail[i]
            error = {"type": "api_error", "message": "An unexpected error occurred (stand-in)."}
            return web.json_response({"error": error}, status=500)
    response = await handler(request)
    for i, prefix in enumerate(_lose):
        if request.path.startswith(prefix):
            del _lose[i]
            request.transport.abort()
            break
    return response


async def lose_next(request):
    data = await request.json()
    _lose.append(data["path"])
    return web.json_response({})


async def fail_next(request):
    data = await request.json()
    _fail.append(data["path"])
    return web.json_response({})


def _keep_state(path):
    store = resources.store
    if path is None:
        store.dump_to_disk = lambda: None
        return

    def dump():
        with open(path, "wb") as f:
            pickle.dump(dict(store), f, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        with open(path, "rb") as f:
            store.update(pickle.load(f))
    except (FileNotFoundError, EOFError, pickle.UnpicklingError):
        pass
    store.dump_to_disk = dump


async def _stop_when_parent_goes():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    os._exit(0)


async def _watch(app):
    app["watch"] = asyncio.create_task(_stop_when_parent_goes())


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--state")
    args = parser.parse_args(argv)
    _keep_state(args.state)

    app = server.app
    # outermost first: fail or lose the answer last, replay before anything runs, shape what is said
    for m in (payment_intents_of_customer, known_customer, shape, idempotent, faults):
        app.middlewares.insert(0, m)
    app.router.add_post("/_config/lose-next", lose_next)
    app.router.add_post("/_config/fail-next", fail_next)
    app.on_startup.append(_watch)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(128)  # connections wait in the queue until the app serves them
    print("listening %d" % sock.getsockname()[1], flush=True)
    web.run_app(app, sock=sock, print=None, access_log=None, handle_signals=True)


if __name__ == "__main__":
    main(sys.argv[1:])
