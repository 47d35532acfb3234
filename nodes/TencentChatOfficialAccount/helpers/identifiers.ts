import { OFFICIAL_ACCOUNT_ID, USER_ID_MAX_BYTES } from '../tencent/contract';

/** Tencent IDs are printable ASCII (0x20–0x7E), so their length in bytes is their length in characters. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export function checkOfficialAccountId(raw: unknown): Checked<string> {
	if (typeof raw !== 'string') {
		return { ok: false, reason: `Official Account ID must be text, not ${describeType(raw)}` };
	}
	const id = raw.trim();
	if (id === '') return { ok: false, reason: 'Official Account ID is empty' };
	if (!PRINTABLE_ASCII.test(id)) {
		return { ok: false, reason: `Official Account ID "${id}" contains characters other than printable ASCII` };
	}
	if (!id.startsWith(OFFICIAL_ACCOUNT_ID.prefix)) {
		return { ok: false, reason: `Official Account ID "${id}" does not start with ${OFFICIAL_ACCOUNT_ID.prefix}` };
	}
	if (id.length > OFFICIAL_ACCOUNT_ID.maxBytes) {
		return { ok: false, reason: `Official Account ID "${id}" is longer than ${OFFICIAL_ACCOUNT_ID.maxBytes} bytes` };
	}
	return { ok: true, value: id };
}

export function checkSubscriberId(raw: unknown): Checked<string> {
	return checkUserId(raw, 'subscriber ID');
}

/** A UserID (a subscriber, an owner): `label` names it in messages, e.g. "subscriber ID" or "Owner". */
export function checkUserId(raw: unknown, label: string): Checked<string> {
	let id: string;
	if (typeof raw === 'string') id = raw.trim();
	// Beyond 2^53 a number has already lost digits, and the wrong user would be chosen.
	else if (typeof raw === 'number' && Number.isSafeInteger(raw)) id = String(raw);
	else if (typeof raw === 'number') return { ok: false, reason: `${label} ${String(raw)} is not a whole number that fits without rounding; give it as text` };
	else return { ok: false, reason: `${label} must be text or a number, not ${describeType(raw)}` };
	if (id === '') return { ok: false, reason: `${label} is empty` };
	if (!PRINTABLE_ASCII.test(id)) {
		return { ok: false, reason: `${label} "${id}" contains characters other than printable ASCII` };
	}
	if (id.length > USER_ID_MAX_BYTES) {
		return { ok: false, reason: `${label} "${id}" is longer than ${USER_ID_MAX_BYTES} bytes` };
	}
	return { ok: true, value: id };
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number';
	return `a ${typeof value}`;
}
