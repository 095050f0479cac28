import { deserialise } from 'kitsu-core';

/**
 * A resource as a client library sees it: attributes beside `type` and `id`, and each relationship
 * as `{ data: resource | resource[], links? }` with the included record's attributes merged in
 * (`{ type, id }` alone when it was not included; `{}` or `{ links }` for an empty to-one).
 */
export interface DeserialisedResource {
  type: string;
  id: string;
  [field: string]: unknown;
}

export interface DeserialisedDocument {
  data?: DeserialisedResource | DeserialisedResource[] | null;
  links?: Record<string, string | null>;
  meta?: Record<string, unknown>;
  errors?: unknown[];
}

/**
 * Reads a response body the way a JSON:API client would (kitsu-core), so tests check what clients
 * get rather than the document's shape. The body is copied first: kitsu-core rewrites its input.
 */
export function deserialiseJsonApi(document: unknown): DeserialisedDocument {
  return deserialise(structuredClone(document)) as DeserialisedDocument;
}
