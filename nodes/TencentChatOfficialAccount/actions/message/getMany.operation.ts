import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { listLimitProperties, readListLimit } from '../../engine/listLimit';
import { perItemOptionsWith } from '../../engine/options';
import { collectPages, listEntries, type ListLimit, type PagedList } from '../../engine/pages';
import { runPerItem, type PerItemOperation } from '../../engine/perItem';
import { COMMANDS, GET_MESSAGES } from '../../tencent/contract';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { officialAccountProperty } from '../shared/subscriberIds';
import { decodeMessage } from './decodeMessage';

interface HistoryRequest {
	officialAccount: string;
	limit: ListLimit;
	includeRecalled: boolean;
}

/** The history pages backwards: no LastMsgKey on the first call (newest), then the previous reply's. */
function historyPages(request: HistoryRequest): PagedList<string> {
	return {
		command: COMMANDS.getMessages,
		first: '',
		maxPageSize: GET_MESSAGES.maxPageSize,
		body: (cursor, pageSize) => ({
			[GET_MESSAGES.officialAccount]: request.officialAccount,
			[GET_MESSAGES.reqMsgNumber]: pageSize,
			...(cursor !== '' ? { [GET_MESSAGES.lastMsgKey]: cursor } : {}),
			...(request.includeRecalled ? { [GET_MESSAGES.withRecalled]: GET_MESSAGES.includeRecalled } : {}),
		}),
		entries: (reply) => listEntries(reply, GET_MESSAGES.list).map((entry) => decodeMessage(request.officialAccount, entry)),
		next: (reply, _cursor, entriesOnPage) => {
			const lastKey = reply[GET_MESSAGES.lastMsgKey];
			// UNCERTAIN IsFinished values: anything but 0 ("more to read") ends the list, as does an empty page.
			const finished = reply[GET_MESSAGES.isFinished] !== undefined && Number(reply[GET_MESSAGES.isFinished]) !== 0;
			if (finished || entriesOnPage === 0 || typeof lastKey !== 'string' || lastKey === '') return undefined;
			return lastKey;
		},
		nouns: 'messages',
	};
}

const operation: PerItemOperation<HistoryRequest> = {
	action: 'read the message history',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) return account;
		const options = (reader.read('options', itemIndex) ?? {}) as IDataObject;
		return {
			ok: true,
			request: { officialAccount: account.value, limit: readListLimit(reader, itemIndex), includeRecalled: options.includeRecalled === true },
		};
	},
	identify: (request) => ({ officialAccount: request.officialAccount }),
	run: async (client, request) => await collectPages(client, historyPages(request), request.limit),
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account whose sent messages to list, newest first; its ID starts with @TOA#_'),
	...listLimitProperties(),
	perItemOptionsWith([
		{
			displayName: 'Include Recalled',
			name: 'includeRecalled',
			type: 'boolean',
			default: false,
			description: 'Whether to list recalled messages too (flagged recalled, without their content)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
