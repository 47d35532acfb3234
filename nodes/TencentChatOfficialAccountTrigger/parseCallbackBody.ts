import type { IDataObject } from 'n8n-workflow';

export type ParsedBody = { ok: true; body: IDataObject } | { ok: false; problem: string };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseText(text: string): ParsedBody {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, problem: 'The body is not valid JSON' };
	}
	return isObject(value) ? { ok: true, body: value } : { ok: false, problem: 'The body is JSON but not an object' };
}

/**
 * Normalises the body as n8n's body reader leaves it: `application/json` arrives parsed, `text/plain` as a
 * string, and any other content type as `{}` with the bytes still in `rawBody`. Tencent documents only that
 * the payload "is fixed as JSON", not its Content-Type, so all three are accepted.
 */
export function parseCallbackBody(body: unknown, rawBody: unknown): ParsedBody {
	if (typeof body === 'string') return parseText(body);
	if (isObject(body) && Object.keys(body).length > 0) return { ok: true, body };
	if (Buffer.isBuffer(rawBody) && rawBody.length > 0) return parseText(rawBody.toString('utf8'));
	if (isObject(body)) return { ok: false, problem: 'The body is empty' };
	return { ok: false, problem: 'The body is not a JSON object' };
}
