/**
 * Runs async tasks one at a time, in order. Registration changes go through one queue so that the uniqueness
 * check and the save of two concurrent adds cannot interleave, and the supervisor sees desired states in order.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // Keep the chain alive whatever this task does; callers see its own outcome.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
