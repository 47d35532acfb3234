import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export interface OperationDefaults {
	/** The default of version 1, kept because n8n saves only the values that differ from the default. */
	version1: string;
	/** The default from version 2 on: a read-only operation. */
	fromVersion2: string;
}

/**
 * A resource's Operation parameter. When the defaults differ, it is defined once per version
 * (`displayOptions.show['@version']`), so a saved version-1 node that relied on its default still runs it.
 */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaults: OperationDefaults): INodeProperties[] {
	const property = (defaultOperation: string, versions: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>['@version']): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...(versions ? { '@version': versions } : {}) } },
		options,
		default: defaultOperation,
	});
	if (defaults.version1 === defaults.fromVersion2) return [property(defaults.version1, undefined)];
	return [property(defaults.version1, [1]), property(defaults.fromVersion2, [{ _cnd: { gte: 2 } }])];
}
