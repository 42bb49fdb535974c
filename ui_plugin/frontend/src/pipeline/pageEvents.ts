/**
 * News one part of the builder page tells the others (a run queued, a DAG unpaused), as
 * events on the window: the parts need not share a parent that holds the state.
 */
import { useEffect } from "react";

/** Tell every listener on the page about `detail`, under the event name `name`. */
export function announce<T>(name: string, detail: T): void {
  window.dispatchEvent(new CustomEvent<T>(name, { detail }));
}

/** Call `listener` with each `name` event's detail while the component is mounted. */
export function useAnnouncements<T>(name: string, listener: (detail: T) => void): void {
  useEffect(() => {
    const handle = (event: Event) => listener((event as CustomEvent<T>).detail);
    window.addEventListener(name, handle);
    return () => window.removeEventListener(name, handle);
  }, [name, listener]);
}
