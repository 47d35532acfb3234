import type { IDataObject } from 'n8n-workflow';

import { resultListReader } from '../../engine/bulk/resultList';
import type { BulkBatch, BulkContract } from '../../engine/bulk/types';
import type { TencentCommand } from '../../tencent/contract';
import { OFFICIAL_ACCOUNT_TARGET, SUBSCRIBER_IDS } from './subscriberIds';

/** What differs between Add and Delete Subscribers; both reply with `SubscriberList: [{Subscriber_Account, Result}]`. */
export interface SubscriberListCall {
	command: TencentCommand;
	maxIdsPerCall: number;
	body(batch: BulkBatch): IDataObject;
	/** The reply's list and its field names. */
	reply: { list: string; idKey: string; resultKey: string };
	/** Result values that are successes, and their status; the failure status `failed` comes last. */
	successes: Record<number, string>;
	failureReason(result: number | null): string;
	wording: BulkContract['wording'];
}

/** A bulk contract over one official account's subscribers (Add, Delete). */
export function subscriberListContract(call: SubscriberListCall): BulkContract {
	return {
		command: call.command,
		maxIdsPerCall: call.maxIdsPerCall,
		target: OFFICIAL_ACCOUNT_TARGET,
		ids: SUBSCRIBER_IDS,
		body: call.body,
		readReply: resultListReader({ ...call.reply, successes: call.successes, failureReason: call.failureReason }),
		targetField: 'officialAccount',
		idField: 'subscriberId',
		statuses: [...Object.values(call.successes), 'failed'],
		wording: call.wording,
	};
}
