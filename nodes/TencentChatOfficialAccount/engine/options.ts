import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { API_CALLS_PER_SECOND_LIMIT } from '../tencent/contract';
import {
	DEFAULT_MAX_CONCURRENT_REQUESTS,
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_TRANSPORT_SETTINGS,
	type TransportSettings,
} from '../transport';
import type { OutputMode } from './bulk/output';

/** Options of how calls are made, shared by every operation. They apply to the whole run (read from item 0). */
const TRANSPORT_OPTIONS: INodeProperties[] = [
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
		description: `Ceiling for this node's calls per second. Tencent allows ${API_CALLS_PER_SECOND_LIMIT} per SDKAppID, and all runs in this n8n process share that limit. With several n8n workers, set ${API_CALLS_PER_SECOND_LIMIT} divided by the number of workers.`,
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
];

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Options of an operation that makes one call (or one list) per item. */
export const perItemOptionsDescription: INodeProperties = optionsCollection(TRANSPORT_OPTIONS);

function batchSizeOption(maxIdsPerCall: number, nouns: string): INodeProperties {
	return {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: maxIdsPerCall },
		default: maxIdsPerCall,
		description: `How many ${nouns} to send per API call (at most ${maxIdsPerCall})`,
	};
}

/** Options of a bulk read (a contract with `dataOutput`): its output is the data, so no Output choice. */
export function bulkReadOptionsDescription(maxIdsPerCall: number, nouns: string): INodeProperties {
	return optionsCollection([batchSizeOption(maxIdsPerCall, nouns), ...TRANSPORT_OPTIONS]);
}

/** Options of a bulk operation with its own Output choice and options (Sync), beside Batch Size and the transport's. */
export function bulkOptionsWith(maxIdsPerCall: number, nouns: string, extra: INodeProperties[]): INodeProperties {
	return optionsCollection([batchSizeOption(maxIdsPerCall, nouns), ...TRANSPORT_OPTIONS, ...extra]);
}

/** Options of a per-item operation with its own options beside the transport's. */
export function perItemOptionsWith(extra: INodeProperties[]): INodeProperties {
	return optionsCollection([...extra, ...TRANSPORT_OPTIONS]);
}

/** Options of an operation that groups many IDs into few calls (at most `maxIdsPerCall` each). */
export function bulkOptionsDescription(maxIdsPerCall: number, nouns: string, extra: INodeProperties[] = []): INodeProperties {
	return optionsCollection([
		batchSizeOption(maxIdsPerCall, nouns),
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per ID', value: 'perSubscriber', description: 'One item per ID with its result, linked to the input item it came from' },
				{ name: 'Summary per Input Item', value: 'summary', description: `One item per input item with counts and the ${nouns} that failed` },
			],
			default: 'perSubscriber',
			description: 'What the node outputs; runs as an AI tool always output the summary',
		},
		...TRANSPORT_OPTIONS,
		...extra,
	]);
}

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	const number = Number(value);
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.floor(number)));
}

export function readOptions(ctx: IExecuteFunctions): Record<string, unknown> {
	return ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
}

export function readTransportSettings(options: Record<string, unknown>): TransportSettings {
	const defaults = DEFAULT_TRANSPORT_SETTINGS;
	return {
		maxRequestsPerSecond: clampInteger(options.maxRequestsPerSecond, 1, API_CALLS_PER_SECOND_LIMIT, defaults.maxRequestsPerSecond),
		maxConcurrentRequests: clampInteger(options.maxConcurrentRequests, 1, 200, defaults.maxConcurrentRequests),
		timeoutMs: clampInteger(options.timeout, 100, 600000, defaults.timeoutMs),
		retry: { ...defaults.retry, maxRetries: clampInteger(options.retries, 0, 10, defaults.retry.maxRetries) },
	};
}

export interface BulkOptions {
	batchSize: number;
	output: OutputMode;
	transport: TransportSettings;
	all: Record<string, unknown>;
}

export function readBulkOptions(ctx: IExecuteFunctions, maxIdsPerCall: number): BulkOptions {
	const options = readOptions(ctx);
	return {
		batchSize: clampInteger(options.batchSize, 1, maxIdsPerCall, maxIdsPerCall),
		output: ctx.isToolExecution() || options.output === 'summary' ? 'summary' : 'perId',
		transport: readTransportSettings(options),
		all: options,
	};
}
