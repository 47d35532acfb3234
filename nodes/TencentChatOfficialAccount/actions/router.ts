import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as callback from './callback';
import * as message from './message';
import * as officialAccount from './officialAccount';
import * as subscriber from './subscriber';
import * as subscription from './subscription';
import * as user from './user';

type OperationExecute = (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

/** Resources and their operations; a new operation is a new file registered in its resource's index. */
const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	callback: callback.operations,
	message: message.operations,
	officialAccount: officialAccount.operations,
	subscriber: subscriber.operations,
	subscription: subscription.operations,
	user: user.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const selected = resources[resource]?.[operation];
	if (!selected) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`, {
			description: 'Choose a resource and operation that this node lists.',
		});
	}
	return await selected.execute.call(this);
}
