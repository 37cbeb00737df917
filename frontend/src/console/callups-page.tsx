export function CallupsPage() {
  return null;
}
