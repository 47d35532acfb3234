import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * How failures are shaped. n8n moves an item to the error output only when its json has nothing but
 * `error`, `message` and `details`, so for "Continue (using error output)" the fields go under `details`;
 * for "Continue (using regular output)" failures keep the same fields as successes, plus `error`.
 */
export type FailureShape = 'regularOutput' | 'errorOutput';

export function failureShapeOf(ctx: IExecuteFunctions): FailureShape {
	return ctx.getNode().onError === 'continueErrorOutput' ? 'errorOutput' : 'regularOutput';
}

export function failureJson(shape: FailureShape, error: string, fields: IDataObject): IDataObject {
	return shape === 'errorOutput' ? { error, details: fields } : { ...fields, error };
}

/** Joins message parts into sentences, each ending with a full stop. */
export function sentences(...parts: string[]): string {
	return parts
		.filter((part) => part.trim() !== '')
		.map((part) => (/[.!?)]$/.test(part.trim()) ? part.trim() : `${part.trim()}.`))
		.join(' ');
}
