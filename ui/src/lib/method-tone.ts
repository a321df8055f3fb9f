/**
 * Which colour a request method is drawn in, as Postman's method badges are: GET green, POST
 * amber, PUT blue, PATCH purple, DELETE red, HEAD green, OPTIONS pink; any other method neutral.
 * The colours are the `--method-<tone>` properties in `app.css` (light and dark).
 */

const TONES: Record<string, string> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  PATCH: 'patch',
  DELETE: 'delete',
  HEAD: 'head',
  OPTIONS: 'options',
};

/** `get`, `post`, … for the known methods (any case), `other` for the rest. */
export function methodTone(method: string): string {
  return TONES[method.trim().toUpperCase()] ?? 'other';
}
