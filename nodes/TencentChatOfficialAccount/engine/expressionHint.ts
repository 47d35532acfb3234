import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemParameterReader } from './itemParameters';

/** Below this many evaluations a run is small enough that expression cost does not matter. */
const HINT_MIN_EVALUATIONS = 500;

/** The hint shows when evaluating expressions took at least this share of the node's time. */
const HINT_MIN_SHARE = 0.5;

/**
 * Tells the user when a large run spent most of its time in n8n's expression evaluation (about 1 ms per
 * item in a real n8n), and how to avoid it: read the IDs from an input field instead.
 */
export function addExpressionHint(ctx: IExecuteFunctions, reader: ItemParameterReader, startedAt: number, what: { label: string; fromLabel: string }): void {
	const elapsedMs = Math.max(1, Date.now() - startedAt);
	if (reader.expressionReads < HINT_MIN_EVALUATIONS || reader.expressionMs < elapsedMs * HINT_MIN_SHARE) return;
	const seconds = (reader.expressionMs / 1000).toFixed(1);
	const perItem = (reader.expressionMs / reader.expressionReads).toFixed(2);
	ctx.addExecutionHints({
		message: `Evaluating expressions took ${seconds} s of this run (${perItem} ms for each of ${reader.expressionReads} evaluations, ${Math.round((reader.expressionMs / elapsedMs) * 100)} % of the node's time). Set ${what.fromLabel} to "Input Field" and name the field that holds the ${what.label}: then no expression is evaluated per item.`,
		type: 'info',
		location: 'outputPane',
	});
}
