import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

type VersionCondition = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>['@version'];

/**
 * Node version 2 changed only defaults. A parameter whose default changed is defined twice, once per
 * `displayOptions.show['@version']`: n8n saves only values that differ from the default, so a saved
 * version-1 node must keep its version-1 default to keep its meaning.
 */
export const VERSION_1: VersionCondition = [1];
export const FROM_VERSION_2: VersionCondition = [{ _cnd: { gte: 2 } }];

export interface OperationDefaults {
	/** The default of version 1. */
	version1: string;
	/** The default from version 2 on: an operation that changes nothing. */
	fromVersion2: string;
}

/** A resource's Operation parameter, once per version when the defaults differ. */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaults: OperationDefaults): INodeProperties[] {
	const property = (defaultOperation: string, versions: VersionCondition): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...(versions ? { '@version': versions } : {}) } },
		options,
		default: defaultOperation,
	});
	if (defaults.version1 === defaults.fromVersion2) return [property(defaults.version1, undefined)];
	return [property(defaults.version1, VERSION_1), property(defaults.fromVersion2, FROM_VERSION_2)];
}
