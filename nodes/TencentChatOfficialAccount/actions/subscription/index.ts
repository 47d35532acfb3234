import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

/** Operations of the Subscription resource (what one user follows); adding one is a new file plus a line here. */
export const operations = {
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the official accounts one user (by UserID) follows, with when they subscribed',
				action: 'Get many subscriptions',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
