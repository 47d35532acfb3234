import type { IDataObject } from 'n8n-workflow';

import type { BulkBatch } from './types';

/**
 * Groups the unique (target, ID) pairs of all items into as few calls as the API allows: one target per
 * call, at most `batchSize` IDs each. Items are added one by one and a batch is handed out as soon as it is
 * full, so calls can start while later items are still being read.
 */
export class BatchPlanner {
	/** Every pair ever planned, per target: an ID repeated in a later item is not sent again. */
	private readonly planned = new Map<string, Set<string>>();

	/** IDs waiting for their batch to fill, per target, in first-seen order. */
	private readonly pending = new Map<string, string[]>();

	/** The details of pending IDs that have any, per target (most operations have none, and pay nothing). */
	private readonly pendingDetails = new Map<string, Map<string, IDataObject>>();

	constructor(private readonly batchSize: number) {}

	/** Adds one item's IDs (with that item's details, if any); returns the batches that became full. */
	add(target: string, ids: string[], details?: IDataObject): BulkBatch[] {
		let planned = this.planned.get(target);
		if (!planned) {
			planned = new Set();
			this.planned.set(target, planned);
			this.pending.set(target, []);
		}
		const pending = this.pending.get(target) as string[];
		const full: BulkBatch[] = [];
		for (const id of ids) {
			if (planned.has(id)) continue;
			planned.add(id);
			pending.push(id);
			if (details) this.detailsOf(target).set(id, details);
			if (pending.length === this.batchSize) full.push(this.take(target, pending));
		}
		return full;
	}

	private detailsOf(target: string): Map<string, IDataObject> {
		let details = this.pendingDetails.get(target);
		if (!details) {
			details = new Map();
			this.pendingDetails.set(target, details);
		}
		return details;
	}

	/** Empties the target's pending IDs into one batch, with the details of those IDs. */
	private take(target: string, pending: string[]): BulkBatch {
		const batch: BulkBatch = { target, ids: pending.splice(0) };
		const details = this.pendingDetails.get(target);
		if (details && details.size > 0) {
			batch.details = new Map(details);
			details.clear();
		}
		return batch;
	}

	/** The partly filled batches left after the last item. */
	flush(): BulkBatch[] {
		const rest: BulkBatch[] = [];
		for (const [target, pending] of this.pending) {
			if (pending.length > 0) rest.push(this.take(target, pending));
		}
		return rest;
	}
}

/** All batches for a known list of requests, in the order the planner hands them out. */
export function planBatches(requests: Array<{ target: string; ids: string[] }>, batchSize: number): BulkBatch[] {
	const planner = new BatchPlanner(batchSize);
	return [...requests.flatMap((request) => planner.add(request.target, request.ids)), ...planner.flush()];
}
