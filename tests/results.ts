// What a loader or action result amounts to for a test: React Router `data()` carries its status, a
// Response (redirect, 403, 404) its status and Location, a plain object is a 200.

export interface Outcome {
  status: number;
  body: any;
  location: string | null;
}

export function unwrap(result: unknown): Outcome {
  if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { init, data } = result as { init?: { status?: number }; data: unknown };
    return { status: init?.status ?? 200, body: data, location: null };
  }
  return { status: 200, body: result, location: null };
}

/** The outcome of a loader or action, whether it returned or threw; a JSON Response's body is read. */
export async function settle(promise: Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await promise;
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    result = thrown;
  }
  const outcome = unwrap(result);
  if (result instanceof Response && result.headers.get("Content-Type")?.startsWith("application/json")) outcome.body = await result.clone().json();
  return outcome;
}
