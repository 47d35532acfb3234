import { describeType, type Checked } from '../helpers/identifiers';

/** One entry of an item's ID list, valid or not, in the order the user gave them. */
export type IdEntry = { ok: true; id: string } | { ok: false; raw: string; reason: string };

export type IdList = { ok: true; entries: IdEntry[] } | { ok: false; reason: string };

export interface IdListRules {
	/** How the list is named in messages, e.g. "Subscriber IDs". */
	label: string;
	check: (raw: unknown) => Checked<string>;
}

/** Separators users type between IDs: commas, semicolons, spaces, tabs, newlines. */
const SEPARATORS = /[\s,;]+/;

/**
 * Accepts one ID, a list separated by commas/semicolons/whitespace/newlines, an array of strings or
 * numbers (from an expression such as `{{ $json.userIds }}` or an input field), or a JSON array string.
 * Repeats within one item are kept once; invalid entries are reported one by one so the valid ones still
 * proceed.
 */
export function parseIdList(value: unknown, rules: IdListRules): IdList {
	const rawEntries = splitValue(value, rules.label);
	if (!Array.isArray(rawEntries)) return { ok: false, reason: rawEntries.reason };
	const entries: IdEntry[] = [];
	const seen = new Set<string>();
	for (const raw of rawEntries) {
		const checked = rules.check(raw);
		if (!checked.ok) {
			entries.push({ ok: false, raw: displayRaw(raw), reason: checked.reason });
			continue;
		}
		if (seen.has(checked.value)) continue;
		seen.add(checked.value);
		entries.push({ ok: true, id: checked.value });
	}
	if (entries.length === 0) return { ok: false, reason: `${rules.label} is empty` };
	return { ok: true, entries };
}

function splitValue(value: unknown, label: string): unknown[] | { reason: string } {
	if (Array.isArray(value)) return value;
	if (typeof value === 'number') return [value];
	if (typeof value !== 'string') {
		return { reason: `${label} must be text or a list, not ${describeType(value)}` };
	}
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			return { reason: `${label} starts with "[" but is not a valid JSON array` };
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
