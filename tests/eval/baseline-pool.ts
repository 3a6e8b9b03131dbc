import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BaselineExtractions } from './baseline-extractors.js';
import type { EvalPage } from './corpora.js';

interface Task {
  readonly page: EvalPage;
  readonly resolve: (result: BaselineExtractions) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Runs the baselines (Readability on jsdom, metascraper) in worker threads, one page per idle
 * worker: jsdom dominates the evaluation's time, and each page is independent.
 */
export class BaselinePool {
  readonly #idle: Worker[] = [];
  readonly #running = new Map<Worker, Task>();
  readonly #queue: Task[] = [];
  readonly #workers: Worker[];

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    this.#workers = Array.from({ length: size }, () => this.#spawn());
  }

  get size(): number {
    return this.#workers.length;
  }

  run(page: EvalPage): Promise<BaselineExtractions> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ page, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./baseline-worker.ts', import.meta.url), {
      execArgv: ['--import', 'tsx'],
    });
    worker.on('message', (result: BaselineExtractions) => {
      this.#running.get(worker)?.resolve(result);
      this.#release(worker);
    });
    worker.on('error', (error: Error) => {
      this.#running.get(worker)?.reject(error);
      this.#running.delete(worker);
    });
    this.#idle.push(worker);
    return worker;
  }

  #release(worker: Worker): void {
    this.#running.delete(worker);
    this.#idle.push(worker);
    this.#dispatch();
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop();
      const task = this.#queue.shift();
      if (!worker || !task) return;
      this.#running.set(worker, task);
      worker.postMessage(task.page);
    }
  }
}
