/**
 * Reads a field of an item's JSON by a dot path such as `contact.imUserId` or `ids[0]`, the way n8n's
 * field-name parameters do (lodash `get`): a key that contains the whole path wins over walking it.
 */
export type FieldLookup = { found: true; value: unknown } | { found: false };

const SEGMENT = /[^.[\]]+|\[(\d+)\]/g;

export function pathSegments(path: string): string[] {
	const segments: string[] = [];
	for (const match of path.matchAll(SEGMENT)) segments.push(match[1] ?? match[0]);
	return segments;
}

/** The last path split: a run reads the same field path for every item, so it is split once. */
let lastPath: { path: string; segments: string[] } | undefined;

function cachedSegments(path: string): string[] {
	if (lastPath?.path !== path) lastPath = { path, segments: pathSegments(path) };
	return lastPath.segments;
}

export function readFieldPath(json: unknown, path: string, segments: string[] = cachedSegments(path)): FieldLookup {
	if (isObject(json) && Object.hasOwn(json, path)) return { found: true, value: json[path] };
	return readSegments(json, segments);
}

/** Walks own properties only, so `constructor` or `__proto__` in a path never reaches the prototype. */
export function readSegments(json: unknown, segments: string[]): FieldLookup {
	if (segments.length === 0) return { found: false };
	let current: unknown = json;
	for (const segment of segments) {
		if (!isObject(current) || !Object.hasOwn(current, segment)) return { found: false };
		current = current[segment];
	}
	return { found: true, value: current };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}
