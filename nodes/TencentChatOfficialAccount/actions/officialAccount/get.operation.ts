import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listEntries } from '../../engine/pages';
import { runBulk } from '../../engine/bulk/runBulk';
import { FAILED, type BulkBatch, type BulkContract, type IdOutcome } from '../../engine/bulk/types';
import { idListSourceProperties, type IdListSource } from '../../engine/idListSource';
import { bulkReadOptionsDescription } from '../../engine/options';
import { checkOfficialAccountId } from '../../helpers/identifiers';
import { COMMANDS, GET_ACCOUNT_INFO, type TencentReplyEnvelope } from '../../tencent/contract';
import { describeErrorCode } from '../../tencent/errorCodes';
import { accountOutput } from '../shared/accountFields';

type FilterField = (typeof GET_ACCOUNT_INFO.filterFields)[number];

/** Display names of the Fields filter's choices. */
const FIELD_NAMES: Record<FilterField, string> = {
	CreateTime: 'Create Time',
	Name: 'Name',
	Owner_Account: 'Owner',
	LastMsgTime: 'Last Message Time',
	SubscriberNum: 'Subscriber Count',
	Introduction: 'Introduction',
	FaceUrl: 'Avatar URL',
	Organization: 'Organization',
	CustomString: 'Custom String',
};

export const OFFICIAL_ACCOUNT_IDS: IdListSource = {
	label: 'Official Account IDs',
	check: checkOfficialAccountId,
	fromParameter: 'officialAccountIdsFrom',
	listParameter: 'officialAccountIds',
	fieldParameter: 'officialAccountIdField',
	fromLabel: 'Official Account IDs From',
	fieldLabel: 'Official Account ID Field',
	listPlaceholder: 'e.g. @TOA#_news, @TOA#_shop or {{ $json.accountIds }}',
	listDescription: 'Official account IDs: one ID, a list separated by commas, semicolons, spaces or new lines, or an expression returning a list',
	fieldPlaceholder: 'e.g. officialAccount',
	fieldDescription: 'The input field that holds the official account ID (or a list of them) of each item. Nested fields use dots.',
	fix: 'Give Official Account IDs as one ID, a list separated by commas or new lines, or a list, e.g. {{ $json.accountIds }}. Each ID starts with @TOA#_ and is printable ASCII, at most 48 bytes.',
};

const FOUND = 'found';

function failed(reason: string, code: string, result: number | null = null): IdOutcome {
	return { status: FAILED, ok: false, result, reason, code };
}

/**
 * Matches each requested ID with its entry of OfficialAccountInfoList: by the entry's own ID, or (UNCERTAIN
 * reply shape, see the contract) by position. An entry with its own non-zero code, or no entry, is that ID's failure.
 */
function readAccountInfo(batch: BulkBatch, reply: TencentReplyEnvelope, into: Map<string, IdOutcome>): void {
	const entries = listEntries(reply, GET_ACCOUNT_INFO.resultList);
	const byId = new Map<string, IDataObject>();
	for (const entry of entries) {
		const id = entry?.[GET_ACCOUNT_INFO.resultAccount];
		if (typeof id === 'string') byId.set(id, entry);
	}
	if (byId.size === 0 && GET_ACCOUNT_INFO.matchResultsByPosition && entries.length === batch.ids.length) {
		batch.ids.forEach((id, index) => byId.set(id, entries[index]));
	}
	for (const id of batch.ids) {
		const entry = byId.get(id);
		if (!entry) {
			into.set(id, failed("Tencent Chat's reply carried no information for this account", 'NO_RESULT'));
			continue;
		}
		const code = Number(entry[GET_ACCOUNT_INFO.resultErrorCode] ?? 0);
		if (code !== 0) {
			into.set(id, failed(describeErrorCode(code, COMMANDS.getOfficialAccountInfo).meaning, Number.isFinite(code) ? String(code) : 'UNKNOWN', code));
			continue;
		}
		const fields = accountOutput(entry);
		delete fields.officialAccount;
		into.set(id, { status: FOUND, ok: true, result: 0, fields });
	}
}

/** Official Account → Get: `get_official_account_info`, the IDs of all items grouped, at most 50 per call. */
export function contractFor(filter: FilterField[]): BulkContract {
	return {
		command: COMMANDS.getOfficialAccountInfo,
		maxIdsPerCall: GET_ACCOUNT_INFO.maxIdsPerCall,
		ids: OFFICIAL_ACCOUNT_IDS,
		body: (batch) => ({
			[GET_ACCOUNT_INFO.idList]: batch.ids.map((id) => ({ [GET_ACCOUNT_INFO.resultAccount]: id })),
			...(filter.length > 0 ? { [GET_ACCOUNT_INFO.responseFilter]: { [GET_ACCOUNT_INFO.baseInfoFilter]: filter } } : {}),
		}),
		readReply: readAccountInfo,
		dataOutput: true,
		idField: 'officialAccount',
		statuses: [FOUND, FAILED],
		wording: { noun: 'official account', nouns: 'official accounts', failed: 'could not be read', notDone: 'could not be read' },
	};
}

/** The Fields filter applies to the whole run (one filter per call, and calls mix items). */
function readFieldsFilter(ctx: IExecuteFunctions): FilterField[] {
	const raw = ctx.getNodeParameter('fields', 0, []) as unknown;
	const values = Array.isArray(raw) ? raw : [raw];
	const allowed = GET_ACCOUNT_INFO.filterFields as readonly unknown[];
	const unknown = values.filter((value) => !allowed.includes(value));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Fields has values Tencent Chat does not know: ${unknown.map((value) => JSON.stringify(value)).join(', ')}`, {
			description: `Choose Fields from the list (${GET_ACCOUNT_INFO.filterFields.join(', ')}), or leave it empty for all of them.`,
		});
	}
	return GET_ACCOUNT_INFO.filterFields.filter((field) => values.includes(field));
}

const properties: INodeProperties[] = [
	...idListSourceProperties(OFFICIAL_ACCOUNT_IDS),
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: GET_ACCOUNT_INFO.filterFields.map((field) => ({ name: FIELD_NAMES[field], value: field })).sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'Which fields of each account to return; empty returns all. Applies to every item of the run.',
	},
	bulkReadOptionsDescription(GET_ACCOUNT_INFO.maxIdsPerCall, 'official accounts'),
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contractFor(readFieldsFilter(this)));
}
