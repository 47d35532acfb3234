import type { INodeProperties } from 'n8n-workflow';

import * as check from './check.operation';
import * as importUsers from './import.operation';

/** Operations of the User resource; adding one is a new file plus a line here. */
export const operations = {
	check,
	import: importUsers,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Tell whether UserIDs are users of this app (imported), e.g. before adding them as subscribers',
				action: 'Check users',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Make UserIDs users of this app, so they can subscribe or own an official account; importing an existing user is a success',
				action: 'Import users',
			},
		],
		default: 'check',
	},
	...check.description,
	...importUsers.description,
];
