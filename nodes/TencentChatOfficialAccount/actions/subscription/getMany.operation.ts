import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listLimitProperties, readListLimit } from '../../engine/listLimit';
import { perItemOptionsDescription } from '../../engine/options';
import { collectPages, listEntries, type ListLimit, type PagedList } from '../../engine/pages';
import { ItemFailure, runPerItem, type PerItemOperation } from '../../engine/perItem';
import { checkUserId } from '../../helpers/identifiers';
import { unixSecondsToIso } from '../../helpers/unixTime';
import { COMMANDS, GET_SUBSCRIBED, type TencentReplyEnvelope } from '../../tencent/contract';
import { accountOutput } from '../shared/accountFields';
import { readChecked } from '../../engine/readChecked';

interface ListRequest {
	subscriberId: string;
	limit: ListLimit;
}

/**
 * The next Offset: Tencent's `Next` when it moves forward, else the end of this page; none after the last page
 * (CompleteFlag) or an empty one. All three reply fields are single-source facts (see the contract).
 */
function nextOffset(reply: TencentReplyEnvelope, offset: number, entriesOnPage: number): number | undefined {
	if (entriesOnPage === 0 || reply[GET_SUBSCRIBED.completeFlag] === GET_SUBSCRIBED.completeFlagDone) return undefined;
	const next = Number(reply[GET_SUBSCRIBED.next]);
	return Number.isSafeInteger(next) && next > offset ? next : offset + entriesOnPage;
}

function subscribedList(subscriberId: string): PagedList<number> {
	return {
		command: COMMANDS.getSubscribedAccounts,
		first: 0,
		maxPageSize: GET_SUBSCRIBED.maxPageSize,
		body: (offset, pageSize) => ({ [GET_SUBSCRIBED.subscriber]: subscriberId, [GET_SUBSCRIBED.limit]: pageSize, [GET_SUBSCRIBED.offset]: offset }),
		entries: (reply) => listEntries(reply, GET_SUBSCRIBED.list),
		next: nextOffset,
		nouns: 'subscriptions',
	};
}

/** One followed account: its fields, then the user's own subscription data (SelfInfo). */
function subscriptionOutput(subscriberId: string, entry: IDataObject): IDataObject {
	const self = (entry[GET_SUBSCRIBED.selfInfo] ?? {}) as IDataObject;
	const json: IDataObject = { ...accountOutput(entry), subscriberId };
	if (self[GET_SUBSCRIBED.subscribeTime] !== undefined) {
		json.subscribeTime = self[GET_SUBSCRIBED.subscribeTime];
		json.subscribeTimeIso = unixSecondsToIso(self[GET_SUBSCRIBED.subscribeTime]);
	}
	if (self[GET_SUBSCRIBED.selfCustomString] !== undefined) json.subscriberCustomString = self[GET_SUBSCRIBED.selfCustomString];
	return json;
}

/** Subscription → Get Many: `get_subscribed_official_account_list`, the accounts one user follows, paged by Offset. */
const operation: PerItemOperation<ListRequest> = {
	action: 'list the subscriptions',
	read: (reader, itemIndex) => {
		const subscriber = readChecked(reader, itemIndex, {
			parameter: 'subscriberId',
			label: 'Subscriber ID',
			check: (raw) => checkUserId(raw, 'Subscriber ID'),
			fix: 'Set Subscriber ID to the UserID of a user of this app (printable ASCII, at most 32 bytes), e.g. {{ $json.userId }}.',
		});
		if (!subscriber.ok) return subscriber;
		return { ok: true, request: { subscriberId: subscriber.value, limit: readListLimit(reader, itemIndex) } };
	},
	identify: (request) => ({ subscriberId: request.subscriberId }),
	run: async (client, request) => {
		const entries = await collectPages(client, subscribedList(request.subscriberId), request.limit);
		if (entries instanceof ItemFailure) return entries;
		return entries.map((entry) => subscriptionOutput(request.subscriberId, entry));
	},
};

const properties: INodeProperties[] = [
	{
		displayName: 'Subscriber ID',
		name: 'subscriberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user001',
		description: 'UserID of the user whose followed official accounts to list',
	},
	...listLimitProperties(),
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['subscription'], operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
