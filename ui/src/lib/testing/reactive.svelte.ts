/**
 * Props a test can change after mounting, as a parent component would: `reactive(props)` is a
 * deep `$state` proxy of them, so an assignment re-renders the component given them.
 */
export function reactive<T extends object>(props: T): T {
  const state = $state(props);
  return state;
}
