import type { IExecuteFunctions } from 'n8n-workflow';

import { checkOfficialAccountId } from './identifiers';
import { parseSubscriberIds, type SubscriberIdEntry } from './subscriberIdList';

export type ItemRequest =
	| { itemIndex: number; valid: true; officialAccount: string; entries: SubscriberIdEntry[] }
	| { itemIndex: number; valid: false; field: string; reason: string; fix: string };

export const OFFICIAL_ACCOUNT_FIX =
	'Set Official Account to the ID Tencent Chat gave the account, e.g. @TOA#_news (printable ASCII, at most 48 bytes).';

export const SUBSCRIBER_IDS_FIX =
	'Give Subscriber IDs as one ID, a list separated by commas or new lines, or an expression that returns a list, e.g. {{ $json.userIds }}. Each ID is printable ASCII, at most 32 bytes.';

/** Reads and checks one item's Official Account ID and Subscriber IDs. */
export function readItemRequest(ctx: IExecuteFunctions, itemIndex: number): ItemRequest {
	let rawAccount: unknown;
	let rawIds: unknown;
	try {
		rawAccount = ctx.getNodeParameter('officialAccount', itemIndex);
	} catch (error) {
		return invalid(itemIndex, 'Official Account ID', `Official Account ID could not be read: ${messageOf(error)}`, OFFICIAL_ACCOUNT_FIX);
	}
	const account = checkOfficialAccountId(rawAccount);
	if (!account.ok) return invalid(itemIndex, 'Official Account ID', account.reason, OFFICIAL_ACCOUNT_FIX);
	try {
		rawIds = ctx.getNodeParameter('subscriberIds', itemIndex);
	} catch (error) {
		return invalid(itemIndex, 'Subscriber IDs', `Subscriber IDs could not be read: ${messageOf(error)}`, SUBSCRIBER_IDS_FIX);
	}
	const ids = parseSubscriberIds(rawIds);
	if (!ids.ok) return invalid(itemIndex, 'Subscriber IDs', ids.reason, SUBSCRIBER_IDS_FIX);
	return { itemIndex, valid: true, officialAccount: account.value, entries: ids.entries };
}

function invalid(itemIndex: number, field: string, reason: string, fix: string): ItemRequest {
	return { itemIndex, valid: false, field, reason, fix };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
