import type { IDataObject } from 'n8n-workflow';

import { COMMANDS, DELETE_SUBSCRIBER, SUBSCRIBER_RESULT, type TencentReplyEnvelope } from '../tencent/contract';
import { ExecutionCancelledError, TencentCallError, type TencentClient } from '../transport';

export interface DeleteBatch {
	officialAccount: string;
	subscriberIds: string[];
}

export type SubscriberStatus = 'deleted' | 'notSubscribed' | 'failed';

export interface SubscriberOutcome {
	status: SubscriberStatus;
	/** Tencent's raw Result (0, 1, 2); null when Tencent gave none for this subscriber. */
	result: number | null;
	/** Why it failed, in plain words; absent on success. */
	reason?: string;
	/** Tencent error code, HTTP status or socket code of a failed call. */
	code?: string;
	/** The failed call, for the fix advice of a final error. */
	callError?: TencentCallError;
}

/** Outcomes by official account, then subscriber ID. */
export type DeleteOutcomes = Map<string, Map<string, SubscriberOutcome>>;

/**
 * Groups the unique (official account, subscriber) pairs of all items into as few calls as the API
 * allows: one account per call, at most `batchSize` IDs each, in first-seen order.
 */
export function planDeleteBatches(
	requests: Array<{ officialAccount: string; subscriberIds: string[] }>,
	batchSize: number,
): DeleteBatch[] {
	const idsByAccount = new Map<string, Set<string>>();
	for (const request of requests) {
		let ids = idsByAccount.get(request.officialAccount);
		if (!ids) {
			ids = new Set();
			idsByAccount.set(request.officialAccount, ids);
		}
		for (const id of request.subscriberIds) ids.add(id);
	}
	const batches: DeleteBatch[] = [];
	for (const [officialAccount, ids] of idsByAccount) {
		const all = [...ids];
		for (let start = 0; start < all.length; start += batchSize) {
			batches.push({ officialAccount, subscriberIds: all.slice(start, start + batchSize) });
		}
	}
	return batches;
}

const RESULT_STATUS: Record<number, SubscriberStatus> = {
	[SUBSCRIBER_RESULT.deleted]: 'deleted',
	[SUBSCRIBER_RESULT.notSubscribed]: 'notSubscribed',
	[SUBSCRIBER_RESULT.failed]: 'failed',
};

/** Maps one reply to an outcome per sent ID; an ID the reply does not mention is a failure, never dropped. */
export function outcomesFromReply(batch: DeleteBatch, reply: TencentReplyEnvelope): Map<string, SubscriberOutcome> {
	const reported = new Map<string, unknown>();
	const list = reply[DELETE_SUBSCRIBER.resultList];
	if (Array.isArray(list)) {
		for (const entry of list as IDataObject[]) {
			reported.set(String(entry?.[DELETE_SUBSCRIBER.resultAccount]), entry?.[DELETE_SUBSCRIBER.result]);
		}
	}
	const outcomes = new Map<string, SubscriberOutcome>();
	for (const id of batch.subscriberIds) {
		if (!reported.has(id)) {
			outcomes.set(id, {
				status: 'failed',
				result: null,
				reason: "Tencent Chat's reply carried no result for this subscriber, so it may still be subscribed",
				code: 'NO_RESULT',
			});
			continue;
		}
		const raw = reported.get(id);
		const result = Number(raw);
		const status = RESULT_STATUS[result];
		if (status === undefined || status === 'failed') {
			outcomes.set(id, {
				status: 'failed',
				result: Number.isFinite(result) ? result : null,
				reason:
					status === 'failed'
						? 'Tencent Chat could not remove this subscriber (Result 0)'
						: `Tencent Chat answered an unknown Result ${String(raw)} for this subscriber`,
				code: `RESULT_${String(raw)}`,
			});
			continue;
		}
		outcomes.set(id, { status, result });
	}
	return outcomes;
}

export interface RunDeleteOptions {
	/** Stop sending new calls after the first failure (the node is about to throw anyway). */
	stopOnFailure: boolean;
	/** Aborts the calls that have not been sent yet (used with stopOnFailure). */
	stopController: AbortController;
}

const NOT_SENT: SubscriberOutcome = {
	status: 'failed',
	result: null,
	reason: 'Not sent: the node stopped after an earlier failure',
	code: 'NOT_SENT',
};

/**
 * Sends every batch concurrently (the transport bounds calls in flight and their rate) and collects an
 * outcome for every subscriber. Outcomes do not depend on the order calls finish in.
 */
export async function runDeleteBatches(
	client: TencentClient,
	batches: DeleteBatch[],
	options: RunDeleteOptions,
): Promise<DeleteOutcomes> {
	const outcomes: DeleteOutcomes = new Map();
	const record = (batch: DeleteBatch, byId: Map<string, SubscriberOutcome>) => {
		let account = outcomes.get(batch.officialAccount);
		if (!account) {
			account = new Map();
			outcomes.set(batch.officialAccount, account);
		}
		for (const [id, outcome] of byId) account.set(id, outcome);
	};
	const recordAll = (batch: DeleteBatch, outcome: SubscriberOutcome) =>
		record(batch, new Map(batch.subscriberIds.map((id) => [id, outcome])));

	const sendBatch = async (batch: DeleteBatch): Promise<void> => {
		const sent = await client
			.call(COMMANDS.deleteSubscriber, {
				[DELETE_SUBSCRIBER.officialAccount]: batch.officialAccount,
				[DELETE_SUBSCRIBER.subscribersToDelete]: batch.subscriberIds,
			})
			.then(
				(reply) => ({ reply, thrown: undefined }),
				(thrown: unknown) => ({ reply: undefined, thrown }),
			);
		if (sent.reply) {
			const byId = outcomesFromReply(batch, sent.reply);
			record(batch, byId);
			if (options.stopOnFailure && [...byId.values()].some((outcome) => outcome.status === 'failed')) {
				options.stopController.abort();
			}
			return;
		}
		if (sent.thrown instanceof TencentCallError) {
			const error = sent.thrown;
			recordAll(batch, { status: 'failed', result: null, reason: error.reason, code: error.code, callError: error });
			if (options.stopOnFailure) options.stopController.abort();
			return;
		}
		if (sent.thrown instanceof ExecutionCancelledError && options.stopController.signal.aborted) {
			recordAll(batch, NOT_SENT);
			return;
		}
		// The execution itself was cancelled (n8n discards the run), or something unexpected broke.
		throw sent.thrown;
	};

	await Promise.all(batches.map(sendBatch));
	return outcomes;
}
