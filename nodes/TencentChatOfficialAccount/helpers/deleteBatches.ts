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
 * allows: one account per call, at most `batchSize` IDs each. Items are added one by one and a batch is
 * handed out as soon as it is full, so calls can start while later items are still being read.
 */
export class DeleteBatchPlanner {
	/** Every pair ever planned, per account: an ID repeated in a later item is not sent again. */
	private readonly planned = new Map<string, Set<string>>();

	/** IDs waiting for their batch to fill, per account, in first-seen account order. */
	private readonly pending = new Map<string, string[]>();

	constructor(private readonly batchSize: number) {}

	/** Adds one item's IDs; returns the batches that became full. */
	add(officialAccount: string, subscriberIds: string[]): DeleteBatch[] {
		let planned = this.planned.get(officialAccount);
		if (!planned) {
			planned = new Set();
			this.planned.set(officialAccount, planned);
			this.pending.set(officialAccount, []);
		}
		const pending = this.pending.get(officialAccount) as string[];
		const full: DeleteBatch[] = [];
		for (const id of subscriberIds) {
			if (planned.has(id)) continue;
			planned.add(id);
			pending.push(id);
			if (pending.length === this.batchSize) {
				full.push({ officialAccount, subscriberIds: pending.splice(0) });
			}
		}
		return full;
	}

	/** The partly filled batches left after the last item. */
	flush(): DeleteBatch[] {
		const rest: DeleteBatch[] = [];
		for (const [officialAccount, pending] of this.pending) {
			if (pending.length > 0) rest.push({ officialAccount, subscriberIds: pending.splice(0) });
		}
		return rest;
	}
}

/** All batches for a known list of requests, in the order the planner hands them out. */
export function planDeleteBatches(
	requests: Array<{ officialAccount: string; subscriberIds: string[] }>,
	batchSize: number,
): DeleteBatch[] {
	const planner = new DeleteBatchPlanner(batchSize);
	return [...requests.flatMap((request) => planner.add(request.officialAccount, request.subscriberIds)), ...planner.flush()];
}

/** Successes are the same for every subscriber: shared, not allocated 100 000 times in a large run. */
const SUCCESS_OUTCOMES: Record<number, SubscriberOutcome> = {
	[SUBSCRIBER_RESULT.deleted]: Object.freeze({ status: 'deleted', result: SUBSCRIBER_RESULT.deleted }),
	[SUBSCRIBER_RESULT.notSubscribed]: Object.freeze({ status: 'notSubscribed', result: SUBSCRIBER_RESULT.notSubscribed }),
};

/**
 * Maps one reply to an outcome per sent ID, written into `outcomes` (a new map unless given); an ID the
 * reply does not mention is a failure, never dropped.
 */
export function outcomesFromReply(
	batch: DeleteBatch,
	reply: TencentReplyEnvelope,
	outcomes: Map<string, SubscriberOutcome> = new Map(),
): Map<string, SubscriberOutcome> {
	const reported = new Map<string, unknown>();
	const list = reply[DELETE_SUBSCRIBER.resultList];
	if (Array.isArray(list)) {
		for (const entry of list as IDataObject[]) {
			reported.set(String(entry?.[DELETE_SUBSCRIBER.resultAccount]), entry?.[DELETE_SUBSCRIBER.result]);
		}
	}
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
		const success = SUCCESS_OUTCOMES[result];
		if (success) {
			outcomes.set(id, success);
			continue;
		}
		outcomes.set(id, {
			status: 'failed',
			result: Number.isFinite(result) ? result : null,
			reason:
				result === SUBSCRIBER_RESULT.failed
					? 'Tencent Chat could not remove this subscriber (Result 0)'
					: `Tencent Chat answered an unknown Result ${String(raw)} for this subscriber`,
			code: `RESULT_${String(raw)}`,
		});
	}
	return outcomes;
}

export interface DispatchOptions {
	/** Stop sending new calls after the first failure (the node is about to throw anyway). */
	stopOnFailure: boolean;
	/** Aborted on that first failure; calls not sent yet then end as NOT_SENT. */
	stopController: AbortController;
}

const NOT_SENT: SubscriberOutcome = {
	status: 'failed',
	result: null,
	reason: 'Not sent: the node stopped after an earlier subscriber could not be removed',
	code: 'NOT_SENT',
};

/**
 * Sends batches as they are handed to it (the transport bounds calls in flight and their rate) and
 * collects an outcome for every subscriber. Outcomes do not depend on the order calls finish in.
 */
export class DeleteDispatcher {
	readonly outcomes: DeleteOutcomes = new Map();

	private readonly sending: Array<Promise<void>> = [];

	private client?: Promise<TencentClient>;

	/** The first unexpected rejection (e.g. cancellation), kept until `finished()` so none goes unhandled. */
	private broken?: { error: unknown };

	constructor(
		/** Creates the client on the first batch, so a run without valid items makes no connection. */
		private readonly connect: () => Promise<TencentClient>,
		private readonly options: DispatchOptions,
	) {}

	get stopped(): boolean {
		return this.options.stopController.signal.aborted;
	}

	dispatch(batch: DeleteBatch): void {
		this.client ??= this.connect();
		this.sending.push(
			this.send(batch).catch((error: unknown) => {
				this.broken ??= { error };
			}),
		);
	}

	/** Resolves once every dispatched batch has an outcome; rejects if the execution was cancelled. */
	async finished(): Promise<DeleteOutcomes> {
		await Promise.all(this.sending);
		if (this.broken) throw this.broken.error;
		return this.outcomes;
	}

	private accountOutcomes(officialAccount: string): Map<string, SubscriberOutcome> {
		let account = this.outcomes.get(officialAccount);
		if (!account) {
			account = new Map();
			this.outcomes.set(officialAccount, account);
		}
		return account;
	}

	private recordAll(batch: DeleteBatch, outcome: SubscriberOutcome): void {
		const account = this.accountOutcomes(batch.officialAccount);
		for (const id of batch.subscriberIds) account.set(id, outcome);
	}

	private async send(batch: DeleteBatch): Promise<void> {
		const client = await (this.client as Promise<TencentClient>);
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
			const account = outcomesFromReply(batch, sent.reply, this.accountOutcomes(batch.officialAccount));
			if (this.options.stopOnFailure && batch.subscriberIds.some((id) => account.get(id)?.status === 'failed')) {
				this.options.stopController.abort();
			}
			return;
		}
		if (sent.thrown instanceof TencentCallError) {
			const error = sent.thrown;
			const failed: SubscriberOutcome = { status: 'failed', result: null, reason: error.reason, code: error.code, callError: error };
			this.recordAll(batch, failed);
			if (this.options.stopOnFailure) this.options.stopController.abort();
			return;
		}
		if (sent.thrown instanceof ExecutionCancelledError && this.stopped) {
			this.recordAll(batch, NOT_SENT);
			return;
		}
		// The execution itself was cancelled (n8n discards the run), or something unexpected broke.
		throw sent.thrown;
	}
}
