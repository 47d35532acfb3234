import type { INodeProperties } from 'n8n-workflow';

import * as respond from './respond.operation';

/** Operations of the Callback resource: answering the callback that started the execution. Needs no credential. */
export const operations = {
	respond,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callback'] } },
		options: [
			{
				name: 'Respond',
				value: 'respond',
				description: "Answer Tencent's callback",
				action: 'Answer a callback',
			},
		],
		default: 'respond',
	},
	...respond.description,
];
