import { useEffect, useState } from 'preact/hooks';

/** The value, but only after it stopped changing for `delay` ms (search-as-you-type). */
export function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
