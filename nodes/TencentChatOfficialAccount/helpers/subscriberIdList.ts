import { checkSubscriberId, describeType } from './identifiers';

/** One entry of an item's Subscriber IDs, valid or not, in the order the user gave them. */
export type SubscriberIdEntry = { ok: true; id: string } | { ok: false; raw: string; reason: string };

export type SubscriberIdList = { ok: true; entries: SubscriberIdEntry[] } | { ok: false; reason: string };

/** Separators users type between IDs: commas, semicolons, spaces, tabs, newlines. */
const SEPARATORS = /[\s,;]+/;

/**
 * Accepts one ID, a list separated by commas/semicolons/whitespace/newlines, an array of strings or
 * numbers (from an expression such as `{{ $json.userIds }}`), or a JSON array string. Repeats within
 * one item are kept once; invalid entries are reported one by one so the valid ones still proceed.
 */
export function parseSubscriberIds(value: unknown): SubscriberIdList {
	const rawEntries = splitValue(value);
	if (!Array.isArray(rawEntries)) return { ok: false, reason: rawEntries.reason };
	const entries: SubscriberIdEntry[] = [];
	const seen = new Set<string>();
	for (const raw of rawEntries) {
		const checked = checkSubscriberId(raw);
		if (!checked.ok) {
			entries.push({ ok: false, raw: displayRaw(raw), reason: checked.reason });
			continue;
		}
		if (seen.has(checked.value)) continue;
		seen.add(checked.value);
		entries.push({ ok: true, id: checked.value });
	}
	if (entries.length === 0) return { ok: false, reason: 'Subscriber IDs is empty' };
	return { ok: true, entries };
}

function splitValue(value: unknown): unknown[] | { reason: string } {
	if (Array.isArray(value)) return value;
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') {
		return { reason: `Subscriber IDs must be text or a list, not ${describeType(value)}` };
	}
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			return { reason: 'Subscriber IDs starts with "[" but is not a valid JSON array' };
		}
	}
	return text.split(SEPARATORS).filter((part) => part !== '');
}

function displayRaw(raw: unknown): string {
	if (typeof raw === 'string') return raw;
	try {
		return JSON.stringify(raw) ?? String(raw);
	} catch {
		return String(raw);
	}
}
