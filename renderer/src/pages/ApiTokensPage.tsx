// Owned by the area's work in progress; replaced by the real page in the same session.
export function ApiTokensPage() {
  
  return <main className="page" />;
}
