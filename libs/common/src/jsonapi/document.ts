/** The media type JSON:API 1.0 requires on every response, with no parameters. */
export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

export interface ResourceIdentifier {
  type: string;
  id: string;
}

export interface Relationship {
  /** `null` for an empty to-one relationship, `[]` for an empty to-many one. */
  data: ResourceIdentifier | ResourceIdentifier[] | null;
  links?: { self?: string; related?: string };
}

export interface ResourceObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, Relationship>;
  links?: { self: string };
}

export interface JsonApiDocument {
  data: ResourceObject | ResourceObject[] | null;
  included?: ResourceObject[];
  links?: Record<string, string | null>;
  meta?: Record<string, unknown>;
  jsonapi?: { version: '1.0' };
}

/** Requested fields by resource type, as `parseFields` reads `fields[TYPE]=a,b`. */
export type SparseFieldsets = ReadonlyMap<string, ReadonlySet<string>>;

const pick = <T>(record: Record<string, T>, names: ReadonlySet<string>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([name]) => names.has(name)));

/**
 * Keeps only the fields requested for the resource's type. A JSON:API field is an attribute or a
 * relationship, so both are trimmed; a type without a fieldset keeps everything.
 */
export function applySparseFieldset(
  resource: ResourceObject,
  fields: SparseFieldsets,
): ResourceObject {
  const names = fields.get(resource.type);
  if (!names) return resource;
  const { relationships, ...rest } = resource;
  const kept = relationships ? pick(relationships, names) : {};
  return {
    ...rest,
    attributes: pick(resource.attributes, names),
    ...(Object.keys(kept).length > 0 ? { relationships: kept } : {}),
  };
}

const keyOf = ({ type, id }: ResourceIdentifier) => `${type}\u0000${id}`;

export interface CompoundDocumentInput {
  data: ResourceObject | ResourceObject[] | null;
  /** Related resources, in the order they should appear; repeats and primary resources are dropped. */
  included?: readonly ResourceObject[];
  links?: Record<string, string | null>;
  meta?: Record<string, unknown>;
  fields?: SparseFieldsets;
}

/**
 * Builds a top-level document. A compound document holds each resource once: an included resource
 * that repeats, or that is already primary data, is left out (the first occurrence wins).
 */
export function compoundDocument({
  data,
  included,
  links,
  meta,
  fields = new Map(),
}: CompoundDocumentInput): JsonApiDocument {
  const primary = data === null ? [] : Array.isArray(data) ? data : [data];
  const seen = new Set(primary.map(keyOf));
  const unique = (included ?? []).filter((resource) => {
    const key = keyOf(resource);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sparse = (resource: ResourceObject) => applySparseFieldset(resource, fields);
  return {
    jsonapi: { version: '1.0' },
    ...(links ? { links } : {}),
    ...(meta ? { meta } : {}),
    data: data === null ? null : Array.isArray(data) ? data.map(sparse) : sparse(data),
    ...(included ? { included: unique.map(sparse) } : {}),
  };
}
