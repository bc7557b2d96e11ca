import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "./api-client";
import { useWorld } from "./world-context";

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `path` (nothing when null), again whenever the world changes, and every `pollMs` when
 * given. Polls never overlap: the next starts after the previous answer.
 */
export function useApi<T>(path: string | null, options: { pollMs?: number } = {}): ApiState<T> {
  const { version } = useWorld();
  const { pollMs } = options;
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<{ path: string | null; data?: T; error?: ApiError }>({
    path: null,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: version and nonce are refetch triggers
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const data = await api<T>(path, { signal: controller.signal });
        setState({ path, data });
      } catch (error) {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, undefined, String(error));
        // A transient failure keeps what was shown; a 404 means it is gone (after a reset,
        // say), so nothing stale stays on screen under the error.
        const keep = apiError.status !== 404;
        setState((previous) => ({
          path,
          ...(keep && previous.path === path ? { data: previous.data } : {}),
          error: apiError,
        }));
      }
      if (pollMs && !controller.signal.aborted) timer = setTimeout(load, pollMs);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [path, version, nonce, pollMs]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && (!current || (state.data === undefined && !state.error)),
    reload,
  };
}
