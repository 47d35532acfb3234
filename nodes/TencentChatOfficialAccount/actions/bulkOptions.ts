import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { API_CALLS_PER_SECOND_LIMIT, DELETE_SUBSCRIBER_MAX_IDS_PER_CALL } from '../tencent/contract';
import {
	DEFAULT_MAX_CONCURRENT_REQUESTS,
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_TRANSPORT_SETTINGS,
	type TransportSettings,
} from '../transport';

export type OutputMode = 'perSubscriber' | 'summary';

export interface BulkOptions {
	batchSize: number;
	output: OutputMode;
	transport: TransportSettings;
}

/** Options of operations that send many IDs; they apply to the whole run and are read from the first item. */
export const bulkOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: DELETE_SUBSCRIBER_MAX_IDS_PER_CALL },
			default: DELETE_SUBSCRIBER_MAX_IDS_PER_CALL,
			description: `How many subscriber IDs to send per API call (at most ${DELETE_SUBSCRIBER_MAX_IDS_PER_CALL})`,
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrentRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 200 },
			default: DEFAULT_MAX_CONCURRENT_REQUESTS,
			description: 'How many API calls may be under way at the same time',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: API_CALLS_PER_SECOND_LIMIT },
			default: API_CALLS_PER_SECOND_LIMIT,
			description: `Ceiling for this node's calls per second. Tencent allows ${API_CALLS_PER_SECOND_LIMIT} per SDKAppID, and all runs in this n8n process share that limit.`,
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Subscriber',
					value: 'perSubscriber',
					description: 'One item per subscriber ID with its result, linked to the input item it came from',
				},
				{
					name: 'Summary per Input Item',
					value: 'summary',
					description: 'One item per input item with counts and the IDs that failed',
				},
			],
			default: 'perSubscriber',
			description: 'What the node outputs; runs as an AI tool always output the summary',
		},
		{
			displayName: 'Request Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for Tencent Chat to answer one call before retrying it',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_RETRIES,
			description:
				'How often to retry a call that failed for a passing reason (server errors, timeouts, rate limits). Other failures are not retried.',
		},
	],
};

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	const number = Number(value);
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.floor(number)));
}

export function readBulkOptions(ctx: IExecuteFunctions): BulkOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	const defaults = DEFAULT_TRANSPORT_SETTINGS;
	return {
		batchSize: clampInteger(options.batchSize, 1, DELETE_SUBSCRIBER_MAX_IDS_PER_CALL, DELETE_SUBSCRIBER_MAX_IDS_PER_CALL),
		output: ctx.isToolExecution() || options.output === 'summary' ? 'summary' : 'perSubscriber',
		transport: {
			maxRequestsPerSecond: clampInteger(options.maxRequestsPerSecond, 1, API_CALLS_PER_SECOND_LIMIT, defaults.maxRequestsPerSecond),
			maxConcurrentRequests: clampInteger(options.maxConcurrentRequests, 1, 200, defaults.maxConcurrentRequests),
			timeoutMs: clampInteger(options.timeout, 100, 600000, defaults.timeoutMs),
			retry: { ...defaults.retry, maxRetries: clampInteger(options.retries, 0, 10, defaults.retry.maxRetries) },
		},
	};
}
