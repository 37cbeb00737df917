export function CallupPage({ id }: { id: string }) {
  return <p>{id}</p>;
}
