import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import type { FunctionSpec } from './template';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** What Lambda reports when a function runs past its timeout (errorType Sandbox.Timedout). */
export class FunctionTimeoutError extends Error {
  override readonly name = 'Sandbox.Timedout';
}

export class FunctionLoadError extends Error {
  override readonly name = 'FunctionLoadError';
}

/** One recorded invocation: tests observe what each function received and answered. */
export interface Invocation {
  functionName: string;
  event: unknown;
  startedAt: string;
  durationMs: number;
  result?: unknown;
  error?: string;
}

export interface FunctionHost {
  names(): string[];
  invoke(name: string, event: unknown): Promise<unknown>;
  invocations: Invocation[];
  onInvocation(listener: (invocation: Invocation) => void): void;
}

/**
 * Imports each function's `uii:entry` and calls its `uii:handler` export in this process.
 * Handlers are imported after process.env holds the resolved environment, because they read
 * it at module load (table names, queue URLs).
 */
export async function loadFunctions(
  root: string,
  specs: FunctionSpec[],
  overrides: Record<string, LambdaHandler> = {},
  /** Called instead of throwing for a function that cannot load (the others still run). */
  onLoadError?: (error: FunctionLoadError) => void,
): Promise<FunctionHost> {
  const handlers = new Map<string, { spec: FunctionSpec; handler: LambdaHandler }>();
  for (const spec of specs) {
    let handler = overrides[spec.name];
    if (!handler)
      try {
        const file = join(root, spec.entry);
        let mod: Record<string, unknown>;
        try {
          mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        } catch (error) {
          throw new FunctionLoadError(
            `function ${spec.name}: cannot import ${spec.entry}: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        const exported = mod[spec.handler];
        if (typeof exported !== 'function')
          throw new FunctionLoadError(`function ${spec.name}: ${spec.entry} has no export "${spec.handler}"`);
        handler = exported as LambdaHandler;
      } catch (error) {
        if (!onLoadError || !(error instanceof FunctionLoadError)) throw error;
        onLoadError(error);
        continue;
      }
    handlers.set(spec.name, { spec, handler });
  }
  const invocations: Invocation[] = [];
  const listeners: ((i: Invocation) => void)[] = [];
  return {
    names: () => [...handlers.keys()],
    invocations,
    onInvocation: (listener) => {
      listeners.push(listener);
    },
    invoke: async (name, event) => {
      const entry = handlers.get(name);
      if (!entry) throw new FunctionLoadError(`function ${name} is not running locally`);
      const started = performance.now();
      const invocation: Invocation = {
        functionName: name,
        event: structuredClone(event),
        startedAt: new Date().toISOString(),
        durationMs: 0,
      };
      // Lambda stops a function at its timeout and fails the invocation (for SQS, the whole batch).
      // In-process the handler cannot be killed: its result is discarded, like Lambda's frozen work.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new FunctionTimeoutError(
                `Task timed out after ${entry.spec.timeoutSeconds.toFixed(2)} seconds`,
              ),
            ),
          entry.spec.timeoutSeconds * 1000,
        );
      });
      try {
        const running = entry.handler(event, lambdaContext(entry.spec));
        running.catch(() => {});
        const result = await Promise.race([running, timeout]);
        invocation.result = result;
        return result;
      } catch (error) {
        invocation.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw error;
      } finally {
        clearTimeout(timer);
        invocation.durationMs = Math.round(performance.now() - started);
        invocations.push(invocation);
        for (const l of listeners) l(invocation);
      }
    },
  };
}
