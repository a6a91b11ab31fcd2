/**
 * Values from the input shown in error messages are cut to a readable length: a document whose root element name is
 * 20 MB long must not come back as a 20 MB error (nor be stored as one in an import report).
 */

/** Longest value from the input echoed in a message. */
export const MAX_ECHO = 100;
/** Longest message or path of an error, whatever it holds. */
export const MAX_MESSAGE = 1_000;

/** `value`, or its first `max` characters and an ellipsis (never splitting a surrogate pair). */
export const echo = (value: string, max: number = MAX_ECHO): string => {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}…`;
};
