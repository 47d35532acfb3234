import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { type TencentCommand } from '../tencent/contract';
import { failureCause, failureCode, failureFix, failureSummary, type CallFailure } from './callFailure';

/** A call that still failed after the retry policy gave up. */
export class TencentCallError extends Error {
	constructor(
		readonly command: TencentCommand,
		readonly failure: CallFailure,
		readonly attempts: number,
		/** What the attempts before the last one met (oldest first): Send asks whether one of them may have gone out. */
		readonly earlierFailures: readonly CallFailure[] = [],
	) {
		super(failureSummary(failure, command));
		this.name = 'TencentCallError';
	}

	get code(): string {
		return failureCode(this.failure);
	}

	/** Plain-language reason with Tencent's own words, for output items and messages. */
	get reason(): string {
		const said = this.failure.info && this.failure.kind === 'api' ? `: ${this.failure.info}` : '';
		return `${failureSummary(this.failure, this.command)}${said}`;
	}

	get fix(): string {
		return failureFix(this.failure, this.command);
	}

	/** How to fix it, and how hard the transport tried: the description users read under the message. */
	get advice(): string {
		return this.attempts > 1 ? `${this.fix} The node tried ${this.attempts} times.` : this.fix;
	}
}

/** Everything a NodeApiError needs, built only from sanitised data: no URL, no query string, no UserSig. */
export function tencentNodeApiError(
	node: INode,
	error: TencentCallError,
	options: { message?: string; description?: string; itemIndex?: number; details?: JsonObject } = {},
): NodeApiError {
	const cause = failureCause(error.failure);
	return new NodeApiError(
		node,
		{
			command: error.command,
			code: error.code,
			reason: error.reason,
			attempts: error.attempts,
			...options.details,
		},
		{
			message: options.message ?? error.reason,
			description: options.description ?? error.advice,
			httpCode: error.code,
			itemIndex: options.itemIndex,
			...(cause ? { failure: { cause } } : {}),
		},
	);
}
