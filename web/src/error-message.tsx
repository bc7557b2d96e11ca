import { ApiError } from "./api-client";

/** An API error shown where it happened: message, code and the fields at fault. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error" role="alert">
      <p>
        <strong>{apiError && apiError.status > 0 ? `Error ${apiError.status}` : "Error"}</strong>
        {apiError?.code ? <span className="error-code"> {apiError.code}</span> : null}: {message}
      </p>
      {apiError && apiError.details.length > 0 ? (
        <ul>
          {apiError.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
