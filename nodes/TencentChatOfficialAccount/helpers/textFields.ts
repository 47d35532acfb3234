import { TEXT_FIELD_MAX_BYTES } from '../tencent/contract';
import { describeType, type Checked } from './identifiers';

export type LimitedTextField = keyof typeof TEXT_FIELD_MAX_BYTES;

/**
 * Tencent counts text limits in UTF-8 bytes ("1 Chinese character = 3 bytes"), so a check by characters
 * would let through texts Tencent rejects. The message names the field, the limit and the actual size.
 */
export function checkTextField(label: string, field: LimitedTextField, value: unknown): Checked<string> {
	if (typeof value !== 'string') {
		if (typeof value === 'number' && Number.isFinite(value)) return checkTextField(label, field, String(value));
		return { ok: false, reason: `${label} must be text, not ${describeType(value)}` };
	}
	const bytes = Buffer.byteLength(value, 'utf8');
	const max = TEXT_FIELD_MAX_BYTES[field];
	if (bytes > max) {
		return { ok: false, reason: `${label} is ${bytes} bytes long in UTF-8; Tencent Chat allows at most ${max} bytes (a Chinese character counts as 3)` };
	}
	return { ok: true, value };
}
