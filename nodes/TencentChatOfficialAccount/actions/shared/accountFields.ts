import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameterReader } from '../../engine/itemParameters';
import { describeType, type Checked } from '../../helpers/identifiers';
import { checkTextField, type LimitedTextField } from '../../helpers/textFields';
import { unixSecondsToIso } from '../../helpers/unixTime';
import { ACCOUNT_FIELD, MAX_SUBSCRIBER_NUM_CEILING, TEXT_FIELD_MAX_BYTES } from '../../tencent/contract';
import { readChecked } from '../../engine/readChecked';

/**
 * An official account's settable fields, as the node names them (parameter and output key) and as Tencent
 * does. Create, Update, Get and Subscription → Get Many all use this one table, so a field has one name.
 */
interface SettableField {
	/** Parameter name inside the collection, and the output key. */
	name: string;
	displayName: string;
	tencentKey: string;
	/** A text field and its UTF-8 byte limit, or the subscriber cap (a whole number). */
	limit: LimitedTextField | 'count';
	description: string;
}

const SETTABLE_FIELDS: readonly SettableField[] = [
	{ name: 'name', displayName: 'Name', tencentKey: ACCOUNT_FIELD.name, limit: 'Name', description: `Display name of the account (at most ${TEXT_FIELD_MAX_BYTES.Name} bytes in UTF-8; a Chinese character counts as 3)` },
	{ name: 'introduction', displayName: 'Introduction', tencentKey: ACCOUNT_FIELD.introduction, limit: 'Introduction', description: `Short description shown to users (at most ${TEXT_FIELD_MAX_BYTES.Introduction} bytes in UTF-8)` },
	{ name: 'faceUrl', displayName: 'Avatar URL', tencentKey: ACCOUNT_FIELD.faceUrl, limit: 'FaceUrl', description: `URL of the account's avatar image (at most ${TEXT_FIELD_MAX_BYTES.FaceUrl} bytes; Tencent's FaceUrl)` },
	{ name: 'organization', displayName: 'Organization', tencentKey: ACCOUNT_FIELD.organization, limit: 'Organization', description: `Organization behind the account (at most ${TEXT_FIELD_MAX_BYTES.Organization} bytes in UTF-8)` },
	{ name: 'customString', displayName: 'Custom String', tencentKey: ACCOUNT_FIELD.customString, limit: 'CustomString', description: `Your own data for the account, e.g. JSON (at most ${TEXT_FIELD_MAX_BYTES.CustomString} bytes in UTF-8)` },
	{ name: 'maxSubscribers', displayName: 'Max Subscribers', tencentKey: ACCOUNT_FIELD.maxSubscriberNum, limit: 'count', description: 'How many users may subscribe at most (Tencent Chat default: 100000)' },
];

/** The collection options for these fields (all, or all but some, e.g. Name when it is a parameter of its own). */
export function accountFieldOptions(except: string[] = []): INodeProperties[] {
	return SETTABLE_FIELDS.filter((field) => !except.includes(field.name)).map((field) =>
		field.limit === 'count'
			? { displayName: field.displayName, name: field.name, type: 'number', typeOptions: { minValue: 1 }, default: 100000, description: field.description }
			: { displayName: field.displayName, name: field.name, type: 'string', default: '', description: field.description },
	);
}

export const ACCOUNT_NAME_FIX = `Give the account a Name of 1 to ${TEXT_FIELD_MAX_BYTES.Name} bytes in UTF-8.`;

export function checkAccountName(raw: unknown, label = 'Name'): Checked<string> {
	const checked = checkTextField(label, 'Name', raw);
	if (checked.ok && checked.value.trim() === '') return { ok: false, reason: `${label} is empty` };
	return checked;
}

function checkCount(label: string, raw: unknown): Checked<number> {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SUBSCRIBER_NUM_CEILING) {
		const shown = typeof raw === 'number' || typeof raw === 'string' ? `"${String(raw)}"` : describeType(raw);
		return { ok: false, reason: `${label} must be a whole number from 1 to ${MAX_SUBSCRIBER_NUM_CEILING}, not ${shown}` };
	}
	return { ok: true, value };
}

function checkField(field: SettableField, label: string, raw: unknown): Checked<string | number> {
	if (field.limit === 'count') return checkCount(label, raw);
	if (field.limit === 'Name') return checkAccountName(raw, label);
	return checkTextField(label, field.limit, raw);
}

function fixFor(field: SettableField): string {
	if (field.limit === 'count') return `Set ${field.displayName} to a whole number of at least 1.`;
	if (field.limit === 'Name') return ACCOUNT_NAME_FIX;
	return `Shorten ${field.displayName} to at most ${TEXT_FIELD_MAX_BYTES[field.limit]} bytes in UTF-8.`;
}

export type AccountFieldsRead =
	| { ok: true; body: IDataObject; output: IDataObject; count: number }
	| { ok: false; field: string; reason: string; fix: string };

/**
 * Checks the fields a user set in a collection (e.g. "Additional Fields") and returns them twice: under
 * Tencent's names for the request, under the node's for the output. Fields left out are not sent.
 */
export function readAccountFields(values: unknown, collectionLabel: string): AccountFieldsRead {
	if (values === undefined || values === null) return { ok: true, body: {}, output: {}, count: 0 };
	if (typeof values !== 'object' || Array.isArray(values)) {
		return { ok: false, field: collectionLabel, reason: `${collectionLabel} must be an object, not ${describeType(values)}`, fix: `Set the fields in ${collectionLabel} one by one.` };
	}
	const given = values as IDataObject;
	const body: IDataObject = {};
	const output: IDataObject = {};
	let count = 0;
	for (const field of SETTABLE_FIELDS) {
		if (!(field.name in given) || given[field.name] === undefined) continue;
		const label = `${collectionLabel} → ${field.displayName}`;
		const checked = checkField(field, label, given[field.name]);
		if (!checked.ok) return { ok: false, field: label, reason: checked.reason, fix: fixFor(field) };
		body[field.tencentKey] = checked.value;
		output[field.name] = checked.value;
		count++;
	}
	return { ok: true, body, output, count };
}

/** Reads one item's fields collection parameter (e.g. `additionalFields`) and checks it. */
export function readAccountFieldsParameter(reader: ItemParameterReader, itemIndex: number, parameter: string, label: string): AccountFieldsRead {
	const values = readChecked(reader, itemIndex, {
		parameter,
		label,
		check: (raw) => ({ ok: true, value: raw }),
		fix: `Check the expressions in ${label}.`,
	});
	return values.ok ? readAccountFields(values.value, label) : values;
}

/** Tencent's account fields → the node's output keys; times also as ISO dates. Absent fields stay absent. */
const OUTPUT_KEYS: Readonly<Record<string, string>> = {
	[ACCOUNT_FIELD.officialAccount]: 'officialAccount',
	[ACCOUNT_FIELD.owner]: 'owner',
	...Object.fromEntries(SETTABLE_FIELDS.map((field) => [field.tencentKey, field.name])),
	[ACCOUNT_FIELD.subscriberNum]: 'subscriberCount',
};

const TIME_KEYS: Readonly<Record<string, string>> = {
	[ACCOUNT_FIELD.createTime]: 'createTime',
	[ACCOUNT_FIELD.lastMsgTime]: 'lastMessageTime',
};

/** One account as Tencent lists it, as an output item's JSON: the node's field names, compact. */
export function accountOutput(entry: IDataObject): IDataObject {
	const json: IDataObject = {};
	for (const [tencentKey, outputKey] of Object.entries(OUTPUT_KEYS)) {
		if (entry[tencentKey] !== undefined) json[outputKey] = entry[tencentKey];
	}
	for (const [tencentKey, outputKey] of Object.entries(TIME_KEYS)) {
		if (entry[tencentKey] === undefined) continue;
		json[outputKey] = entry[tencentKey];
		json[`${outputKey}Iso`] = unixSecondsToIso(entry[tencentKey]);
	}
	return json;
}
