// Owned by the area's work in progress; replaced by the real page in the same session.
export function ExportsPage() {
  
  return <main className="page" />;
}
