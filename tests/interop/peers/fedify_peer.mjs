// An independent ActivityPub server for the interop suite, built on the Fedify framework.
// One account, "carol", kept in memory. Fedify does all the federation work (its own
// strict AS2 parsing, its own HTTP signatures, RFC 9421 first with a cavage fallback); this
// file only wires it to a port and adds a small control API for the tests:
//
//   POST /control/follow?target=URL-or-handle   carol follows someone
//   POST /control/note?to=ACTOR-URL             carol sends a public Note addressed to ACTOR
//   GET  /control/inbox                          what arrived, as Fedify parsed it
//   GET  /control/requests                       every outgoing request: scheme, status, and for
//                                                a POST whether it carried a proof, and its body
//   GET  /control/proofs                         every activity POSTed to carol, as it came, and
//                                                whether Fedify's verifyObject accepts its proof
//   GET  /control/verify?url=URL                 fetch URL and check its proof with verifyObject
//
// usage: node fedify_peer.mjs PORT [ORIGIN]   (ORIGIN: the public URL, e.g. behind TLS)
import { createServer } from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import {
  createFederation, generateCryptoKeyPair, InProcessMessageQueue, MemoryKvStore, verifyObject,
} from "@fedify/fedify";
import {
  Accept, Activity, Create, Endpoints, Follow, Note, Object as ASObject, Person, PUBLIC_COLLECTION,
} from "@fedify/vocab";
import { configure, getConsoleSink } from "@logtape/logtape";

const port = Number(process.argv[2]);
const origin = process.argv[3] ?? `http://127.0.0.1:${port}`;
const USER = "carol";

// Every request Fedify sends goes through the global fetch: record its signature scheme
// and the status it got, so a test can tell a first-knock success from a fallback.
const requests = [];
const platformFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const record = {
    method: request.method,
    url: request.url,
    scheme: request.headers.has("signature-input") ? "rfc9421"
      : request.headers.has("signature") ? "draft-cavage" : "unsigned",
    status: null,
    proof: null,
  };
  if (request.method === "POST") {
    try {
      record.body = JSON.parse(await request.clone().text());
      record.proof = "proof" in record.body;
    } catch {
      record.proof = false;
    }
  }
  requests.push(record);
  try {
    const response = await platformFetch(request);
    record.status = response.status;
    return response;
  } catch (error) {
    record.error = String(error?.cause ?? error);
    throw error;
  }
};

await configure({
  contextLocalStorage: new AsyncLocalStorage(),
  sinks: { console: getConsoleSink() },
  loggers: [
    { category: "fedify", lowestLevel: "warning", sinks: ["console"] },
    { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
  ],
});

const federation = createFederation({
  kv: new MemoryKvStore(),
  queue: new InProcessMessageQueue(),
  origin,
  allowPrivateAddress: true, // every peer of the suite is on loopback
});

let keys = null;
federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== USER) return null;
    const pairs = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Carol, on Fedify",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: pairs[0].cryptographicKey,
      assertionMethods: pairs.map((pair) => pair.multikey),
    });
  })
  .mapHandle((_ctx, username) => (username === USER ? USER : null))
  .setKeyPairsDispatcher(async (_ctx, identifier) => {
    if (identifier !== USER) return [];
    keys ??= [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), await generateCryptoKeyPair("Ed25519")];
    return keys;
  });

// What arrived, with the class Fedify parsed each object as and the fields a reader sees.
const inbox = [];
async function describe(object) {
  if (object == null) return null;
  const text = (value) => (value == null ? null : String(value));
  const seen = { class: object.constructor.name, id: object.id?.href ?? null, name: text(object.name) };
  if ("startTime" in object) seen.startTime = text(object.startTime);
  if ("endTime" in object) seen.endTime = text(object.endTime);
  try {
    const location = typeof object.getLocation === "function" ? await object.getLocation() : null;
    if (location != null) seen.location = { class: location.constructor.name, name: text(location.name) };
  } catch (error) {
    seen.locationError = String(error);
  }
  seen.summary = text(object.summary);
  seen.url = text(object.url?.href ?? object.url);
  return seen;
}

async function remember(ctx, activity) {
  const entry = {
    type: activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    objectId: activity.objectId?.href ?? null,
    object: null,
  };
  try {
    entry.object = await describe(await activity.getObject(ctx));
  } catch (error) {
    entry.objectError = String(error);
  }
  inbox.push(entry);
  return entry;
}

const following = new Map(); // actor id -> { follow, accepted }

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    await remember(ctx, follow);
    if (follow.objectId?.href !== ctx.getActorUri(USER).href) return;
    const follower = await follow.getActor(ctx);
    if (follower == null) return;
    await ctx.sendActivity({ identifier: USER }, follower, new Accept({
      id: new URL(`${origin}/accepts/${randomUUID()}`),
      actor: ctx.getActorUri(USER),
      object: follow,
    }));
  })
  .on(Accept, async (ctx, accept) => {
    await remember(ctx, accept);
    const entry = following.get(accept.actorId?.href);
    if (entry) entry.accepted = true;
  })
  .on(Activity, async (ctx, activity) => { await remember(ctx, activity); });

// The raw JSON of every POST to an inbox, before Fedify sees it.
const posted = [];

// Fedify's own object-integrity check, with no key cache: the key is fetched from its
// controller's actor document every time, as a peer that never saw it would.
async function fedifyVerifies(cls, document, ctx) {
  try {
    const verified = await verifyObject(cls, document, {
      documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader,
    });
    return { verified: verified != null };
  } catch (error) {
    return { verified: false, error: String(error) };
  }
}

async function control(url) {
  const ctx = federation.createContext(new URL(origin), undefined);
  const me = ctx.getActorUri(USER);
  switch (url.pathname) {
    case "/control/proofs": {
      const results = [];
      for (const document of posted) {
        results.push({
          id: document.id ?? null, type: document.type ?? null, hasProof: "proof" in document,
          verificationMethod: document.proof?.verificationMethod ?? null,
          ...(await fedifyVerifies(Activity, document, ctx)),
        });
      }
      return Response.json(results);
    }
    case "/control/verify": {
      const { document } = await ctx.documentLoader(url.searchParams.get("url"));
      return Response.json({
        hasProof: "proof" in document,
        verificationMethod: document.proof?.verificationMethod ?? null,
        ...(await fedifyVerifies(ASObject, document, ctx)),
      });
    }
    case "/control/inbox":
      return Response.json({
        inbox,
        following: [...following].map(([id, entry]) => ({ id, accepted: entry.accepted })),
      });
    case "/control/requests":
      return Response.json(requests);
    case "/control/follow": {
      const target = await ctx.lookupObject(url.searchParams.get("target"));
      if (target?.id == null) return new Response("lookup failed", { status: 502 });
      const follow = new Follow({ id: new URL(`${origin}/follows/${randomUUID()}`), actor: me, object: target.id });
      following.set(target.id.href, { follow, accepted: false });
      await ctx.sendActivity({ identifier: USER }, target, follow);
      return Response.json({ following: target.id.href });
    }
    case "/control/note": {
      const target = await ctx.lookupObject(url.searchParams.get("to"));
      if (target?.id == null) return new Response("lookup failed", { status: 502 });
      const id = `${origin}/notes/${randomUUID()}`;
      const note = new Note({
        id: new URL(id), attribution: me, to: PUBLIC_COLLECTION, cc: target.id,
        content: url.searchParams.get("text") ?? "Hello from Carol on Fedify",
      });
      await ctx.sendActivity({ identifier: USER }, target, new Create({
        id: new URL(`${id}/create`), actor: me, object: note, to: PUBLIC_COLLECTION, cc: target.id,
      }));
      return Response.json({ note: id });
    }
    default:
      return new Response("no such control", { status: 404 });
  }
}

createServer(async (incoming, outgoing) => {
  try {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const url = new URL(incoming.url, origin);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const hasBody = chunks.length > 0 && !["GET", "HEAD"].includes(incoming.method);
    if (hasBody && !url.pathname.startsWith("/control/")) {
      try {
        posted.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        // not JSON: Fedify answers it
      }
    }
    const request = new Request(url, { method: incoming.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
    const response = url.pathname.startsWith("/control/")
      ? await control(url)
      : await federation.fetch(request, { contextData: undefined });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    outgoing.writeHead(500, { "content-type": "text/plain" });
    outgoing.end(String(error));
  }
}).listen(port, "127.0.0.1", () => console.log(`fedify peer listening on ${origin}`));
