import { ExecutionCancelledError, TencentCallError, type TencentClient } from '../../transport';
import { FAILED, type BulkBatch, type BulkContract, type BulkOutcomes, type IdOutcome } from './types';

export interface DispatchOptions {
	/** Stop sending new calls after the first failure (the node is about to throw anyway). */
	stopOnFailure: boolean;
	/** Aborted on that first failure; calls not sent yet then end as NOT_SENT. */
	stopController: AbortController;
}

export const NOT_SENT: IdOutcome = Object.freeze({
	status: FAILED,
	ok: false,
	result: null,
	reason: 'Not sent: the node stopped after an earlier failure',
	code: 'NOT_SENT',
});

/**
 * Sends batches as they are handed to it (the transport bounds calls in flight and their rate) and
 * collects an outcome for every ID. Outcomes do not depend on the order calls finish in.
 */
export class BulkDispatcher {
	readonly outcomes: BulkOutcomes = new Map();

	private readonly sending: Array<Promise<void>> = [];

	private client?: Promise<TencentClient>;

	/** The first unexpected rejection (e.g. cancellation), kept until `finished()` so none goes unhandled. */
	private broken?: { error: unknown };

	private unsettled = 0;

	private settledWaiters: Array<() => void> = [];

	constructor(
		private readonly contract: BulkContract,
		/** Creates the client on the first batch, so a run without valid items makes no connection. */
		private readonly connect: () => Promise<TencentClient>,
		private readonly options: DispatchOptions,
	) {}

	get stopped(): boolean {
		return this.options.stopController.signal.aborted;
	}

	dispatch(batch: BulkBatch): void {
		this.client ??= this.connect();
		this.unsettled++;
		this.sending.push(
			this.send(batch)
				.catch((error: unknown) => {
					this.broken ??= { error };
				})
				.finally(() => {
					this.unsettled--;
					const waiters = this.settledWaiters.splice(0);
					for (const wake of waiters) wake();
				}),
		);
	}

	/** Batches dispatched whose outcome is not known yet. */
	get inFlight(): number {
		return this.unsettled;
	}

	/** Resolves when the next batch settles (at once when none is in flight). */
	async nextSettled(): Promise<void> {
		if (this.unsettled === 0) return;
		await new Promise<void>((resolve) => this.settledWaiters.push(resolve));
	}

	/** Resolves once every dispatched batch has an outcome; rejects if the execution was cancelled. */
	async finished(): Promise<BulkOutcomes> {
		await Promise.all(this.sending);
		if (this.broken) throw this.broken.error;
		return this.outcomes;
	}

	private targetOutcomes(target: string): Map<string, IdOutcome> {
		let outcomes = this.outcomes.get(target);
		if (!outcomes) {
			outcomes = new Map();
			this.outcomes.set(target, outcomes);
		}
		return outcomes;
	}

	private recordAll(batch: BulkBatch, outcome: IdOutcome): void {
		const outcomes = this.targetOutcomes(batch.target);
		for (const id of batch.ids) outcomes.set(id, outcome);
	}

	private async send(batch: BulkBatch): Promise<void> {
		const client = await (this.client as Promise<TencentClient>);
		const sent = await client.call(this.contract.command, this.contract.body(batch)).then(
			(reply) => ({ reply, thrown: undefined }),
			(thrown: unknown) => ({ reply: undefined, thrown }),
		);
		if (sent.reply) {
			const outcomes = this.targetOutcomes(batch.target);
			this.contract.readReply(batch, sent.reply, outcomes);
			if (this.options.stopOnFailure && batch.ids.some((id) => outcomes.get(id)?.ok === false)) {
				this.options.stopController.abort();
			}
			return;
		}
		if (sent.thrown instanceof TencentCallError) {
			const error = sent.thrown;
			this.recordAll(batch, { status: FAILED, ok: false, result: null, reason: error.reason, code: error.code, callError: error });
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
