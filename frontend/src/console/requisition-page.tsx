export function RequisitionPage() {
  return null;
}
