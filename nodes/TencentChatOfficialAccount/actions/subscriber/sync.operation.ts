import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { idListSourceProperties } from '../../engine/idListSource';
import { bulkOptionsWith } from '../../engine/options';
import { ADD_SUBSCRIBER_MAX_IDS_PER_CALL } from '../../tencent/contract';
import { officialAccountProperty, SUBSCRIBER_IDS } from '../shared/subscriberIds';
import { DEFAULT_MAX_REMOVALS, runSync } from './syncRun';

const properties: INodeProperties[] = [
	officialAccountProperty('The official account whose subscribers should match the list; its ID starts with @TOA#_'),
	...idListSourceProperties(SUBSCRIBER_IDS),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Add Missing and Remove Others',
				value: 'addAndRemove',
				description: 'Subscribe the listed users who are missing and unsubscribe everyone not on the list',
			},
			{ name: 'Add Missing Only', value: 'addOnly', description: 'Subscribe the listed users who are missing; remove no one' },
			{ name: 'Remove Others Only', value: 'removeOnly', description: 'Unsubscribe everyone not on the list; add no one' },
		],
		default: 'addAndRemove',
		description:
			'All IDs of all input items for one account form that account\'s list. A subscriber who joins while the sync runs is never removed by it.',
	},
	bulkOptionsWith(ADD_SUBSCRIBER_MAX_IDS_PER_CALL, 'subscribers', [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to only read and compare: the output shows every planned change (status "planned") and nothing is changed',
		},
		{
			displayName: 'Max Removals',
			name: 'maxRemovals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_REMOVALS,
			description:
				'A sync that would remove more subscribers from one account changes nothing on it and fails, saying how many it would remove. Protects against an incomplete list.',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'One Item per Change', value: 'perChange', description: 'One item per added or removed subscriber with its status' },
				{ name: 'Summary per Account', value: 'summary', description: 'One item per official account with the counts and the changes that failed' },
			],
			default: 'perChange',
			description: 'What the node outputs; runs as an AI tool always output the summary',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['subscriber'], operation: ['sync'] } }, properties);

/** Subscriber → Sync: makes an account's subscribers match a list (add the missing, remove the others), safely. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runSync(this);
}
