import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CALLBACK_BODY, CALLBACK_QUERY } from '../TencentChatOfficialAccount/tencent/callbacks';

export type OutputMode = 'perCallback' | 'perSubscriber';

export interface CallbackQueryFields {
	SdkAppid: number | string;
	ClientIP?: string;
	OptPlatform?: string;
	RequestTime?: string;
}

/** JSON with object keys sorted, so that equal content always hashes the same. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function subscriberOf(entry: unknown): string | undefined {
	const account = (entry as IDataObject | null)?.[CALLBACK_BODY.subscriberAccount];
	return typeof account === 'string' ? account : undefined;
}

/**
 * A key that is equal for equal events however Tencent orders the subscribers, for de-duplicating
 * retried deliveries downstream: SHA-256 of the app and the body (the list sorted by account).
 */
export function eventKey(sdkAppId: number | string, body: IDataObject): string {
	const list = body[CALLBACK_BODY.subscribeAccountList];
	const normalised = Array.isArray(list)
		? { ...body, [CALLBACK_BODY.subscribeAccountList]: [...list].sort((a, b) => (subscriberOf(a) ?? '').localeCompare(subscriberOf(b) ?? '')) }
		: body;
	return createHash('sha256').update(`${String(sdkAppId)}\n${canonicalJson(normalised)}`, 'utf8').digest('hex');
}

function eventTimeIso(eventTime: unknown): string | undefined {
	if (typeof eventTime !== 'number' || !Number.isFinite(eventTime)) return undefined;
	const date = new Date(eventTime);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function item(command: string, body: IDataObject, query: CallbackQueryFields): INodeExecutionData {
	const json: IDataObject = {
		...body,
		[CALLBACK_BODY.callbackCommand]: command,
		[CALLBACK_QUERY.sdkAppId]: query.SdkAppid,
		[CALLBACK_QUERY.clientIp]: query.ClientIP,
		[CALLBACK_QUERY.optPlatform]: query.OptPlatform,
		[CALLBACK_QUERY.requestTime]: query.RequestTime,
		eventTimeIso: eventTimeIso(body[CALLBACK_BODY.eventTime]),
		eventKey: eventKey(query.SdkAppid, { ...body, [CALLBACK_BODY.callbackCommand]: command }),
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	return { json };
}

/**
 * The items one callback starts the workflow with. Per subscriber, each item carries one
 * `Subscriber_Account` instead of the list, and the eventKey of a callback for that subscriber alone.
 * Callbacks without a (non-empty) `SubscribeAccountList` always give one item.
 */
export function callbackItems(command: string, body: IDataObject, query: CallbackQueryFields, mode: OutputMode): INodeExecutionData[] {
	const list = body[CALLBACK_BODY.subscribeAccountList];
	if (mode === 'perCallback' || !Array.isArray(list) || list.length === 0) return [item(command, body, query)];
	return list.map((entry) => {
		const single = { ...body, [CALLBACK_BODY.subscribeAccountList]: [entry] };
		const result = item(command, single, query);
		delete result.json[CALLBACK_BODY.subscribeAccountList];
		result.json[CALLBACK_BODY.subscriberAccount] = subscriberOf(entry) ?? null;
		return result;
	});
}
