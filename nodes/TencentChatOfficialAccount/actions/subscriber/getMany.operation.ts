import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { listLimitProperties, readListLimit } from '../../engine/listLimit';
import { perItemOptionsDescription } from '../../engine/options';
import { collectPages, listEntries, type ListLimit, type PagedList } from '../../engine/pages';
import { runPerItem, type PerItemOperation } from '../../engine/perItem';
import { unixSecondsToIso } from '../../helpers/unixTime';
import { COMMANDS, GET_SUBSCRIBERS, SUBSCRIBER_FIELD } from '../../tencent/contract';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { officialAccountProperty } from '../shared/subscriberIds';

/** One account's subscribers, paged by the string cursor `Next`: `""` asks for the first page and ends the list. */
export function subscriberPages(officialAccount: string): PagedList<string> {
	return {
		command: COMMANDS.getSubscriberInfo,
		first: '',
		maxPageSize: GET_SUBSCRIBERS.maxPageSize,
		// Limit is always sent: without it the docs promise "all members", wording copied from the group API.
		body: (next, pageSize) => ({
			[GET_SUBSCRIBERS.officialAccount]: officialAccount,
			[GET_SUBSCRIBERS.limit]: pageSize,
			[GET_SUBSCRIBERS.next]: next,
		}),
		entries: (reply) => listEntries(reply, GET_SUBSCRIBERS.list),
		next: (reply) => {
			const next = reply[GET_SUBSCRIBERS.next];
			return typeof next === 'string' && next !== '' ? next : undefined;
		},
		nouns: 'subscribers',
	};
}

function secondsOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * A subscriber as the node outputs it: camelCase keys, times as Unix seconds plus `<key>Iso` (as the account
 * operations name them; null for 0, "never"). Every key is always present, so spreadsheet columns stay stable.
 */
export function subscriberJson(officialAccount: string, entry: IDataObject): IDataObject {
	const subscribeTime = secondsOrNull(entry[SUBSCRIBER_FIELD.subscribeTime]);
	const lastSendMessageTime = secondsOrNull(entry[SUBSCRIBER_FIELD.lastSendMsgTime]);
	return {
		officialAccount,
		subscriberId: entry[SUBSCRIBER_FIELD.account] as string,
		subscribeTime,
		subscribeTimeIso: unixSecondsToIso(subscribeTime),
		customString: (entry[SUBSCRIBER_FIELD.customString] as string | undefined) ?? '',
		msgFlag: (entry[SUBSCRIBER_FIELD.msgFlag] as string | undefined) ?? null,
		lastSendMessageTime,
		lastSendMessageTimeIso: unixSecondsToIso(lastSendMessageTime),
	};
}

/** Subscriber → Get Many: `get_subscriber_info`, every page of one account per item, one output item per subscriber. */
const operation: PerItemOperation<{ officialAccount: string; limit: ListLimit }> = {
	action: 'list the subscribers',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) return account;
		return { ok: true, request: { officialAccount: account.value, limit: readListLimit(reader, itemIndex) } };
	},
	identify: (request) => ({ officialAccount: request.officialAccount }),
	run: async (client, { officialAccount, limit }) => {
		const entries = await collectPages(client, subscriberPages(officialAccount), limit);
		return Array.isArray(entries) ? entries.map((entry) => subscriberJson(officialAccount, entry)) : entries;
	},
};

const properties: INodeProperties[] = [
	officialAccountProperty('The official account whose subscribers to list; its ID starts with @TOA#_'),
	...listLimitProperties(),
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
