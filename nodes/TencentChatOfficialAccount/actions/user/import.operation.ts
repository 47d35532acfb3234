import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runBulk } from '../../engine/bulk/runBulk';
import { FAILED, type BulkBatch, type BulkContract, type IdOutcome, type ItemDetailsRead } from '../../engine/bulk/types';
import type { IdEntry } from '../../engine/idList';
import { idListSourceProperties } from '../../engine/idListSource';
import type { ItemParameterReader } from '../../engine/itemParameters';
import { bulkOptionsDescription } from '../../engine/options';
import { describeType, type Checked } from '../../helpers/identifiers';
import { readChecked } from '../../engine/readChecked';
import { COMMANDS, IMPORT_USERS, type TencentReplyEnvelope } from '../../tencent/contract';
import { USER_ID_FIELD, USER_IDS, USER_WORDING } from './userIds';

const IMPORTED = 'imported';

/** Shared: a run of 100 000 IDs does not allocate one success per ID. */
const IMPORTED_OUTCOME: IdOutcome = Object.freeze({ status: IMPORTED, ok: true, result: null });

const NOT_IMPORTED: IdOutcome = Object.freeze({
	status: FAILED,
	ok: false,
	result: null,
	reason: 'Tencent Chat listed this UserID in FailAccounts: it was not imported',
	code: 'FAIL_ACCOUNTS',
});

/** The optional profile fields: parameter, label, Tencent's field. */
const PROFILE_FIELDS = [
	{ parameter: 'nickname', label: 'Nickname', field: IMPORT_USERS.nick },
	{ parameter: 'faceUrl', label: 'Avatar URL', field: IMPORT_USERS.faceUrl },
] as const;

const ONE_USER_FIX =
	'Give one UserID per item when you set Nickname or Avatar URL (e.g. User IDs {{ $json.userId }} and Nickname {{ $json.name }}), or leave both empty to import many UserIDs per item.';

/** Empty (or nothing) means "not set"; text or a number is taken trimmed. */
function checkOptionalText(raw: unknown, label: string): Checked<string | undefined> {
	if (raw === undefined || raw === null) return { ok: true, value: undefined };
	if (typeof raw !== 'string' && typeof raw !== 'number') return { ok: false, reason: `${label} must be text, not ${describeType(raw)}` };
	const value = String(raw).trim();
	return { ok: true, value: value === '' ? undefined : value };
}

/**
 * Nickname and Avatar URL describe one user, so they apply to an item that holds exactly one UserID; an item
 * with several and a nickname is that item's error (whose nickname would it be?). Empty means "not set".
 */
function readProfile(reader: ItemParameterReader, itemIndex: number, entries: IdEntry[]): ItemDetailsRead {
	const profile: IDataObject = {};
	const given: string[] = [];
	for (const { parameter, label, field } of PROFILE_FIELDS) {
		const read = readChecked(reader, itemIndex, { parameter, label, check: (raw) => checkOptionalText(raw, label), fix: `Set ${label} to text, or leave it empty.` });
		if (!read.ok) return read;
		if (read.value === undefined) continue;
		profile[field] = read.value;
		given.push(label);
	}
	if (given.length === 0) return { ok: true };
	if (entries.length !== 1) {
		return {
			ok: false,
			field: given[0],
			reason: `${given.join(' and ')} ${given.length === 1 ? 'applies' : 'apply'} to one user, but this item holds ${entries.length} UserIDs`,
			fix: ONE_USER_FIX,
		};
	}
	return { ok: true, details: profile };
}

function importBody(batch: BulkBatch): IDataObject {
	return {
		[IMPORT_USERS.accountList]: batch.ids.map((id) => ({ [IMPORT_USERS.userId]: id, ...batch.details?.get(id) })),
	};
}

/** FailAccounts lists the IDs that failed; every other ID of the call was imported (or was already). */
function readImportReply(batch: BulkBatch, reply: TencentReplyEnvelope, into: Map<string, IdOutcome>): void {
	const listed = reply[IMPORT_USERS.failAccounts];
	const failed = new Set(Array.isArray(listed) ? listed.map(String) : []);
	for (const id of batch.ids) into.set(id, failed.has(id) ? NOT_IMPORTED : IMPORTED_OUTCOME);
}

/** User → Import: `multiaccount_import`, the IDs of all items grouped, at most 100 per call. */
export const contract: BulkContract = {
	command: COMMANDS.multiaccountImport,
	maxIdsPerCall: IMPORT_USERS.maxIdsPerCall,
	ids: USER_IDS,
	itemDetails: readProfile,
	body: importBody,
	readReply: readImportReply,
	perIdResult: false,
	idField: USER_ID_FIELD,
	statuses: [IMPORTED, FAILED],
	wording: { ...USER_WORDING, failed: 'could not be imported', notDone: 'was not imported' },
};

const properties: INodeProperties[] = [
	...idListSourceProperties(USER_IDS),
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.name }}',
		description: "Optional: the user's nickname. Only for items that hold one UserID; an existing user's nickname is replaced.",
	},
	{
		displayName: 'Avatar URL',
		name: 'faceUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/avatar.png',
		description: "Optional: the URL of the user's profile photo (Tencent's FaceUrl). Only for items that hold one UserID; an existing user's photo is replaced.",
	},
	bulkOptionsDescription(IMPORT_USERS.maxIdsPerCall, 'users'),
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['import'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contract);
}
