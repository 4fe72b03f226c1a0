// Looks up a URL or a user@host handle the way any Fedify server would, and prints one JSON
// line: the vocabulary class Fedify parsed the document as, its id and the fields a reader
// sees. Exit status 1 with {"error": ...} when Fedify cannot fetch or parse it.
//   usage: node fedify_lookup.mjs URL-or-handle
import { lookupObject } from "@fedify/vocab";
import { getDocumentLoader } from "@fedify/vocab-runtime";

const loader = getDocumentLoader({ allowPrivateAddress: true }); // the suite runs on loopback
try {
  const object = await lookupObject(process.argv[2], { documentLoader: loader, allowPrivateAddress: true });
  if (object == null) throw new Error("Fedify could not fetch or parse the document");
  const text = (value) => (value == null ? null : String(value));
  console.log(JSON.stringify({
    class: object.constructor.name,
    id: object.id?.href ?? null,
    name: text(object.name),
    preferredUsername: text(object.preferredUsername),
    startTime: text(object.startTime),
    endTime: text(object.endTime),
    document: await object.toJsonLd({ format: "compact" }),
  }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error) }));
  process.exit(1);
}
