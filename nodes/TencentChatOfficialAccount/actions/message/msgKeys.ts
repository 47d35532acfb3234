import type { IdListSource } from '../../engine/idListSource';
import { describeType, type Checked } from '../../helpers/identifiers';
import { MSG_KEY_MAX_LENGTH } from '../../tencent/contract';

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** A MsgKey as Send returned it, e.g. 71_1_1698741698. */
export function checkMsgKey(raw: unknown): Checked<string> {
	if (typeof raw !== 'string') return { ok: false, reason: `a message key must be text, not ${describeType(raw)}` };
	const key = raw.trim();
	if (key === '') return { ok: false, reason: 'a message key is empty' };
	if (!PRINTABLE_ASCII.test(key)) return { ok: false, reason: `message key "${key}" contains characters other than printable ASCII` };
	if (key.length > MSG_KEY_MAX_LENGTH) return { ok: false, reason: `message key "${key}" is longer than ${MSG_KEY_MAX_LENGTH} characters` };
	return { ok: true, value: key };
}

/** The message keys Recall takes: a list below, or a field of each item (e.g. msgKey from Send). */
export const MSG_KEYS: IdListSource = {
	label: 'Message Keys',
	check: checkMsgKey,
	fromParameter: 'msgKeysFrom',
	listParameter: 'msgKeys',
	fieldParameter: 'msgKeyField',
	fromLabel: 'Message Keys From',
	fieldLabel: 'Message Key Field',
	listPlaceholder: 'e.g. 71_1_1698741698 or {{ $json.msgKey }}',
	listDescription: 'MsgKeys as Send returned them: one key, a list separated by commas, spaces or new lines, or an expression returning a list',
	fieldPlaceholder: 'e.g. msgKey',
	fieldDescription: 'The input field that holds the MsgKey (or a list of them) of each item, e.g. msgKey from Send',
	fix: 'Give the MsgKeys that Send returned (field msgKey), e.g. 71_1_1698741698; several separated by commas or as a list.',
};
