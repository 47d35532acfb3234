import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as deleteSubscribers from './delete.operation';

/** Operations of the Subscriber resource; adding one is a new file plus a line here. */
export const operations = {
	add,
	delete: deleteSubscribers,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriber'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Subscribe users to an official account',
				action: 'Add subscribers',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Unsubscribe users from an official account',
				action: 'Delete subscribers',
			},
		],
		default: 'delete',
	},
	...add.description,
	...deleteSubscribers.description,
];
