import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { listEntries } from '../../engine/pages';
import { runBulk } from '../../engine/bulk/runBulk';
import { FAILED, type BulkBatch, type BulkContract, type IdOutcome } from '../../engine/bulk/types';
import { idListSourceProperties } from '../../engine/idListSource';
import { bulkReadOptionsDescription } from '../../engine/options';
import { CHECK_USERS, COMMANDS, type TencentReplyEnvelope } from '../../tencent/contract';
import { describeErrorCode } from '../../tencent/errorCodes';
import { USER_ID_FIELD, USER_IDS, USER_WORDING } from './userIds';

const CHECKED = 'checked';

/** Shared: a run of 100 000 IDs does not allocate one success per ID. */
const BY_STATUS: ReadonlyMap<unknown, IdOutcome> = new Map<unknown, IdOutcome>([
	[CHECK_USERS.imported, Object.freeze({ status: CHECKED, ok: true, result: 0, fields: Object.freeze({ imported: true }) })],
	[CHECK_USERS.notImported, Object.freeze({ status: CHECKED, ok: true, result: 0, fields: Object.freeze({ imported: false }) })],
]);

function failed(reason: string, code: string, result: number | null = null): IdOutcome {
	return { status: FAILED, ok: false, result, reason, code };
}

/** One ResultItem per UserID: its own ResultCode, then AccountStatus Imported / NotImported. */
function readCheckReply(batch: BulkBatch, reply: TencentReplyEnvelope, into: Map<string, IdOutcome>): void {
	const byId = new Map<string, IDataObject>();
	for (const entry of listEntries(reply, CHECK_USERS.resultList)) {
		const id = entry?.[CHECK_USERS.userId];
		if (typeof id === 'string') byId.set(id, entry);
	}
	for (const id of batch.ids) {
		const entry = byId.get(id);
		if (!entry) {
			into.set(id, failed("Tencent Chat's reply carried no result for this UserID", 'NO_RESULT'));
			continue;
		}
		const code = Number(entry[CHECK_USERS.resultCode] ?? 0);
		if (code !== 0) {
			const known = Number.isFinite(code);
			into.set(id, failed(known ? describeErrorCode(code, COMMANDS.accountCheck).meaning : 'Tencent Chat answered an unreadable ResultCode', known ? String(code) : 'UNKNOWN', known ? code : null));
			continue;
		}
		const status = entry[CHECK_USERS.accountStatus];
		into.set(id, BY_STATUS.get(status) ?? failed(`Tencent Chat answered an unknown AccountStatus ${JSON.stringify(status)}`, 'UNKNOWN_STATUS'));
	}
}

/** User → Check: `account_check`, the IDs of all items grouped, at most 100 per call; one item per UserID. */
export const contract: BulkContract = {
	command: COMMANDS.accountCheck,
	maxIdsPerCall: CHECK_USERS.maxIdsPerCall,
	ids: USER_IDS,
	body: (batch) => ({ [CHECK_USERS.checkItem]: batch.ids.map((id) => ({ [CHECK_USERS.userId]: id })) }),
	readReply: readCheckReply,
	dataOutput: true,
	idField: USER_ID_FIELD,
	statuses: [CHECKED, FAILED],
	wording: { ...USER_WORDING, failed: 'could not be checked', notDone: 'could not be checked' },
};

const properties: INodeProperties[] = [...idListSourceProperties(USER_IDS), bulkReadOptionsDescription(CHECK_USERS.maxIdsPerCall, 'users')];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['check'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runBulk(this, contract);
}
