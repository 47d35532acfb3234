import { randomInt } from 'node:crypto';
import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { perItemOptionsWith } from '../../engine/options';
import { ItemFailure, runPerItem, type PerItemOperation } from '../../engine/perItem';
import { COMMANDS, RANDOM_MAX, SEND_MESSAGE, type TencentReplyEnvelope } from '../../tencent/contract';
import { sharedMessagePacer, TencentCallError } from '../../transport';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { officialAccountProperty } from '../shared/subscriberIds';
import { whyItMayHaveBeenDelivered } from './delivery';
import { checkLastHour } from './hourlyLimit';
import { messageBodyProperties, readMessageBody } from './messageBody';
import { offlinePushProperty, sendExtras, sendOptionProperties } from './sendOptions';
import { msgTimeFields } from './msgTime';
import { sendDryRun } from './sendDryRun';

interface SendRequest {
	officialAccount: string;
	/** The whole request, Random included: built once, and the same object goes out on every retry. */
	body: IDataObject;
	allowMoreThanTwoPerHour: boolean;
	dryRun: boolean;
}

/**
 * Retries go out only this long after the first attempt: inside Tencent's 5-minute duplicate window, with a
 * minute to spare for the attempt's own round trip, so a repeat of a delivered message is always dropped.
 */
export const SEND_RETRY_WINDOW_MS = SEND_MESSAGE.duplicateWindowMs - 60_000;

/** A message's Random: drawn once, a uint32 (the duplicate check's key besides the content). */
function drawRandom(): number {
	return randomInt(RANDOM_MAX + 1);
}

const operation: PerItemOperation<SendRequest> = {
	action: 'send the message',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		if (!account.ok) return account;
		const msgBody = readMessageBody(reader, itemIndex);
		if (!msgBody.ok) {
			return { ok: false, field: msgBody.field ?? 'Message', reason: msgBody.reason, fix: 'Fix the message fields of this item; nothing was sent for it.' };
		}
		const extras = sendExtras((reader.read('options', itemIndex) ?? {}) as IDataObject, (reader.read('offlinePush', itemIndex) ?? {}) as IDataObject);
		if (!extras.ok) return extras;
		const body: IDataObject = {
			[SEND_MESSAGE.officialAccount]: account.value,
			[SEND_MESSAGE.random]: drawRandom(),
			[SEND_MESSAGE.msgBody]: msgBody.value,
			...extras.body,
		};
		return { ok: true, request: { officialAccount: account.value, body, allowMoreThanTwoPerHour: extras.allowMoreThanTwoPerHour, dryRun: extras.dryRun } };
	},
	identify: (request) => ({ officialAccount: request.officialAccount }),
	checkRun: async (requests, connect) => {
		const perAccount = new Map<string, { count: number; allowed: boolean }>();
		for (const { request } of requests) {
			const entry = perAccount.get(request.officialAccount) ?? { count: 0, allowed: true };
			entry.count++;
			entry.allowed &&= request.allowMoreThanTwoPerHour;
			perAccount.set(request.officialAccount, entry);
		}
		const limit = SEND_MESSAGE.perAccountPerHour;
		const over = [...perAccount].filter(([, entry]) => entry.count > limit && !entry.allowed);
		if (over.length === 0) {
			// Within the run's own limit: the account's last hour decides (accounts allowed more are not read).
			const checked = [...perAccount].filter(([, entry]) => !entry.allowed).map(([account, entry]) => [account, entry.count] as const);
			return await checkLastHour(connect, new Map(checked));
		}
		const what = over.map(([account, entry]) => `${entry.count} messages to ${account}`).join(', ');
		return {
			message: `Nothing was sent: this run would send ${what}, and Tencent Chat allows ${limit} broadcasts per hour per official account`,
			fix: `Send at most ${limit} messages per account in one run (combine them into one, or filter the items before this node). If your Tencent Chat plan allows more, turn on the option "Allow More Than ${limit} per Hour".`,
		};
	},
	run: async (client, request) => {
		if (request.dryRun) return await sendDryRun(client, request.officialAccount, request.body);
		const pacer = sharedMessagePacer(client.connection.sdkAppId, request.officialAccount);
		const sent = await client
			.call<TencentReplyEnvelope>(COMMANDS.sendMessage, request.body, { pacer, retryWithinMs: SEND_RETRY_WINDOW_MS })
			.then(
				(reply) => ({ reply, thrown: undefined }),
				(thrown: unknown) => ({ reply: undefined, thrown }),
			);
		const officialAccount = request.officialAccount;
		// An OK reply to a retry may be Tencent's answer to a duplicate of our own first attempt (DUPLICATE_SEND_ANSWER:
		// the first message's MsgKey): it is this message's one delivery, reported once like any other.
		if (sent.reply) {
			return { officialAccount, msgKey: String(sent.reply[SEND_MESSAGE.msgKey] ?? ''), ...msgTimeFields(sent.reply[SEND_MESSAGE.msgTime]) };
		}
		const error = sent.thrown;
		if (!(error instanceof TencentCallError)) throw error;
		const unanswered = whyItMayHaveBeenDelivered(error);
		if (unanswered !== undefined) {
			return new ItemFailure(
				`The message may have been delivered, but Tencent Chat's reply never came: ${unanswered}`,
				`Check Message > Get Many for ${officialAccount} before sending it again; within 5 minutes Tencent Chat drops the same content as a duplicate anyway. ${error.advice}`,
				error,
				{ reason: error.reason, delivery: 'unknown' },
			);
		}
		throw error;
	},
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Send broadcasts to every subscriber of the account: each input item sends one message, and a sent message can only be recalled (Message > Recall), not unsent.',
		name: 'sendNotice',
		type: 'notice',
		default: '',
	},
	officialAccountProperty(
		'The official account that broadcasts; its ID starts with @TOA#_. The message goes to every subscriber of the account.',
	),
	...messageBodyProperties,
	offlinePushProperty,
	perItemOptionsWith(sendOptionProperties),
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
