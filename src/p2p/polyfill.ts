/**
 * libp2p 3 calls Promise.withResolvers, which Node 20 lacks. Import this module before
 * anything that loads libp2p (it exports nothing; importing it installs the polyfill).
 */
interface WithResolvers {
  withResolvers?: <T>() => {
    promise: Promise<T>;
    resolve: (value: T | PromiseLike<T>) => void;
    reject: (reason?: unknown) => void;
  };
}

const promiseCtor = Promise as unknown as WithResolvers;
if (typeof promiseCtor.withResolvers !== "function") {
  promiseCtor.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
