/** Node ids as the spec allows them (`NodeId` in dag_factory/spec/models.py): they become Airflow task ids. */

const NODE_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const MAX_LENGTH = 200;

/** Why `id` cannot be a node id, or null when it can. */
export function nodeIdError(id: string): string | null {
  if (id === "") {
    return "A node needs an id.";
  }
  if (id.length > MAX_LENGTH) {
    return `At most ${MAX_LENGTH} characters.`;
  }
  if (!NODE_ID.test(id)) {
    return "Use letters, digits, _ and -, starting with a letter, a digit or _.";
  }
  return null;
}
