/**
 * The contract between the resolver and a variable source (`self`, `opt`, `env`, plugin sources…).
 * Shaped after v3's `configurationVariablesSources` so v3 plugin sources plug in unchanged.
 */
export interface VariableSourceContext {
  /** Text after `:` with nested variables resolved; null when the variable has no `:` address. */
  address: string | null;
  /** Text inside `(…)` with nested variables resolved; unquoted numbers/true/false/null converted. */
  params: unknown[];
  /** CLI options. */
  options: Record<string, unknown>;
  serviceDir: string;
  /** Humanized path of the property being resolved, e.g. `functions.hello.timeout`. */
  propertyPath: string;
  /** The resolved value of another property (waits for it; a cycle is an error). */
  resolveConfigurationProperty(path: string[]): Promise<unknown>;
  /** Resolves one variable expression written without `${}`, e.g. `sls:stage`. */
  resolveVariable(expression: string): Promise<unknown>;
  /** Resolves every variable in `text` (a text that is exactly one variable keeps the value's type). */
  resolveVariablesInString(text: string): Promise<unknown>;
}

export interface VariableSourceResult {
  /** `null`/`undefined` means "not found": the next fallback is tried. */
  value: unknown;
  /** The source cannot answer yet (e.g. before plugins load): the variable is left for a later pass. */
  isPending?: boolean;
  /** Message used when the value stays missing (or pending in the final pass). */
  eventualErrorMessage?: string;
}

export interface VariableSource {
  resolve(context: VariableSourceContext): VariableSourceResult | Promise<VariableSourceResult>;
}

/** Source type (`env`, `file`, …) → source. */
export type VariableSources = ReadonlyMap<string, VariableSource>;
