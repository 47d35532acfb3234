import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { resultListReader } from '../../engine/bulk/resultList';
import { runBulk } from '../../engine/bulk/runBulk';
import type { BulkContract } from '../../engine/bulk/types';
import { idListSourceProperties } from '../../engine/idListSource';
import { bulkOptionsDescription, readOptions } from '../../engine/options';
import { checkTextField } from '../../helpers/textFields';
import { COMMANDS, RECALL_ALREADY_RECALLED_RET_CODES, RECALL_MESSAGES, RECALL_RET_CODE, TEXT_FIELD_MAX_BYTES } from '../../tencent/contract';
import { OFFICIAL_ACCOUNT_TARGET, officialAccountProperty } from '../shared/subscriberIds';
import { MSG_KEYS } from './msgKeys';

const RET_CODE_MEANINGS: Record<number, string> = {
	[RECALL_RET_CODE.notFound]: `Tencent Chat found no such message to recall (RetCode ${RECALL_RET_CODE.notFound}): check the key, that it belongs to this account, and that it was not recalled before`,
	[RECALL_RET_CODE.timeLimit]: `The recall time limit has passed for this message (RetCode ${RECALL_RET_CODE.timeLimit}): Tencent Chat no longer lets it be recalled`,
	[RECALL_RET_CODE.internalError]: `Tencent Chat could not recall it right now (RetCode ${RECALL_RET_CODE.internalError}): run the workflow again for this key`,
	// None is known (UNCERTAIN): only a code that says "already recalled" gets these words.
	...Object.fromEntries(RECALL_ALREADY_RECALLED_RET_CODES.map((code) => [code, `The message was already recalled (RetCode ${code})`])),
};

/** Message → Recall: `official_account_msg_recall`, at most 10 keys per call, RetCode 0 = recalled. */
export function recallContract(reason: string): BulkContract {
	return {
		command: COMMANDS.recallMessages,
		maxIdsPerCall: RECALL_MESSAGES.maxKeysPerCall,
		target: OFFICIAL_ACCOUNT_TARGET,
		ids: MSG_KEYS,
		body: (batch) => ({
			[RECALL_MESSAGES.officialAccount]: batch.target,
			[RECALL_MESSAGES.msgKeyList]: batch.ids,
			...(reason !== '' ? { [RECALL_MESSAGES.reason]: reason } : {}),
		}),
		readReply: resultListReader({
			list: RECALL_MESSAGES.resultList,
			idKey: RECALL_MESSAGES.resultKey,
			resultKey: RECALL_MESSAGES.retCode,
			successes: { [RECALL_RET_CODE.recalled]: 'recalled' },
			failureReason: (retCode) =>
				(retCode !== null ? RET_CODE_MEANINGS[retCode] : undefined) ?? `Tencent Chat could not recall this message (RetCode ${String(retCode)})`,
		}),
		targetField: 'officialAccount',
		idField: 'msgKey',
		statuses: ['recalled', 'failed'],
		wording: { noun: 'message', nouns: 'messages', failed: 'could not be recalled from', notDone: 'was not recalled from' },
	};
}

const reasonOption: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	default: '',
	description: `Why the messages are recalled (at most ${TEXT_FIELD_MAX_BYTES.Reason} bytes)`,
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account that sent the messages; its ID starts with @TOA#_'),
	...idListSourceProperties(MSG_KEYS),
	bulkOptionsDescription(RECALL_MESSAGES.maxKeysPerCall, 'message keys', [reasonOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['recall'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const raw = readOptions(this).reason ?? '';
	const reason = checkTextField('Reason', 'Reason', raw);
	if (!reason.ok) throw new NodeOperationError(this.getNode(), `${reason.reason}; nothing was recalled`, { description: 'Shorten the Reason in the options.' });
	return await runBulk(this, recallContract(reason.value));
}
