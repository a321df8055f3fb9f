/**
 * What each data classification keeps, in the words the workspace's classification picker
 * shows. The same promises as `Classification` in the core (`model/classification.rs`) and the
 * README's "Where data lives".
 */
import type { Classification } from './bindings/Classification';

export const CLASSES: Classification[] = ['restricted', 'internal', 'public'];

export const KEEPS: Record<Classification, string> = {
  restricted:
    'Restricted: history keeps only the method, host, status, size and timing of each send ' +
    '(no path, query, request name, headers or bodies); saved examples are sealed and left out ' +
    'of exports.',
  internal:
    'Internal: history keeps whole requests and responses, sealed at rest with the data key, ' +
    'as are saved examples.',
  public:
    'Public: history and saved examples are kept as plain text (cookie values and typed ' +
    'credentials stay sealed).',
};
