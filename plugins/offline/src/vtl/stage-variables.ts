/**
 * `$stageVariables` of API Gateway mapping templates. Serverless v3 defines no stage variables
 * (they come from outside the service), so offline the map is empty: templates see no values.
 */
export const stageVariables: Readonly<Record<string, string>> = Object.freeze({});
